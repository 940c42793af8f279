"""The people an "in the media" text presents as the one who speaks, by the phrases that present
them, in English, French and German, so that a person missing from the roster is still found:

    l'historien Thomas Gomart / la spécialiste de la Russie NAME / senior fellow NAME
    NAME : « Le Kremlin est ébranlé »           a headline that quotes them
    Entretien avec NAME / Interview mit NAME / Three questions to NAME
    NAME revient sur ... / NAME explains ...    the subject of what an expert does on air
    ..., estime NAME / ..., says NAME / selon NAME

Journalists, hosts and officials are presented otherwise ('propos recueillis par', 'au micro de',
'X reçoit', 'le ministre X'), and none of these phrases names them.
"""

from __future__ import annotations

import re

from data.model import ExpertMention
from data.organisation import alias_key
from data.parsers.person_names import FIRST, PARTICLE

# 'Thomas Gomart', 'Marc-Antoine Eyl-Mazzega', 'Thierry de Montbrial', 'Tatiana KASTOUÉVA-JEAN'
_NAME = rf"(?P<name>{FIRST}(?: {PARTICLE}?[A-ZÀ-Ý][\w'’]+(?:-[A-ZÀ-Ý][\w'’]+)?){{1,2}})"
_ROLE = (
    r"(?:chercheu(?:r|se)(?: associée?)?|spécialiste|experte?|historien(?:ne)?|politologue|"
    r"économiste|géopolitologue|sociologue|analyste|"
    r"(?:senior |visiting |research )?(?:researcher|fellow|analyst|expert|scholar|historian|"
    r"economist|specialist)|"
    r"forscher(?:in)?|expert(?:e|in)|politolog(?:e|in)|historiker(?:in)?|wissenschaftler(?:in)?)"
)
_ARTICLE = r"(?:le |la |l['’]|the |der |die |notre |our |unser(?:e|em|er)? )?"
_SPEAKS = (
    r"(?:revient|explique|analyse|décrypte|répond|commente|évoque|détaille|livre|signe|publie|"
    r"s['’]exprime|intervient|participe|était l['’]invitée?|est l['’]invitée?|"
    r"explains|analy[sz]es|discusses|comments|answers|talks|speaks|spoke|argues|writes|joins|"
    r"reflects|assesses|looks at|examines|told|was (?:a |the )?guest|was interviewed|"
    r"erklärt|erklärte|analysiert|spricht|sprach|kommentiert|erläutert|beantwortet|sagte|"
    r"ordnet|warnt)"
)
# The German verb before its subject: 'Im Gespräch mit der Deutschen Welle erklärt NAME, ...'
_SAYS_FIRST = r"(?:erklärt|erklärte|sagt|sagte|ordnet|analysiert|kommentiert|warnt|betont|meint|so)"
_SAYS = (
    r"(?:estime|juge|explique|analyse|souligne|affirme|observe|note|résume|prévient|rappelle|"
    r"says|explains|argues|notes|warns|observes|erklärt|sagt|meint|betont)"
)
# A post in research: what a think tank's people are presented with after their name
_RESEARCH_POST = (
    r"chercheu|research|fellow|programme|program|centre|center|études|studies|forsch|"
    r"wissenschaft|studienkomitee|spécialiste|specialist|analyst|expert|associ|institut|think.?tank"
)
_RESEARCH = re.compile(_RESEARCH_POST, re.I)
_CUES = [
    # 'l'historien Thomas Gomart', 'le spécialiste du gaz russe NAME'
    re.compile(rf"(?i:\b{_ARTICLE}{_ROLE}(?: [a-zà-ÿ'’-]+){{0,4}}) {_NAME}"),
    # 'NAME : « quote »' at the head of a line: a headline or the answer of an interview
    re.compile(rf"(?m:^){_NAME} ?: ?[«\"“„'‘]"),
    re.compile(
        rf"(?i:\b(?:entretien avec|interview (?:de|avec|with|mit)|rencontre avec|"
        rf"conversation (?:with|avec)|im gespräch mit|gespräch mit|(?:trois|three|drei) "
        rf"(?:questions|fragen) (?:à|to|an)|selon|according to|d['’]après) "
        rf"(?:{_ARTICLE}{_ROLE} )?){_NAME}"
    ),
    # 'NAME revient sur ...', '..., NAME explains', 'Céline Pajon on the politics of ...'
    re.compile(rf"(?:^|(?<=[.!?»”,] )|(?<=\n)){_NAME} (?i:{_SPEAKS})\b"),
    re.compile(rf"(?m:^){_NAME} on (?:the |a |an |how |why |what |whether )?[a-z]"),
    re.compile(rf"(?i:\b{_SAYS_FIRST}) {_NAME}\b"),
    re.compile(rf"(?i:[,»”\"] ?{_SAYS} (?:{_ARTICLE}{_ROLE}(?: [a-zà-ÿ'’-]+){{0,4}} )?){_NAME}"),
    # 'NAME, chercheuse au Centre des études de sécurité', 'NAME, head of the US Program'
    re.compile(rf"{_NAME}, (?=[^,.;:()\n]{{0,60}}(?i:{_RESEARCH_POST}))"),
]
# Capitalised pairs that are not people: 'Le Monde', 'Union Européenne'
_NOT_FIRST = {
    "le", "la", "les", "l", "the", "die", "der", "das", "un", "une", "a", "an", "en", "au", "aux",
    "dans", "pour", "selon", "avec", "sur", "et", "de", "du", "des", "in", "on", "for", "with",
    "mais", "but", "und", "im", "am", "ce", "cette", "this", "that", "when", "quand",
    "centre", "center", "zentrum", "institut", "institute", "programme", "program", "comite",
    "committee", "universite", "university", "fondation", "foundation", "stiftung", "conseil",
    "council", "ministere", "ministry", "agence", "agency", "observatoire", "observatory",
    "senior", "sciences", "analyse", "analysis", "interview", "entretien", "gesprach", "debat",
    "debate", "guests", "invites", "gaste", "rencontre", "conversation", "eine", "ein", "von",
}  # fmt: skip
# Capitalised German nouns, never a first name: 'Beziehungen des Ifri', 'Sicherheit der Ukraine'
_NOUN_ENDING = re.compile(r"(?:(?:ung|heit|keit|schaft)(?:en)?|tionen|ität|ismus)$")
_NOT_LAST = {
    "institute", "institut", "centre", "center", "foundation", "fondation", "stiftung", "council",
    "programme", "program", "group", "forum", "school", "university", "agency", "service",
    "fellow", "researcher", "committee", "po", "nord", "sud", "north", "south",
}  # fmt: skip


