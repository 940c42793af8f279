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
import zoneinfo
from dataclasses import dataclass, field
from functools import cached_property

from data.model import ExpertMention
from data.organisation import Organisation, alias_key
from data.parsers.person_names import FIRST, INSTITUTION_WORDS, PARTICLE, PROPER, UPPER
from data.parsers.speakers import MOST_SPEAKERS, a_person, one_person, speakers_in
from data.resolve import OutletIndex, Roster


@dataclass
class Context:
    """The organisation a page is read for: its roster, its outlets, and today's date."""

    roster: Roster
    outlets: OutletIndex
    org_names: tuple[str, ...]
    known_tags: tuple[str, ...] = ()
    today: dt.date = field(default_factory=dt.date.today)
    time_zone: zoneinfo.ZoneInfo | None = None  # the day a time stamp falls on; None: UTC
    # The names the page being read gives its organisation (page_owner): its people are read as
    # the organisation's, though the names are not kept from outlets as org_names are.
    page_names: tuple[str, ...] = ()

    @classmethod
    def for_organisation(cls, org: Organisation, today: dt.date | None = None) -> Context:
        return cls(
            roster=Roster.from_organisation(org),
            outlets=OutletIndex.from_organisation(org),
            org_names=org.all_aliases(),
            known_tags=org.tags,
            today=today or dt.date.today(),
            time_zone=zoneinfo.ZoneInfo(org.time_zone) if org.time_zone else None,
        )

    @cached_property
    def org_keys(self) -> frozenset[str]:
        """The organisation's names as they are matched."""
        return frozenset(alias_key(name) for name in self.org_names)

    @cached_property
    def own_names(self) -> tuple[str, ...]:
        """The names the organisation's people are presented with: configured and on the page."""
        return tuple(dict.fromkeys(self.org_names + self.page_names))

    @cached_property
    def own_keys(self) -> frozenset[str]:
        return frozenset(alias_key(name) for name in self.own_names)

    @cached_property
    def outlet_forms(self) -> list[str]:
        """Every spelling of the known outlets but the organisation's own, longest first."""
        forms = self.outlets.forms(leaving_out=self.org_names)
        return sorted(dict.fromkeys(forms), key=len, reverse=True)

    @cached_property
    def outlet_search(self) -> re.Pattern | None:
        """Finds the first known outlet a text names, the longest spelling where two start there
        ('France 24' before 'France'); not inside a word nor after '©' ('©AFP', a credit)."""
        if not self.outlet_forms:
            return None
        forms = "|".join(re.escape(form) for form in self.outlet_forms)
        return re.compile(rf"(?<![\w©-])(?P<form>{forms})(?![\w-])")


# ---------- page furniture: navigation and the block labels of common "in the media" layouts,
# never an item

