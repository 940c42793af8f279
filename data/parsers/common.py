"""What the page formats share: the organisation they read for, bylines, people, tags, furniture.

A byline is the site's line naming who appeared where, in the organisation's own style:

    Héloïse FAYET, citée par Amélie Zaccour pour L'Orient le Jour
    Thomas GOMART, dans l'émission "Dimanche et après ?" sur France Culture
    Elie TENENBAUM, quoted in the Washington Post

The people come first (first name, SURNAME), then how they appeared, then the outlet. The
programme in quotes is not the outlet.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from data.model import ExpertMention
from data.organisation import Organisation, alias_key
from data.resolve import OutletIndex, Roster


@dataclass
class Context:
    """The organisation a page is read for: its roster, its outlets, and today's date."""

    roster: Roster
    outlets: OutletIndex
    org_names: tuple[str, ...]
    known_tags: tuple[str, ...] = ()
    today: dt.date = field(default_factory=dt.date.today)

    @classmethod
    def for_organisation(cls, org: Organisation, today: dt.date | None = None) -> Context:
        return cls(
            roster=Roster.from_organisation(org),
            outlets=OutletIndex.from_organisation(org),
            org_names=org.all_aliases(),
            known_tags=org.tags,
            today=today or dt.date.today(),
        )


# ---------- page furniture: the site's navigation and block labels, never an item

FURNITURE = {
    alias_key(line)
    for line in """
Rechercher sur Ifri.org|Search on Ifri.org|Search on|À propos de l'Ifri|About Ifri
Recherches fréquentes|Frequent searches|Suggestions|Body|Tout voir|See all|Presse|Press
Interventions médiatiques|Media Interventions|Medienauftritte|Image bloc media|Image|Press Card
Titre bloc media|Vous êtes un média ?|Professionals PRESS & MEDIA|Corps media bloc
Retrouvez notre espace presse dédié aux journalistes|Discover our newsroom dedicated to journalists
Related Subjects|Image Taxonomie|Watch and listen|Image principale|Image principale médiatique
Image de couverture de la publication|URL de Spotify|Decoration|Partager|Share|Média|Media
Journaliste(s):|Format|Sujets liés|Auteurs|Authors|Photo|Intitulé du poste|Publicité|Logo
Accroche|Contenu intervention médiatique|Nom du journal, revue ou émission|Date de publication
Espace Média L'Ifri dans les médias|media Ifri in the Media|Keywords|Mots-clés|Lire la suite
Read more|En savoir plus|Voir plus|Related Articles|Articles liés|Crédits image de la page
""".replace("\n", "|").split("|")
    if line.strip()
}
BLURB = re.compile(
    r"^(Nos chercheurs interviennent|Our researchers intervene|Unsere wissenschaftlichen)", re.I
)
# Where a page's own content ends and the site's cross-links begin.
END_OF_CONTENT = re.compile(
    r"^(Related Articles|Articles liés|Sujets liés|Related Subjects|Crédits image de la page)$",
    re.I,
)
IMAGE_FILE = re.compile(r"^\S+\.(png|jpe?g|gif|svg|webp)$", re.I)


def is_furniture(line: str) -> bool:
    return alias_key(line) in FURNITURE or bool(BLURB.match(line))


# ---------- people

_PARTICLE = r"(?:de |du |des |d'|d’|van |von |van der |le |la |di |da |del )"
_FIRST = r"[A-ZÀ-Ý][a-zß-ÿ'’]+(?:-[A-ZÀ-Ý][a-zß-ÿ'’]+)?"
_UPPER = r"[A-ZÀ-Ý][A-ZÀ-Ý'’]+(?:[- ][A-ZÀ-Ý][A-ZÀ-Ý'’]+)*"
# 'Thomas GOMART', 'Marc-Antoine EYL-MAZZEGA', 'Thierry de MONTBRIAL'
SITE_NAME = re.compile(rf"\b({_FIRST}(?: {_FIRST})?) ({_PARTICLE}?{_UPPER})\b")
_PROPER = rf"{_FIRST}(?: {_PARTICLE}?[A-ZÀ-Ý][\w'’-]+){{1,3}}"
_STAFF_WORDS = (
    r"chercheu|research|fellow|direct|head|responsable|présid|presid|fondat|found|spécialiste|"
    r"specialist|membre|member|conseill|advis|analyst|secrétaire|secretary|coordinat|chargé"
)


def site_name(first: str, surname: str) -> str:
    """'Thomas', 'GOMART' -> 'Thomas Gomart' (how a new person is shown until confirmed)."""
    surname = surname.title().replace("’", "'").replace("De ", "de ")
    return f"{first} {surname}".strip()