def speakers_in(text: str, roster, outlets, own_names: tuple[str, ...]) -> list[ExpertMention]:
    """The people the text presents as speaking, in the order it names them, with those named
    beside them ('NAME, with NAME2, looks at ...'): as the roster spells them where it knows them,
    else as written (marked as not in the roster)."""
    own = {alias_key(n) for n in own_names}
    found: dict[str, tuple[int, str]] = {}  # key -> (where it is named, as written)

    def consider(match: re.Match) -> None:
        at = match.start("name")
        written = a_person(match.group("name"), text[max(0, at - 40) : at], own)
        if not written:
            return
        key = alias_key(written)
        after = text[match.end("name") : match.end("name") + 200]
        if not (
            any(_one_person(key, other) for other in found)
            or outlets.resolve(written)
            or _of_another_house(after, own_names)
            or _HOST.search(text[max(0, match.start("name") - 40) : match.start("name")])
            or _of_an_outlet(after, outlets)
        ):
            found[key] = (match.start("name"), written)

    for cue in _CUES:
        for match in cue.finditer(text):
            consider(match)
    for _, written in list(found.values()):
        for match in re.finditer(rf"{re.escape(written)},? {_BESIDE} {_NAME}", text):
            consider(match)
    mentions = []
    for _, written in sorted(found.values()):
        known = roster.canonical(written)
        mentions.append(ExpertMention(known or _as_shown(written), in_roster=bool(known)))
    return mentions


_BESIDE = r"(?:with|avec|mit|and|et|und|&)"