FURNITURE = {
    alias_key(line)
    for line in """
Search on|Recherches fréquentes|Frequent searches|Suggestions|Body|Tout voir|See all|Presse|Press
Interventions médiatiques|Media Interventions|Medienauftritte|Image bloc media|Image|Press Card
Titre bloc media|Vous êtes un média ?|Professionals PRESS & MEDIA|Corps media bloc
Retrouvez notre espace presse dédié aux journalistes|Discover our newsroom dedicated to journalists
Related Subjects|Image Taxonomie|Watch and listen|Image principale|Image principale médiatique
Image de couverture de la publication|URL de Spotify|Decoration|Partager|Share|Média|Media
Journaliste(s):|Format|Sujets liés|Auteurs|Authors|Photo|Intitulé du poste|Publicité|Logo
Accroche|Contenu intervention médiatique|Nom du journal, revue ou émission|Date de publication
Keywords|Mots-clés|Lire la suite
Read more|En savoir plus|Voir plus|Related Articles|Articles liés|Crédits image de la page
Häufige Suchanfragen|Vorschläge|Alle anzeigen|Teilen|Mehr erfahren|Weiterlesen|Schlagwörter
Verwandte Artikel|Verwandte Themen|Autoren|Autorinnen und Autoren|Presse|Suche
""".replace("\n", "|").split("|")
    if line.strip()
}
# The site's own links: 'Rechercher sur example.org', 'About us', 'About the X Institute' (and
# 'À propos de l'X' when X is the organisation: ABOUT_LINK, in is_headline)
SEARCH_BOX = r"(?:rechercher sur|search on|suche auf)"  # 'Rechercher sur ifri.org'
SITE_LINK = re.compile(
    rf"^(?:{SEARCH_BOX}(?: (?:www\.)?[\w-]+\.\w+)?|à propos(?: de nous)?|"
    r"about us|über uns|qui sommes-nous ?\??|who we are|"
    # 'À propos de l'Institut Valmont', 'About the Northbridge Institute', 'Über das X-Institut'
    r"(?:à propos d[eu]|about|über) (?:l['’]|la |le |the |das |die |den )?"
    rf"(?=\S*(?: \S+){{0,3}}$)(?=.*(?:{INSTITUTION_WORDS})).*)$",
    re.I,
)
# The section's blurb about its people in the media: 'Our researchers take part in the public
# debate and bring their insight to the media…', 'Nos chercheurs interviennent…'
BLURB = re.compile(
    r"^(?:nos|our|unsere)\s+(?:\w+\s+)?(?:chercheu|expert|researcher|scholar|fellow|analyst|"
    r"mitarbeiter|forscher|wissenschaftler)\w*\b.{40,}\b(?:médias|media|medien)\b",
    re.I,
)
# Where a page's own content ends and the site's cross-links begin.
END_OF_CONTENT = re.compile(
    r"^(Related Articles|Articles liés|Sujets liés|Related Subjects|Crédits image de la page)$",
    re.I,
)
IMAGE_FILE = re.compile(r"^\S+\.(png|jpe?g|gif|svg|webp)$", re.I)
# The phrase an organisation's media section is headed with: 'X in the Media', 'L'X dans les médias'
IN_THE_MEDIA = (
    r"(?:in the media|in the press|in the news|dans les médias|dans la presse|in den medien|"
    r"in der presse)"
)
# A list's or a page's own heading ('In the media', 'Ifri dans les médias'): never an appearance
HEADING = re.compile(
    rf"^(?:\S+\s+){{0,3}}(?:{IN_THE_MEDIA}|media (?:appearances|coverage)|"
    r"press (?:coverage|review)|revue de presse|"
    r"interventions médiatiques|retombées (?:presse|médiatiques)|"
    r"medienauftritte|medienberichte|pressespiegel|presseschau)\s*:?$",
    re.I,
)


def is_furniture(line: str) -> bool:
    return alias_key(line) in FURNITURE or any(
        pattern.match(line) for pattern in (SITE_LINK, BLURB, HEADING)
    )


# ---------- what is never an outlet nor a headline

