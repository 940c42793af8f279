"""One form for every name (expert, outlet, topic) before it is matched, slugged or stored.

`clean` is what a name says: NFKC, without the characters that show nothing (Unicode's
Default_Ignorable_Code_Point: soft hyphen, joiners, bidi marks, variation selectors, the Hangul
fillers, tag characters...), spaces collapsed. `latin_lookalike` turns a word mixing Latin with
look-alike letters of another script ('Gomаrt' with a Cyrillic 'а') into its Latin form, from the
Unicode confusables data (confusable-homoglyphs). `ascii_form` is a name in Latin letters
(anyascii), for slugs every link accepts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii
from confusable_homoglyphs import categories, confusables

# Default_Ignorable_Code_Point, from DerivedCoreProperties.txt (Unicode 15.1). Python's
# unicodedata does not carry the property; these ranges change rarely.
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul choseong / jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian free variation selectors, vowel separator
    (0x200B, 0x200F),  # zero width space, joiners, left-to-right and right-to-left marks
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero width no-break space (byte-order mark)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFF8),  # unassigned specials
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol formatting
    (0xE0000, 0xE0FFF),  # tag characters, variation selectors supplement
)
_IGNORABLE = re.compile(
    "["
    + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in DEFAULT_IGNORABLE)
    + "\x00-\x08\x0e-\x1f\x7f]"
)


@lru_cache(maxsize=16384)  # an export repeats its outlets and people row after row
def clean(name: str) -> str:
    """The name as it reads: NFKC, invisible characters and control codes removed, one space."""
    if name.isascii() and name.isprintable():
        return " ".join(name.split())
    text = _IGNORABLE.sub("", unicodedata.normalize("NFKC", name))
    # removing a joiner may leave a letter and its accent apart: compose them again
    return " ".join(unicodedata.normalize("NFC", text).split())


def latin_lookalike(word: str) -> str:
    """A word mixing Latin letters with look-alikes from another script, in Latin letters only;
    any other word as it is."""
    if word.isascii():
        return word
    return _latin_lookalike(word)


@lru_cache(maxsize=65536)
def _latin_lookalike(word: str) -> str:
    scripts = {categories.alias(c) for c in word if c.isalpha()}
    if "LATIN" not in scripts or len(scripts) < 2:
        return word
    return latin_skeleton(word)


def latin_skeleton(text: str) -> str:
    """Every letter of another script that is mistaken for a Latin one, as that Latin letter:
    'ТНОМАЅ' (all Cyrillic) -> 'THOMAS'. Compared with the roster only, never stored."""
    return text if text.isascii() else "".join(_latin_glyph(c) for c in text)


@lru_cache(maxsize=4096)
def _latin_glyph(char: str) -> str:
    """The ASCII letter a letter of another script is mistaken for, or the character."""
    if char.isascii() or categories.alias(char) == "COMMON":
        return char
    for glyph in confusables.confusables_data.get(char, ()):
        if glyph["c"].isascii() and glyph["c"].isalpha():
            return glyph["c"]
    return char


def ascii_form(text: str) -> str:
    """The text in ASCII: 'Известия' -> 'Izvestiya', '人民日报' -> 'RenMinRiBao'."""
    return text if text.isascii() else anyascii(text)
