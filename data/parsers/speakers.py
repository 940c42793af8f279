"""The people an "in the media" text presents as the one who speaks, by the phrases that present
them, in English, French and German, so that a person missing from the roster is still found:

    l'historien Thomas Gomart / la spécialiste de la Russie NAME / senior fellow NAME
    NAME : « Le Kremlin est ébranlé »           a headline that quotes them
    Entretien avec NAME / Interview mit NAME / Three questions to NAME / Pour NAME, ...
    NAME revient sur ... / NAME explains ...    the subject of what an expert does on air
    ..., estime NAME / ..., says NAME / selon NAME / laut NAME
    NAME, chercheuse au Centre Asie ...         a post in research after the name

Journalists, hosts and officials are presented otherwise ('propos recueillis par', 'au micro de',
'X reçoit', 'le ministre X', 'NAME, NATO Secretary General', 'Politico's NAME'), as are other
houses' guests ('NAME, professor at Harvard'), and none of these is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from data.model import ExpertMention
from data.organisation import alias_key
from data.parsers.person_names import FIRST, INSTITUTION_WORDS, LOW, PARTICLE, SURNAME, UP

# A person's name: a first name and one or two surnames
_PERSON = rf"{FIRST}(?: {PARTICLE}?{SURNAME}){{1,2}}"
_NAME = rf"(?P<name>{_PERSON})"
_ROLE = (
    r"(?:chercheu(?:r|se)(?: associée?)?|spécialiste|experte?|historien(?:ne)?|politologue|"
    r"économiste|géopolitologue|sociologue|analyste|"
    r"(?:senior |visiting |research )?(?:researcher|fellow|analyst|expert|scholar|historian|"
    r"economist|specialist)|"
    r"forscher(?:in)?|expert(?:e|in)|politolog(?:e|in)|historiker(?:in)?|wissenschaftler(?:in)?)"
)
_ARTICLE = r"(?:le |la |l['’]|the |der |die |notre |our |unser(?:e|em|er)? )?"
# What follows a role before the name: small words, or a capital after a preposition ('de la
# Russie', 'du gaz russe'), never a capital on its own (which is the name's first word)
_COMPLEMENT = (
    rf"(?: (?:(?:de|du|des|of|the|la|le|en|in|von|der|d['’]|l['’]) ?[{UP}][\w'’-]+|[{LOW}'’-]+))"
    r"{0,4}"
)
_PRESENTED = rf"(?i:\b{_ARTICLE}{_ROLE}){_COMPLEMENT}"
# What an expert does, in either order: 'NAME explique', '..., explique NAME'
_SAYS = (
    r"(?:revient|explique|analyse|décrypte|répond|commente|évoque|détaille|livre|signe|publie|"
    r"estime|juge|souligne|affirme|observe|note|résume|prévient|rappelle|"
    r"s['’]exprime|intervient|participe|était l['’]invitée?|est l['’]invitée?|"
    r"explains|analy[sz]es|discusses|comments|answers|talks|speaks|spoke|argues|writes|joins|"
    r"reflects|assesses|looks at|examines|says|notes|warns|observes|told|"
    r"was (?:a |the )?guest|was interviewed|"
    r"erklärt|erklärte|analysiert|spricht|sprach|kommentiert|erläutert|beantwortet|sagt|sagte|"
    r"ordnet|warnt|meint|betont)"
)
# The German verb before its subject, small as mid-sentence: 'Im Gespräch mit der Deutschen
# Welle erklärt NAME, ...'
_SAYS_FIRST = r"(?:erklärt|erklärte|sagt|sagte|ordnet|analysiert|kommentiert|warnt|betont|meint)"
_SAY_TOGETHER = (
    r"(?:discuss|explain|analy[sz]e|debate|answer|look at|reviennent|expliquent|analysent|"
    r"débattent|décryptent|répondent|erklären|diskutieren|sprechen|analysieren)"
)
_ASKED = (
    r"(?:interrogée? (?:par|dans)|interviewée? (?:par|dans)|citée? (?:par|dans)|interviewed by|"
    r"quoted (?:by|in)|im (?:interview|gespräch) mit)"
)
_SENTENCE_START = r"(?:^|(?<=[.!?»”] )|(?<=\n))"
# A post in research: what a think tank's people are presented with after their name
_RESEARCH_POST = (
    rf"chercheu|research|fellow|programme|program|études|studies|forsch|wissenschaft|"
    rf"spécialiste|specialist|analyst|expert|associ|{INSTITUTION_WORDS}"
)
_RESEARCH = re.compile(_RESEARCH_POST, re.I)
_CUES = [
    # 'l'historien Thomas Gomart', 'le spécialiste du gaz russe NAME'
    re.compile(rf"{_PRESENTED} {_NAME}"),
    # 'NAME : « quote »' at the head of a line: a headline or the answer of an interview
    re.compile(rf"(?m:^){_NAME} ?: ?[«\"“„'‘]"),
    re.compile(
        rf"(?i:\b(?:entretien avec|interview (?:de|avec|with|mit)|rencontre avec|"
        rf"conversation (?:with|avec)|im gespräch mit|gespräch mit|(?:trois|three|drei) "
        rf"(?:questions|fragen) (?:à|to|an)|selon|according to|d['’]après|laut|"
        rf"nach (?:einschätzung|ansicht|meinung) von|analyse (?:de|von)|an analysis by) )"
        rf"(?:{_PRESENTED} )?{_NAME}"
    ),
    re.compile(rf"{_SENTENCE_START}Pour (?:{_PRESENTED} )?{_NAME},"),
    # 'NAME revient sur ...', 'En direct de Kyiv, NAME explique ...' (not after a quote: that
    # is what the one who speaks says, and they need not be the organisation's)
    re.compile(rf"(?:{_SENTENCE_START}|(?<=[^»”\"'’], )){_NAME} (?i:{_SAYS})\b"),
    # 'NAME et NAME2 analysent ...' (NAME2 is found beside NAME)
    re.compile(rf"{_SENTENCE_START}{_NAME},? (?:and|et|und|&) {_PERSON} (?i:{_SAY_TOGETHER})\b"),
    # 'NAME, interrogée par Le Monde, ...', 'NAME im Interview mit dem Deutschlandfunk'
    re.compile(rf"{_SENTENCE_START}{_NAME},? (?i:{_ASKED})"),
    re.compile(rf"\b{_SAYS_FIRST} {_NAME}\b"),
    re.compile(rf"(?i:[,»”\"] ?{_SAYS} )(?:{_PRESENTED} )?{_NAME}"),
    # 'NAME, chercheuse au Centre des études de sécurité', 'NAME, head of the US Program'
    re.compile(rf"{_NAME}, (?=[^,.;:()\n]{{0,60}}(?i:{_RESEARCH_POST}))"),
]
# People named beside one found: 'NAME, with NAME2, looks at ...', 'NAME et NAME2 analysent'
_BESIDE = re.compile(rf"(?P<first>{_PERSON}),? (?:with|avec|mit|and|et|und|&) {_NAME}")
MOST_SPEAKERS = 12  # in one text: more is a list of names, not of those who speak in it

# An institution's word neither starts nor ends a person's name: 'Centre Asie', 'Policy Institute'
_INSTITUTIONS = {alias_key(word) for word in INSTITUTION_WORDS.split("|")}
_ARTICLES = {"le", "la", "les", "l", "the", "die", "der", "das", "un", "une", "a", "an"}
# Capitalised words that do not start a person's name: 'Le Monde', 'Human Rights Watch'
_NOT_FIRST = _INSTITUTIONS | _ARTICLES | {
    "en", "au", "aux", "dans", "pour", "selon", "avec", "sur", "et", "de", "du", "des", "in",
    "on", "for", "with",
    "mais", "but", "und", "im", "am", "ce", "cette", "this", "that", "when", "quand",
    "programme", "program", "agence", "agency", "senior", "sciences", "analyse", "analysis",
    "interview", "entretien", "gesprach", "debat", "debate", "guests", "invites", "gaste",
    "rencontre", "conversation", "eine", "ein", "von",
    "north", "south", "east", "west", "new", "saint", "sainte", "human", "amnesty", "united",
    "european", "national", "international", "wall", "hong", "sante", "arabie", "nouvelle",
}  # fmt: skip
# Capitalised words that do not end a person's name: 'Goldman Sachs', 'Chatham House'
_NOT_LAST = _INSTITUTIONS | {
    "programme", "program", "group", "agency", "service", "fellow", "researcher", "po", "nord",
    "sud", "north", "south", "international", "watch", "sachs", "bank", "street", "kong", "york",
    "france", "union", "nations", "house",
    "times", "post", "news", "journal", "review", "magazine", "today", "week", "daily",
}  # fmt: skip
# Capitalised German nouns, never a first name: 'Beziehungen des Ifri', 'Sicherheit der Ukraine';
# and after a name, never a surname: 'sagte Lena Brandauer Reportern'
_NOUN_ENDING = re.compile(r"(?:(?:ung|heit|keit|schaft)(?:en)?|tionen|ität|ismus|ern)$")


def speakers_in(text: str, roster, outlets, own_names: tuple[str, ...]) -> list[ExpertMention]:
    """The people the text presents as speaking, in the order it names them, with those named
    beside them: as the roster spells them where it knows them, else as written (marked as not in
    the roster). At most MOST_SPEAKERS, so a page of names costs no more than its length."""
    own = frozenset(alias_key(n) for n in own_names)
    found: dict[str, tuple[int, str]] = {}  # key -> (where it is named, as written)

    def consider(match: re.Match) -> None:
        at, end = match.start("name"), match.end("name")
        before, after = text[max(0, at - 40) : at], text[end : end + 200]
        written = a_person(match.group("name"), before, own)
        if not written:
            return
        key = alias_key(written)
        owner = re.search(r"(\S+)['’]s $", before + match.group("name")[: -len(written)])
        if not (
            any(one_person(key, other) for other in found)
            or outlets.resolve(written)
            or (owner and alias_key(owner.group(1)) not in own)  # "Politico's NAME"
            or _of_another_house(after, own_names)
            or _HOST.search(before)
            or _of_an_outlet(after, outlets)
        ):
            found[key] = (at, written)

    for cue in (*_CUES, *_own_cues(own_names)):
        for match in cue.finditer(text):
            if len(found) >= MOST_SPEAKERS:
                break
            consider(match)
    for match in _BESIDE.finditer(text):
        first = a_person(match.group("first"), "", own)
        if len(found) < MOST_SPEAKERS and first and alias_key(first) in found:
            consider(match)
    mentions = []
    for _, written in sorted(found.values()):
        known = roster.canonical(written)
        mentions.append(ExpertMention(known or _as_shown(written), in_roster=bool(known)))
    return mentions


@lru_cache(maxsize=64)
def _own_name(own_names: tuple[str, ...]) -> str:
    """A pattern of any of the organisation's names, as a word of its own."""
    names = "|".join(re.escape(n) for n in sorted(own_names, key=len, reverse=True))
    return rf"(?<!\w)(?i:{names})(?!\w)" if own_names else r"(?!)"