# What a page shows where a headline, a text or a link is missing
PLACEHOLDERS = {
    alias_key(text)
    for text in """
Texte non disponible|Text not available|Text nicht verfügbar|Kein Text verfügbar|Non disponible
Not available|Nicht verfügbar|Indisponible|Unavailable|Contenu non disponible|Content not available
Lire l'article|Lire la suite|Voir l'article|Read the article|Read more|See the article|View article
Artikel lesen|Zum Artikel|Weiterlesen|Mehr lesen|Lien|Link|Source|Quelle|Sans titre|Untitled
Ohne Titel|Titre|Title|Titel|Aucun titre|No title|Kein Titel|N/A|n.c.|TBD|TBC|À venir
Coming soon|None|null|undefined
""".replace("\n", "|").split("|")
    if text.strip()
}
# Any file's name, as an image's alt text or a link's text may give it: 'photo.jpg', 'DSC 0123.JPG'
FILE_NAME = re.compile(
    r"^[^\n]{0,120}\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?|pdf|docx?|mp3|mp4|m4a|wav)$", re.I
)
# A photo credit: '© AFP', 'Crédit photo : Reuters', 'Shutterstock/Jean Dupont'
CREDIT = re.compile(
    r"^(?:©|\(c\)|copyright\b|crédits?\b|credits?\b|photo\s*:|bild\s*:|foto\s*:|"
    r"(?:shutterstock|getty images|istock|adobe stock|hans lucas|abaca|sipa|dpa)\b\s*/?)",
    re.I,
)
# Capitals and large cities in English, French and German, for datelines and places ('Brussels'
# after 'interviewed in'): a city alone is never an outlet
CITIES = {
    alias_key(name)
    for name in """
Paris|London|Londres|London|Brussels|Bruxelles|Brüssel|Berlin|Washington|Washington DC|New York
Moscow|Moscou|Moskau|Beijing|Pékin|Peking|Tokyo|Tokio|Rome|Roma|Rom|Madrid|Lisbon|Lisbonne
Lissabon|Vienna|Vienne|Wien|Geneva|Genève|Genf|Bern|Berne|Zurich|Zürich|Amsterdam|The Hague
La Haye|Den Haag|Warsaw|Varsovie|Warschau|Prague|Prag|Budapest|Bucharest|Bucarest|Bukarest
Athens|Athènes|Athen|Ankara|Istanbul|Kyiv|Kiev|Kyjiw|Kiew|Minsk|Stockholm|Oslo|Copenhagen
Copenhague|Kopenhagen|Helsinki|Dublin|Luxembourg|Luxemburg|Strasbourg|Straßburg|Lyon|Marseille
Bordeaux|Toulouse|Lille|Nice|Nantes|Munich|München|Frankfurt|Francfort|Hamburg|Hambourg
Cologne|Köln|Bonn|Milan|Milano|Mailand|Barcelona|Barcelone|Tel Aviv|Jerusalem|Jérusalem
Beirut|Beyrouth|Cairo|Le Caire|Kairo|Riyadh|Riyad|Tehran|Téhéran|Teheran|Baghdad|Bagdad
Damascus|Damas|Damaskus|Dubai|Dubaï|Doha|Abu Dhabi|Algiers|Alger|Algier|Tunis|Rabat
Casablanca|Dakar|Bamako|Niamey|Ouagadougou|Abidjan|Lagos|Abuja|Nairobi|Addis Ababa
Addis-Abeba|Kinshasa|Johannesburg|Pretoria|Cape Town|Le Cap|Kapstadt|Delhi|New Delhi
New Delhi|Mumbai|Islamabad|Kabul|Kaboul|Seoul|Séoul|Pyongyang|Taipei|Taipeh|Hong Kong
Shanghai|Singapore|Singapour|Singapur|Bangkok|Jakarta|Hanoi|Manila|Manille|Sydney|Canberra
Ottawa|Montreal|Montréal|Toronto|Quebec|Québec|Mexico|Brasilia|Buenos Aires|Santiago|Bogota
Caracas|Lima|Los Angeles|San Francisco|Chicago|Boston|Davos|Munich Security Conference
""".replace("\n", "|").split("|")
    if name.strip()
}


def is_placeholder(text: str, key: str | None = None) -> bool:
    """'Texte non disponible', 'Lire l'article', '-': what stands where something is missing."""
    key = alias_key(text) if key is None else key
    return not key or key in PLACEHOLDERS or not re.search(r"[^\W\d_]", text)


def is_own_name(text: str, ctx: Context) -> bool:
    return alias_key(text) in ctx.org_keys


