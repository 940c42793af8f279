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
from data.parsers.common import IN_THE_MEDIA, SEARCH_BOX
from data.parsers.person_names import INSTITUTION_WORDS, UP

_NAME = rf"(?P<name>[{UP}][\w&'’.-]*(?: [\w&'’.-]+){{0,5}})"
_HEADING = re.compile(
    rf"^(?:(?:espace )?médias? |media |press )?(?:l['’]|the |die |das |der )?{_NAME} "
    rf"{IN_THE_MEDIA}$",
    re.I,
)
# The header's 'about' link, in the forms no headline takes: 'À propos de l'Ifri', 'About the X'
_ABOUT = re.compile(rf"^(?:à propos de l['’]|about the )(?P<name>[{UP}][\w-]+)$", re.I)
_SEARCH = re.compile(rf"^{SEARCH_BOX} (?:www\.)?(?P<name>[\w-]{{2,}})\.\w+$", re.I)
# Not an organisation's name: 'Our experts in the media'; nor, alone, 'Faculty', 'the Institute'
_NOT_A_NAME = re.compile(
    r"^(?:our|nos|notre|unsere|les|the|die|ils|elles|they|experts?|chercheurs|researchers)\b",
    re.I,
)
_GENERIC = re.compile(
    rf"^(?:faculty|fellows|research|recherche|scholars|staff|team|équipe|{INSTITUTION_WORDS})$",
    re.I,
)
_INSTITUTION = re.compile(rf"^(?:l['’]|d['’])?(?:{INSTITUTION_WORDS})", re.I)


def names_on_page(lines: list[str]) -> list[str]:
    """The organisation's names as the page's furniture writes them: the section's heading, the
    search box and the 'about' link (in its first lines: the site's header)."""
    found: list[str] = []
    for at, line in enumerate(lines[:40]):
        about = _ABOUT.match(line) if at < 8 else None  # in the site's header, not a list
        match = _HEADING.match(line) or _SEARCH.match(line) or about
        name = match.group("name").strip(" .'’") if match else ""
        if name and not (_NOT_A_NAME.match(name) or _GENERIC.match(name)):
            found.append(name)
    return list(dict.fromkeys(found))


def long_forms(text: str, names: tuple[str, ...]) -> list[str]:
    """The spelled-out names the text gives an acronym it knows: 'the French Institute of
    International Relations (Ifri)' or 'l'Institut français des relations internationales (IFRI)'
    -> the name of an institution before the brackets ('NAME (IMRI)' is a person's, not one)."""
    keys = {alias_key(n) for n in names}
    found = []
    for match in re.finditer(r"\((?:l['’]|the )?([\w-]{2,12})\)", text):
        if alias_key(match.group(1)) not in keys:
            continue
        before = re.split(r"[()\n,;:]", text[max(0, match.start() - 120) : match.start()])[-1]
        name = _institution_before(before.split())
        if name and alias_key(name) not in keys:
            found.append(name)
    return list(dict.fromkeys(found))


def _institution_before(words: list[str]) -> str | None:
    """The institution's name that ends `words`: from its last institution word ('Institut
    français des relations internationales', 'Centre ... de l'Institut ...' -> the Institut), with
    the capitalised words just before it ('French Institute of International Relations')."""
    at = next((i for i in range(len(words) - 1, -1, -1) if _INSTITUTION.match(words[i])), None)
    if at is None:
        return None
    while at > 0 and _capitalised(words[at - 1]):
        at -= 1
    name = re.sub(r"^(?:l['’]|d['’])", "", " ".join(words[at:]))
    return name if len(name.split()) >= 2 else None


def _capitalised(word: str) -> bool:
    word = re.sub(r"^(?:l['’]|d['’])", "", word)
    return bool(word) and word[0].isupper()