def _staff_pattern(org_names: tuple[str, ...]) -> re.Pattern:
    orgs = "|".join(re.escape(n) for n in sorted(org_names, key=len, reverse=True))
    orgs = f"(?i:{orgs})"  # 'Institut français des Relations internationales' too
    # 'Cédric Philibert, chercheur associé au Centre Énergie & Climat de l'Ifri'
    return re.compile(
        rf"(?P<name>{_PROPER})\s*[,:]\s*(?P<desc>[^,.;:\n]{{0,120}}?)"
        rf"(?:de l'|de l’|à l'|à l’|at |of |au |du |the |de |à )(?:{orgs})(?!['’]s)",
    )


# 'Pour Paul Maurice, secrétaire général ...': the capital P does not make 'Pour' a first name
_OPENER = re.compile(
    r"^(?:(?:Pour|Selon|Avec|Comme|Chez|Interview de|Entretien avec|For|According to|With|As)"
    r" (?:l['’]|le |la |les |the )?(?:chercheu\w+ |expert\w* |analyst\w* |researcher )?)+"
)


def people_in(text: str, ctx: Context, role: str = "quoted") -> list[ExpertMention]:
    """The organisation's people a text names: roster members, and people it presents as staff.

    Someone the text calls "NAME, chercheur à l'Ifri" but who is not in the roster is kept, marked
    as not in the roster, for an editor to confirm.
    """
    names = ctx.roster.find(text)
    found = [ExpertMention(name, role) for name in names]
    seen = {alias_key(n) for n in names}
    for match in _staff_pattern(ctx.org_names).finditer(text):
        if not re.search(_STAFF_WORDS, match.group("desc"), re.I):
            continue
        written = _OPENER.sub("", match.group("name"))
        if len(written.split()) < 2 or any(alias_key(written).endswith(" " + k) for k in seen):
            continue
        known = ctx.roster.canonical(written)
        if known and alias_key(known) not in seen:
            found.append(ExpertMention(known, role))
        if known or alias_key(written) in seen:
            seen.add(alias_key(known or written))
            continue
        seen.add(alias_key(written))
        found.append(ExpertMention(written, role, in_roster=False))
    return found


def byline_people(byline: str, ctx: Context, role: str) -> list[ExpertMention]:
    """People at the head of a byline: roster members, else names written the site's way."""
    head = re.split(r",|\s[-–]\s", byline, maxsplit=1)[0]
    found = [ExpertMention(name, role) for name in ctx.roster.find(head)]
    if found:
        return found
    return [
        ExpertMention(site_name(m.group(1), m.group(2)), role, in_roster=False)
        for m in SITE_NAME.finditer(head)
    ]


def is_byline(line: str, ctx: Context) -> bool:
    """A line opening with the organisation's people: 'Dominique MOISI, article paru dans ...'."""
    head = line.split(",", 1)[0]
    if "," not in line or len(head) > 80:
        return False
    if SITE_NAME.match(head):
        return True
    return any(alias_key(head).startswith(alias_key(name)) for name in ctx.roster.find(head))


# ---------- how someone appeared, and where

_ROLE_WORDS = [
    ("op-ed", r"article paru|tribune|op-?ed|chronique|\bcolumn|article by|\bsigne|a écrit|\bwrote"),
    ("interview", r"interview|entretien|interrog|propos recueillis|répond|answers"),
    ("on-air", r"invit|émission|emission|podcast|on air|guest|débat|debate|plateau|replay|radio"),
    ("quoted", r"cit[ée]|quoted|cited|selon|according"),
]


def role_from(text: str, default: str = "quoted") -> str:
    for role, pattern in _ROLE_WORDS:
        if re.search(pattern, text, re.I):
            return role
    return default


_QUOTED = re.compile(r"\"[^\"]*\"|«[^»]*»|“[^”]*”|„[^“”]*[“”]")
_CONNECTOR = re.compile(
    r"\b(?:sur|dans|pour|for|in|on|from|par|by|with|avec|à|au|at|de|du|des)\s+"
    r"(?:l['’]|le podcast |la radio |the podcast |the show |l['’]émission |the )?",
    re.I,
)


def _tidy_outlet(text: str) -> str | None:
    text = text.strip(" .,;:!-–\"'«»“”")
    text = re.sub(r"^(?:l['’]|the )", "", text, flags=re.I) if len(text) > 6 else text
    return text or None