def not_a_name(text: str, ctx: Context) -> bool:
    """A placeholder, a file name, a photo credit, a city or the organisation itself: never an
    outlet nor a headline."""
    text = text.strip()
    if len(text) > 120:  # a paragraph: none of these
        return False
    key = alias_key(text)
    return (
        is_placeholder(text, key)
        or bool(FILE_NAME.match(text) or CREDIT.match(text))
        or "©" in text  # a photo's caption and credit
        or key in CITIES
        or key in ctx.org_keys
    )


def is_headline(line: str, ctx: Context) -> bool:
    """A line that can be a piece's headline: not furniture, a link line, one of not_a_name, nor
    the site's link about the organisation ('À propos de l'Ifri', 'About Ifri')."""
    about = ABOUT_LINK.match(line)
    return not (
        is_furniture(line)
        or LINK_LINE.match(line)
        or not_a_name(line, ctx)
        or (about and alias_key(about.group("name")) in ctx.own_keys)
    )


# The site's link about an organisation: 'À propos de l'Ifri', 'About Ifri', 'Über das X-Institut'
ABOUT_LINK = re.compile(
    r"^(?:à propos de l['’]|à propos d[eu] |about (?:the )?|über (?:das |die |den )?)(?P<name>.+)$",
    re.I,
)


# Institutions that host people, not pieces: 'chercheur invité à l'Institut ...'
_INSTITUTION = re.compile(
    rf"^(?:(?:l['’]|the |die |der |das )?(?:{INSTITUTION_WORDS}|"
    r"parlement|parliament|assemblée|senate|sénat|bundestag|government|"
    r"gouvernement|regierung|embassy|ambassade|botschaft)\b)",
    re.I,
)


def plausible_outlet(written: str | None, ctx: Context) -> str | None:
    """The outlet as written, if it can be one: none of not_a_name; a known outlet, or a short
    name that is not a date, an institution nor a person of the roster."""
    if not written:
        return None
    written = written.strip(" .,;:!-–\"'«»“”")
    if not written:
        return None
    if not_a_name(written, ctx):
        return None
    if ctx.outlets.resolve(written):
        return written
    if (
        is_furniture(written)
        or _INSTITUTION.match(written)
        or len(written) > 60
        or len(written.split()) > 6
        or not re.search(r"[^\W\d_]{2}", written)  # a date or a number, no word
        or ctx.roster.canonical(written)
    ):
        return None
    return written


# ---------- people

