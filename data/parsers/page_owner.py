"""The organisation whose page it is, as the page itself names it, so that 'NAME, chercheur à
l'Ifri' is read as one of its people even where the configured organisation is another one (the
demo's) or is named otherwise:

    media Ifri in the Media      the section's heading ('X in the Media', 'L'X dans les médias')
    Rechercher sur ifri.org      the site's search box: the site's name
    À propos de l'Ifri           the site's 'about' link
    l'Institut français des relations internationales (Ifri)
                                       the long form of a name the page uses, where it spells it out
"""

from __future__ import annotations

import re

from data.organisation import alias_key

_NAME = r"(?P<name>[A-ZÀ-Ý][\w&'’.-]*(?: [\w&'’.-]+){0,5})"
_HEADING = re.compile(
    rf"^(?:(?:espace )?médias? |media |press )?(?:l['’]|the |die |das |der )?{_NAME} "
    r"(?:in the media|in the press|in the news|dans les médias|dans la presse|"
    r"in den medien|in der presse)$",
    re.I,
)
_SEARCH = re.compile(
    r"^(?:rechercher sur|search on|suche auf) (?:www\.)?(?P<name>[\w-]{2,})\.\w+$", re.I
)
_ABOUT = re.compile(r"^(?:à propos de l['’]|about the )(?P<name>[A-ZÀ-Ý][\w-]+)$", re.I)
# Not an organisation: 'Our experts in the media', 'Nos chercheurs dans les médias'
_NOT_A_NAME = re.compile(
    r"^(?:our|nos|notre|unsere|les|the|die|ils|elles|they|experts?|chercheurs|researchers)\b", re.I
)
_JOINERS = {"de", "du", "des", "d", "la", "le", "l", "of", "for", "the", "and", "für", "et", "&"}


def names_on_page(lines: list[str]) -> list[str]:
    """The organisation's names as the page's furniture writes them: the section's heading, the
    search box and the 'about' link (in its first lines: the site's header)."""
    found: list[str] = []
    for line in lines[:40]:
        match = _HEADING.match(line) or _SEARCH.match(line) or _ABOUT.match(line)
        if match and not _NOT_A_NAME.match(match.group("name")):
            found.append(match.group("name").strip(" .'’"))
    return list(dict.fromkeys(found))


def long_forms(text: str, names: tuple[str, ...]) -> list[str]:
    """The spelled-out names the text gives an acronym it knows: 'the French Institute of
    International Relations (Ifri)' or 'l'Institut français des relations internationales (IFRI)'
    -> the words before the brackets, from the capital that starts the name."""
    keys = {alias_key(n) for n in names}
    found = []
    for match in re.finditer(r"\((?:l['’]|the )?([\w-]{2,12})\)", text):
        before = re.split(r"[()\n]", text[max(0, match.start() - 120) : match.start()])[-1]
        if alias_key(match.group(1)) in keys:
            name = _name_before(before.split())
            if name and alias_key(name) not in keys:
                found.append(name)
    return list(dict.fromkeys(found))


def _name_before(words: list[str]) -> str | None:
    """The name that ends `words`: from the last capitalised word on when lower-case words follow
    it ('Institut français des relations internationales'), else every capitalised word and
    joiner back from the end ('French Institute of International Relations')."""
    capitals = [i for i, w in enumerate(words) if _capitalised(w)]
    if not capitals:
        return None
    start = capitals[-1]
    if start == len(words) - 1:  # the name is in capitals all along: go back over it
        while start > 0 and (_capitalised(words[start - 1]) or words[start - 1] in _JOINERS):
            start -= 1
        while words[start] in _JOINERS:
            start += 1
    name = " ".join(words[start:])
    name = re.sub(r"^(?:l['’]|d['’])", "", name)
    return name if len(name.split()) >= 2 else None


def _capitalised(word: str) -> bool:
    word = re.sub(r"^(?:l['’]|d['’])", "", word)
    return bool(word) and word[0].isupper()