@lru_cache(maxsize=64)
def _own_cues(own_names: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """'NAME, de l'IMRI, ...', 'NAME (IMRI) : « ... »': a name given with the organisation's."""
    if not own_names:
        return ()
    return (
        re.compile(rf"{_NAME}, (?=[^,.;:()\n]{{0,60}}{_own_name(own_names)})"),
        re.compile(rf"{_NAME} \({_own_name(own_names)}\)"),
    )


def a_person(written: str, before: str, own: frozenset[str]) -> str | None:
    """The person's name in a run of capitalised words, or None when it names none: 'Analyse von
    Octave Le Guen' -> 'Octave Le Guen'; 'Außenministerin Annalena Baerbock' (an official),
    'Beziehungen des Ifri', 'Programme Amérique du Nord', 'Senior Fellow' -> None. `before`: the
    words just before it; `own`: the organisation's names, as matched."""
    words = written.split()
    owner = next((i for i, w in enumerate(words[:-2]) if w.endswith(("'s", "’s"))), None)
    if owner is not None:  # "Ifri's Clémence Vautrin"
        words = words[owner + 1 :]
    while len(words) > 2 and alias_key(words[0]) in _NOT_FIRST:  # 'Eine Analyse von NAME'
        if alias_key(words[0]) in _ARTICLES:
            return None  # 'Le Grand Continent', 'The Economist Intelligence Unit'
        words = words[2:] if words[1] in ("von", "de", "du", "des") else words[1:]
    keys = [alias_key(w) for w in words]
    if len(words) > 2 and _NOUN_ENDING.search(keys[-1]):  # 'Lena Brandauer Reportern'
        words, keys = words[:-1], keys[:-1]
    if (
        len(words) < 2
        or keys[0] in _NOT_FIRST
        or keys[-1] in _NOT_LAST
        or _NOUN_ENDING.search(keys[0])
        or re.search(_ROLE, words[0], re.I)  # 'Russland-Expertin des Ifri'
        or any(k in own for k in keys)  # '... Beziehungen des Ifri'
        or _TITLE_BEFORE.search(before)
        or any(re.search(_OFFICIAL, w, re.I) for w in written.split()[:-2])  # 'Außenministerin'
    ):
        return None
    return " ".join(words)


def one_person(key: str, other: str) -> bool:
    """Two spellings of one person in one text: 'Marc Hecker' and 'Hecker', or one letter off
    ('Philippe Moreau Defarge' and 'Philippe Moreau Defarges')."""
    return key.endswith(" " + other) or other.endswith(" " + key) or fuzz.ratio(key, other) >= 92


# An official's or an institution's title: 'Außenministerin Annalena Baerbock', 'Foreign
# Secretary NAME', 'au Programme Amérique du Nord', 'NAME, NATO Secretary General'
_OFFICIAL = (
    r"minist|kanzler|chancell|präsident|president|secretary|secrétaire d['’]état|senator|sénat|"
    r"député|ambassad|botschaft|bürgermeister|maire|mayor|commissioner|commissaire|"
    r"porte-parole|spokes|chief|general\b|général\b"
)
_TITLE_BEFORE = re.compile(
    rf"(?i:\b(?:{_OFFICIAL}|{INSTITUTION_WORDS}|programme|program|pôle)\w* ?$)"
)
# 'NAME vom Handelsblatt', 'NAME of the Financial Times': a journalist of an outlet
_OF_OUTLET = re.compile(
    r"^,? (?:vom|von der|von|de|du|des|of|from|for|pour|at) (?:the |le |la |l['’]|der |dem |die )?"
    rf"(?P<outlet>[{UP}][\w'’&.-]*(?: [{UP}][\w'’&.-]*){{0,3}})"
)


def _of_an_outlet(after: str, outlets) -> bool:
    match = _OF_OUTLET.match(after)
    if not match:
        return False
    words = match.group("outlet").split()
    return any(outlets.resolve(" ".join(words[:n])) for n in range(len(words), 0, -1))


# Who presents or asks: 'propos recueillis par NAME', 'au micro de NAME', 'conducted by NAME'
_HOST = re.compile(
    rf"(?i:\b(?:par|by|micro de|journaliste|journalist|reporter|présentée? par|hosted by|"
    rf"moderated by|animée? par))\s*{_ARTICLE}$"
)
# The post after a name: ', Director of the Norwegian Intelligence Service'
_POST = re.compile(r"^ ?, ?(?P<post>[^,.;:()\n]{0,120})")
_AT_A_HOUSE = re.compile(
    r"\b(?:of|at|de|du|des|à|au|der|beim|bei|vom)(?: the| la| l['’]| le| les| a| an| un| une)? ?\w"
)
# A post at a university or a firm: a guest of the programme, not a think tank's own
_ELSEWHERE = re.compile(
    r"maîtres? de conférences|professeur|professor|lecturer|universit|hochschule|sciences po|"
    r"cnrs|invitée?\b|visiting|consultancy|bank|banque|firm|company|cabinet|entreprise|"
    r"unternehmen",
    re.I,
)


def _of_another_house(after: str, own_names: tuple[str, ...]) -> bool:
    """The name is followed by an official's post, or a post at an institution that is neither
    a research one nor the organisation's own: a guest of another house, not one of its people."""
    post = _POST.match(after)
    if not post:
        return False
    words = post.group("post")
    if re.search(_own_name(own_names), words):
        return False
    research = _RESEARCH.search(words) and not _ELSEWHERE.search(words)
    official = re.search(rf"(?i:\b(?:{_OFFICIAL}))", words)
    return not research and bool(official or _AT_A_HOUSE.search(words))


def _as_shown(written: str) -> str:
    """'Tatiana KASTOUÉVA-JEAN' -> 'Tatiana Kastouéva-Jean'."""
    return " ".join(w.title() if w.isupper() and len(w) > 1 else w for w in written.split())