# 'Thomas GOMART', 'Marc-Antoine EYL-MAZZEGA', 'Thierry de MONTBRIAL'
SITE_NAME = re.compile(rf"\b({FIRST}(?: {FIRST})?) ({PARTICLE}?{UPPER})\b")
_STAFF_WORDS = (
    r"chercheu|research|fellow|direct|head|responsable|présid|presid|fondat|found|spécialiste|"
    r"specialist|membre|member|conseill|advis|analyst|secrétaire|secretary|coordinat|chargé|"
    r"forsch|wissenschaft|leiter|generalsekret|berater|mitarbeiter|expert"
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
        rf"(?P<name>{PROPER})\s*[,:]\s*(?P<desc>[^,.;:\n]{{0,120}}?)"
        rf"(?:de l'|de l’|à l'|à l’|at |of |au |du |the |de |à |beim |bei |am |vom |des |der |im )"
        rf"(?:{orgs})(?!['’]s)",
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
    for match in _staff_pattern(ctx.own_names).finditer(text):
        if len(found) >= MOST_SPEAKERS:  # a page of names costs no more than its length
            break
        if not re.search(_STAFF_WORDS, match.group("desc"), re.I):
            continue
        written = a_person(
            _OPENER.sub("", match.group("name")),
            text[max(0, match.start() - 40) : match.start()],
            ctx.own_keys,
        )
        if not written or any(alias_key(written).endswith(" " + k) for k in seen):
            continue
        known = ctx.roster.canonical(written)
        if known and alias_key(known) not in seen:
            found.append(ExpertMention(known, role))
        if known or alias_key(written) in seen:
            seen.add(alias_key(known or written))
            continue
        seen.add(alias_key(written))
        found.append(ExpertMention(written, role, in_roster=False))
    for mention in speakers_in(text, ctx.roster, ctx.outlets, ctx.own_names):
        key = alias_key(mention.name)
        if not any(one_person(key, k) for k in seen):
            seen.add(key)
            found.append(ExpertMention(mention.name, role, mention.in_roster))
    return found


# 'Thomas GOMART et Marc HECKER', '..., co-written with Léo PÉRIA-PEIGNÉ', '..., mit Paul MAURICE'
_CO_AUTHOR = re.compile(
    r"(?:\bco-?(?:written|authored|signed|écrite?|signée?|rédigée?)\s+(?:with|by|avec|par|mit)"
    r"|\bgemeinsam mit|\bzusammen mit|\bavec|\bwith|\bmit|\band|\bet|\bund|&)\s+",
    re.I,
)
# where the names after 'with' end: 'avec Marc HECKER dans Le Monde', '..., and X for Y'
_NAMES_END = re.compile(
    r"[,;:(]|\s(?:dans|pour|sur|chez|in|for|on|at|about|im|in der|für|bei|über|sur)\s", re.I
)


def byline_people(byline: str, ctx: Context, role: str) -> list[ExpertMention]:
    """People at the head of a byline and those it names as co-authors ('with X', 'avec X',
    'mit X', 'and X'): roster members, and names written the site's way (first name, SURNAME).
    Journalists ('propos recueillis par Anne Durand') are neither."""
    head = re.split(r",|\s[-–]\s", byline, maxsplit=1)[0]
    parts = [head] + [
        _NAMES_END.split(byline[m.end() :], maxsplit=1)[0]
        for m in _CO_AUTHOR.finditer(byline)
        if m.start() >= len(head)
    ]
    found: dict[str, ExpertMention] = {}
    for part in parts:
        named = ctx.roster.find(part)
        for name in named:
            found.setdefault(alias_key(name), ExpertMention(name, role))
        for m in SITE_NAME.finditer(part):
            written = site_name(m.group(1), m.group(2))
            known = ctx.roster.canonical(written)
            if known or any(alias_key(written).endswith(alias_key(n).split()[-1]) for n in named):
                continue  # a roster person, found above
            found.setdefault(alias_key(written), ExpertMention(written, role, in_roster=False))
    return list(found.values())


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
    (
        "op-ed",
        r"article paru|tribune|op-?ed|chronique|\bcolumn|article by|\bsigne|a écrit|\bwrote|"
        r"gastbeitrag|meinungsbeitrag|kommentar von|\bschreibt",
    ),
    ("interview", r"interview|entretien|interrog|propos recueillis|répond|answers|gespräch"),
    (
        "on-air",
        r"invit|émission|emission|podcast|on air|guest|débat|debate|plateau|replay|radio|"
        r"zu gast|sendung",
    ),
    ("quoted", r"cit[ée]|quoted|cited|selon|according|zitiert"),
]


def role_from(text: str, default: str = "quoted") -> str:
    for role, pattern in _ROLE_WORDS:
        if re.search(pattern, text, re.I):
            return role
    return default


_QUOTED = re.compile(r"\"[^\"]*\"|«[^»]*»|“[^”]*”|„[^“”]*[“”]")
_CONNECTOR = re.compile(
    r"\b(?:sur|dans|pour|for|in|on|from|par|by|with|avec|à|au|at|de|du|des|"
    r"für|bei|beim|im|in der|in den|auf|mit)\s+"
    r"(?:l['’]|le podcast |la radio |the podcast |the show |l['’]émission |the |"
    r"(?-i:dem |der |den |die |das ))?",
    re.I,
)