def outlet_in_byline(byline: str, ctx: Context) -> str | None:
    """The outlet a byline names: after the last 'sur / dans / pour / in / for ...', programme
    names in quotes left out, 'propos recueillis par ...' and the like cut off."""
    rest = byline.split(",", 1)[1] if "," in byline else byline
    rest = rest.lstrip(", ")
    rest = _QUOTED.sub(" ", rest)
    rest = re.split(r"\.\s|,\s*(?:propos|interviewed|interrogé|avec|with)\b", rest)[0]
    parens = re.search(r"\(([^)]+)\)\s*\.?$", rest)
    if parens:
        return _tidy_outlet(parens.group(1))
    candidates = [rest[m.end() :] for m in _CONNECTOR.finditer(rest)]
    for candidate in candidates:  # the first that names a known outlet
        tidy = _tidy_outlet(candidate)
        if tidy and ctx.outlets.resolve(tidy):
            return tidy
    strong = [
        rest[m.end() :]
        for m in _CONNECTOR.finditer(rest)
        if not re.match(r"(de|du|des|à|au|avec|with|par|by)\b", m.group(0), re.I)
    ]
    return _tidy_outlet(strong[-1]) if strong else None


# 'Read the article on the Newsweek website', "Lire l'entretien sur le site de La Marseillaise",
# '> Ecouter l'émission sur France Inter', 'Read the full interview on “Les Echos” website'
LINK_LINE = re.compile(
    r"^(?:>+\s*)?(?:lire|read|écouter|ecouter|réécouter|reecouter|revoir|voir|watch|listen|"
    r"retrouvez|regarder|une émission à écouter)\b",
    re.I,
)
_LINK_OUTLET = re.compile(
    r"(?:site (?:web )?(?:de |du |des |of )?(?:l['’]|la |le |les )?"
    r"|(?<!\w)on (?:the )?|(?<!\w)sur |(?<!\w)dans )"
    r"[“\"«]?\s*(?P<outlet>[A-ZÀ-Ý0-9][^“”\"«».\[\]()]*?)\s*[”\"»]?"
    r"(?:\s+(?:website|site|web site))?\s*(?:\(.*\))?\s*(?:\[\d+\])?\.?$"
)


def outlet_in_link_line(line: str) -> str | None:
    if not LINK_LINE.match(line):
        return None
    match = _LINK_OUTLET.search(line.replace("France Culture.fr", "France Culture"))
    if not match:
        return None
    outlet = re.sub(r"\s+(?:website|site)$", "", match.group("outlet").strip())
    return outlet or None


# ---------- tags and kind


def split_tags(line: str, known: tuple[str, ...] = ()) -> list[str]:
    """The site joins keywords with plain spaces: 'Nuclear Deterrence Europe United States'.

    Known multi-word tags are taken whole first; then a lower-case word joins the word before it
    ('Dissuasion nucléaire', 'nucléaire iranien'), at most one per tag.
    """
    words = line.split()
    known_words = sorted((k.split() for k in known), key=len, reverse=True)
    tags: list[str] = []
    i = 0
    while i < len(words):
        for phrase in known_words:
            if len(phrase) > 1 and [w.casefold() for w in words[i : i + len(phrase)]] == [
                p.casefold() for p in phrase
            ]:
                tags.append(" ".join(words[i : i + len(phrase)]))
                i += len(phrase)
                break
        else:
            word = words[i]
            if tags and word[:1].islower() and tags[-1] == words[i - 1]:  # one word before it
                tags[-1] = f"{tags[-1]} {word}"
            else:
                tags.append(word)
            i += 1
    return tags


_EVENT = re.compile(
    r"^\s*[\[(](webinar|webinaire|replay|conférence|conference|event|événement)[\])]"
    r"|\bwebinar (?:organi[sz]ed|co-organi[sz]ed) by|on the occasion of \w+['’]s conference"
    r"|conference\b.{0,80}\bheld at|conférence\b.{0,80}\bà l['’]",
    re.I,
)
_VIDEO = re.compile(r"^\s*[\[(](vidéo|video)[\])]", re.I)


def kind_of(title: str | None, teaser: str, ctx: Context) -> str:
    """'event' or 'video' for the organisation's own events and videos, else 'appearance'."""
    text = f"{title or ''}\n{teaser}"
    if _VIDEO.search(title or ""):
        return "video"
    if _EVENT.search(title or "") or _EVENT.search(teaser):
        orgs = "|".join(re.escape(n) for n in ctx.org_names)
        if re.search(orgs, text) or re.match(r"^\s*[\[(]", title or ""):
            return "event"
    return "appearance"