def a_person(written: str, before: str, own: set[str]) -> str | None:
    """The person's name in a run of capitalised words, or None when it names none: 'Analyse von
    Octave Le Guen' -> 'Octave Le Guen'; 'Außenministerin Annalena Baerbock' (an official),
    'Beziehungen des Ifri', 'Programme Amérique du Nord', 'Senior Fellow' -> None."""
    words = written.split()
    owner = next((i for i, w in enumerate(words[:-2]) if w.endswith(("'s", "’s"))), None)
    if owner is not None:  # "Ifri's Clémence Vautrin"
        words = words[owner + 1 :]
    while len(words) > 2 and alias_key(words[0]) in _NOT_FIRST:  # 'Eine Analyse von NAME'
        if alias_key(words[0]) in _ARTICLES:
            return None  # 'Le Grand Continent', 'The Economist Intelligence Unit'
        words = words[2:] if words[1] in _PARTICLES else words[1:]
    keys = [alias_key(w) for w in words]
    if (
        len(words) < 2
        or keys[0] in _NOT_FIRST
        or keys[-1] in _NOT_LAST
        or _NOUN_ENDING.search(keys[0])
        or re.search(_ROLE, words[0], re.I)  # 'Russland-Expertin des Ifri'
        or any(k in own for k in keys)  # '... Beziehungen des Ifri'
        or _TITLE_BEFORE.search(f"{before[-40:]}{' '.join(written.split()[:-2])}")
    ):
        return None
    return " ".join(words)


_PARTICLES = ("von", "de", "du", "des")
_ARTICLES = {"le", "la", "les", "l", "the", "die", "der", "das", "un", "une", "a", "an"}


def _one_person(key: str, other: str) -> bool:
    return key == other or key.endswith(" " + other) or other.endswith(" " + key)


# An official's or an institution's title before the name: 'Außenministerin Annalena Baerbock',
# 'Foreign Secretary NAME', 'au Programme Amérique du Nord', 'le Centre Asie'
_TITLE_BEFORE = re.compile(
    r"(?i:minist|kanzler|präsident|president|secretary|secrétaire d['’]état|senator|sénat|"
    r"député|ambassad|botschaft|bürgermeister|maire|mayor|commissioner|commissaire|"
    r"programme|program|centre|center|institut|comité|committee|pôle)\w* ?$"
)
# 'NAME vom Handelsblatt', 'NAME of the Financial Times': a journalist of an outlet
_OF_OUTLET = re.compile(
    r"^,? (?:vom|von der|von|de|du|des|of|from|for|pour|at) (?:the |le |la |l['’]|der |dem |die )?"
    r"(?P<outlet>[A-ZÀ-Ý][\w'’&.-]*(?: [A-ZÀ-Ý][\w'’&.-]*){0,3})"
)


def _of_an_outlet(after: str, outlets) -> bool:
    match = _OF_OUTLET.match(after)
    if not match:
        return False
    words = match.group("outlet").split()
    return any(outlets.resolve(" ".join(words[:n])) for n in range(len(words), 0, -1))


# Who presents or asks: 'propos recueillis par NAME', 'au micro de NAME', 'conducted by NAME'
_HOST = re.compile(
    r"(?i:\b(?:par|by|von|micro de|journaliste|journalist|reporter|présentée? par|hosted by|"
    r"moderated by|animée? par))\s*(?:{_ARTICLE})?$".replace("{_ARTICLE}", _ARTICLE)
)
# 'NAME, Director of the Norwegian Intelligence Service': a post at a named institution
_POST = re.compile(
    r"^ ?, ?(?P<post>[^,.;:()\n]{0,100}?\b(?:of|at|de|du|des|à|au|der|des|beim|bei|vom)"
    r"(?: the| la| l['’]| le| les| a| an| un| une)? ?[\w][^,.;:()\n]{0,80})"
)

# A post at a university: a guest of the programme, not a think tank's own
_ACADEMIC = re.compile(
    r"maîtres? de conférences|professeur|professor|lecturer|universit|hochschule|sciences po|"
    r"cnrs|invitée?\b|visiting|consultancy|bank|banque|firm|company|cabinet|entreprise|"
    r"unternehmen",
    re.I,
)


def _of_another_house(after: str, own_names: tuple[str, ...]) -> bool:
    """The name is followed by a post at an institution, not a research one nor the
    organisation's own: a guest of another house, not one of its people."""
    post = _POST.match(after)
    if not post:
        return False
    words = post.group("post")
    own = any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", words, re.I) for n in own_names)
    return not own and (_ACADEMIC.search(words) or not _RESEARCH.search(words))


def _as_shown(written: str) -> str:
    """'Tatiana KASTOUÉVA-JEAN' -> 'Tatiana Kastouéva-Jean'."""
    return " ".join(w.title() if w.isupper() and len(w) > 1 else w for w in written.split())