def _tidy_outlet(text: str) -> str | None:
    text = " ".join(text.split()).strip(" .,;:!-–\"'«»“”")
    text = re.sub(r"^(?:l['’]|the )", "", text, flags=re.I) if len(text) > 6 else text
    text = _PROGRAMME_OF.sub("", text)  # 'émission de Figaro Live': the outlet is Figaro Live
    return text or None


_PROGRAMME_OF = re.compile(
    r"^(?:émission|programme|podcast|chronique|rubrique|show|sendung) (?:de |du |d['’]|of |von )",
    re.I,
)


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
    for candidate in reversed(strong):  # the last that can be an outlet: not 'in Brussels'
        name = plausible_outlet(lead_name(candidate, ctx) or _tidy_outlet(candidate), ctx)
        if name:
            return name
    return outlet_in_sentence(byline, ctx)


# ---------- an outlet named in a sentence

# Where a name ends: punctuation, a dash between spaces, a full stop (not the one in 'lemonde.fr')
_NAME_END = re.compile(r"[,;:!?()«»\"“”\[\]|/\n]|\.(?=\s|$)|\s[-–—]\s")
_JOINERS = {"de", "du", "des", "d", "la", "le", "les", "l", "of", "the", "and", "&", "für", "und"}
_ARTICLES = ("The", "Le", "La", "Les", "L'", "L’", "Die", "Der", "Das", "El", "Il")
# Words only outlets' names have (German compounds by their ending: 'Deutschlandfunk')
_OUTLET_WORD = re.compile(
    r"^(?:radio|tv|télé|tele|television|télévision|télévisions|fernsehen|news|times|post|journal|"
    r"zeitung|zeitschrift|magazin|magazine|mag|revue|review|gazette|herald|tribune|daily|weekly|"
    r"hebdo|presse|press|info|infos|inter|media|médias|kurier|courier|courrier|express|observer|"
    r"monitor|chronicle|telegraph|mail|standard|globe|nachrichten|rundschau|anzeiger|tagblatt|"
    r"allgemeine|podcast|channel|chaîne|network|fm|agence|agency|wire|live|online|quotidien|"
    r"sender|kanal|rundfunk)$"
    r"|(?:funk|zeitung|blatt|welle|spiegel|sender|kurier|rundschau|presse|nachrichten)$",
    re.I,
)


def _known(name: str, ctx: Context) -> str | None:
    """The spelling of a known outlet a name is, also as German writes it after a preposition
    ('der Zeit' for Die Zeit, given as 'Die Zeit')."""
    if ctx.outlets.resolve(name):
        return name
    return next(
        (f"{a} {name}" for a in ("Die", "Der", "Das") if ctx.outlets.resolve(f"{a} {name}")), None
    )


def lead_name(text: str, ctx: Context, case: str | None = None) -> str | None:
    """The name a text opens with: the longest run of its words that is a known outlet, else its
    capitalised words ('Deutschlandfunk über', 'La Tribune de Genève, qui'), possessive cut. A
    known name that the capitalised words carry on with a channel's or a number ('BBC Radio 4')
    is that longer name. `case`: 'der' or 'dem' when German declines the name after that article
    ('der Süddeutschen Zeitung'), whose adjectives are then given as a name is written alone."""
    words = _NAME_END.split(text, maxsplit=1)[0].split()[:8]
    words = [re.sub(r"['’]s$", "", w) for w in words]
    run: list[str] = []
    for word in words:
        if word[:1].isupper() or word[:1].isdigit():
            run.append(word)
        elif run and word.lower() in _JOINERS:
            run.append(word)
        else:
            break
    while run and run[-1].lower() in _JOINERS:
        run.pop()
    if case and len(run) >= 2:
        run = [_nominative(w, case) for w in run[:-1]] + run[-1:]
        words = run + words[len(run) :]
    for k in range(len(words), 0, -1):
        known = _known(" ".join(words[:k]), ctx)
        if known:
            more = run[k:] if run[:k] == words[:k] else []
            if any(_OUTLET_WORD.search(w) or w.isdigit() for w in more):
                return " ".join(run)
            return known
    return " ".join(run) or None


def _nominative(word: str, case: str) -> str:
    """A German adjective in an outlet's name as written alone: 'Süddeutschen' after 'der' (a
    feminine name: Zeitung, Welle, Post) is 'Süddeutsche'; after 'dem' (most often masculine:
    Rundfunk, Spiegel, Kurier) 'Bayerischen' is 'Bayerischer'."""
    if not (word[:1].isupper() and word.endswith("en") and len(word) > 4):
        return word
    return word[:-1] if case == "der" else word[:-2] + "er"


def _looks_like_outlet(name: str, takes_people: bool, german: bool) -> bool:
    """An unknown name after a cue: short and capitalised. After a cue that may name a person
    ('interviewed by', 'told'), not two or three words (a person's name), only one (a surname
    alone is rare where a person is first named); in German, where every noun is capitalised
    ('sagte der Politologe'), only an acronym or a word run together ('ZDF', 'BFMTV'). A name
    with an article ('The Hindu') or a word of outlets' names ('Radio Canada',
    'Deutschlandfunk') is an outlet's after any cue."""
    words = name.split()
    if not words or len(words) > 5 or SITE_NAME.fullmatch(name):
        return False
    if any(_OUTLET_WORD.search(w) for w in words) or name.startswith(_ARTICLES):
        return True
    joined = len(words) == 1 and bool(re.search(r"^[A-Z0-9]{2,}$|[a-z][A-Z]|\d|\.\w", name))
    if german:
        return joined
    if takes_people:
        return len(words) == 1
    return len(words) <= 3 and all(w[:1].isupper() or w.lower() in _JOINERS for w in words)


_FR = r"(?:(?:de la |de l['’]|à la |à l['’]|l['’]|le |la |les |du |des |de |d['’]|au |aux |à ))?"
_EN = r"(?:the )?"
_DE = r"(?:(?:dem|der|den|des|die|das|einem|einer) )?"
# (cue, whether a person's name may follow it)
_CUES = [
    (
        r"(?:entretien|interview|entrevue)s? (?:exclusi(?:f|ve) )?(?:accordée? |donnée? )?"
        rf"(?:avec|à|au|aux|pour|sur|dans|de|du) ?{_FR}",
        True,
    ),
    (rf"(?:interrog|interview)[ée]e?s? (?:par|sur|dans|pour) {_FR}", True),
    (rf"invit[ée]e?s? (?:de|du|des|d['’]|sur|dans) ?{_FR}", False),
    (
        rf"(?:au micro|à l['’]antenne|sur (?:le )?plateau|dans les colonnes) (?:de |du |d['’]|des )"
        rf"{_FR}",
        False,
    ),
    (r"répond(?:ait|u|ra)? aux questions (?:de |du |d['’]|des )", True),
    (
        r"(?:revient|revenait|s['’]exprim(?:e|ait)|intervient|intervenait) "
        rf"(?:sur|dans|à|au) {_FR}",
        False,
    ),
    # 'dans le troisième épisode de « Chaleur humaine »', 'in Folge 87 von Frankopil'
    (
        rf"(?:épisode|episode|folge)(?: n[°o]? ?\d+| \d+)? (?:de|du|d['’]|of|von) {_FR}"
        r"(?:(?:notre |our |unseres? )?(?:podcast|émission|show|sendung) )?",
        False,
    ),
    (
        r"(?:confi|déclar|expliqu|indiqu|affirm|assur|précis|soulign|racont)(?:ée?|e|ait) "
        r"(?:à la |à l['’]|au |aux |à )",
        True,
    ),
    (rf"(?:tribune|chronique) (?:publiée |parue )?(?:dans|pour) {_FR}", False),
    (rf"(?:écrit|signé)e? (?:dans|pour) {_FR}", False),
    (rf"interviewed (?:by|on|for|in) {_EN}", True),
    (
        rf"(?:in |during )?an? (?:interview|conversation|discussion) (?:with|for|on|to|in) {_EN}",
        True,
    ),
    (rf"(?:told|telling|tells|speaking to|spoke to|talking to|talked to|said to) {_EN}", True),
    (rf"(?:quoted|cited) (?:by|in) {_EN}", True),
    (rf"(?:a )?guest (?:of|on|at) {_EN}", False),
    (rf"(?:appeared|appearing|appears|featured) (?:on|in) {_EN}", False),
    (rf"(?:writing|writes|wrote|written|op-?ed|column|article) (?:in|for) {_EN}", False),
    (rf"on air (?:on|at) {_EN}", False),
    (rf"(?:im|in einem) (?:Interview|Gespräch) (?:mit|gegenüber|für|bei) {_DE}", True),
    (
        r"(?:sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|warnte|warnt|sprach) "
        r"(?:[\w-]+ ){0,2}(?:im Gespräch mit |gegenüber )?(?:dem|der|den) ",
        True,
    ),
    (rf"gegenüber {_DE}", True),
    (
        r"(?:sagte|sagt|erklärte|erklärt|betonte|betont|spricht|sprach|analysiert|kommentiert) "
        r"(?:[\w-]+ ){0,2}?(?:im|in der|beim|bei der) (?!Interview|Gespräch)",
        False,
    ),
    (r"(?:zu )?Gast (?:bei|beim|im|in der|in den) ", False),
    (rf"(?:schreibt|schrieb|Gastbeitrag|Kommentar|Meinungsbeitrag) (?:in|im|für) {_DE}", False),
    (rf"(?:interviewt|befragt|zitiert) (?:von|vom|in|im) {_DE}", True),
]
_FIRST_GERMAN_CUE = next(i for i, (cue, _) in enumerate(_CUES) if "Gespräch" in cue)
_CUE = re.compile("|".join(rf"(?P<c{i}>\b{cue})" for i, (cue, _) in enumerate(_CUES)), re.I)


MOST_CUES = 50  # cue phrases read in one text: a page of them costs no more than its length
_QUOTED_NAME = re.compile(r"^[«\"“„]\s*([^»\"”“\n]{2,60}?)\s*[»\"”“]")


def outlet_in_sentence(text: str, ctx: Context) -> str | None:
    """The outlet a sentence says the appearance ran in: 'dans un entretien avec l'AFP',
    'interviewed by France Culture', 'invité de Public Sénat', 'im Interview mit dem
    Deutschlandfunk', 'sagte der FAZ', 'gegenüber der Zeit'. The name after the cue is taken
    when it is a known outlet, or looks like an outlet's name and is none of not_a_name."""
    for tried, match in enumerate(_CUE.finditer(text)):
        if tried == MOST_CUES:  # a text names where it ran early, if it does
            break
        at = int(match.lastgroup[1:])
        takes_people, german = _CUES[at][1], at >= _FIRST_GERMAN_CUE
        article = match.group(0).split()[-1].lower() if german else None
        case = article if article in ("der", "dem") else None
        after = text[match.end() : match.end() + 200]  # a name is short: never the whole rest
        quoted = _QUOTED_NAME.match(after)  # 'épisode de « Chaleur humaine »'
        name = quoted.group(1).strip() if quoted else lead_name(after, ctx, case)
        if not name:
            continue
        if _known(name, ctx) and not is_own_name(name, ctx):
            return name
        written_as_outlet = quoted or _looks_like_outlet(name, takes_people, german)
        if written_as_outlet and plausible_outlet(name, ctx):  # quoted: its bounds are marked
            return name
    return None


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
        orgs = "|".join(re.escape(n) for n in ctx.own_names)
        if re.search(orgs, text) or re.match(r"^\s*[\[(]", title or ""):
            return "event"
    return "appearance"
