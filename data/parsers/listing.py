"""Pages listing many appearances: the site's lists (newer and older layouts), thematic and team
pages.

    newer list   Logo / <logo> / <title> / 18 janvier 2026 / Nom du journal, revue ou émission /
                 <outlet> / Accroche / <teaser>      (publications, with 'Date de publication',
                 are not media appearances and are left out)
    older list   <title> (sometimes 'OUTLET: title') / <teaser lines>, or a quote followed by
                 'citée par ... dans Le Monde'
    team page    'By: Elie TENENBAUM, quoted in the Washington Post'
    dated list   any other list with a date per item, above or below its headline, alone on its
                 line or with the outlet ('Le Monde, 12 mars 2024'): a layout the site is not
                 known to use, so its reading is flagged for review (see `Reading`)

A list can start in the middle of an item (the page was cut): a teaser with no title is kept only
when a logo or a byline says where it appeared. A list's own heading ('In the media', 'Dans les
médias', 'In den Medien') is never an item, and an item takes a date only from its own block.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from data.model import Article, ExpertMention
from data.organisation import alias_key
from data.parsers.common import (
    END_OF_CONTENT,
    HEADING,
    IMAGE_FILE,
    LINK_LINE,
    Context,
    byline_people,
    is_furniture,
    is_headline,
    is_own_name,
    kind_of,
    lead_name,
    not_a_name,
    outlet_in_byline,
    outlet_in_link_line,
    outlet_in_sentence,
    people_in,
    plausible_outlet,
    role_from,
)
from data.parsers.text import (
    FULL_DATE,
    Link,
    dates_in,
    detect_language,
    is_date_line,
    parse_full_date,
    plausible,
)

# The labels of the site's newer list, in each language it is published in
OUTLET_MARKS = {
    "nom du journal revue ou emission",
    "name of the newspaper magazine or programme",
    "name of the newspaper magazine or show",
    "name der zeitung zeitschrift oder sendung",
}
PUBLICATION_MARKS = {
    "date de publication",
    "publication date",
    "date of publication",
    "veroffentlichungsdatum",
    "datum der veroffentlichung",
}
TEASER_MARKS = {"accroche", "teaser", "anreisser", "kurztext", "chapeau"}
ITEM_MARKS = {
    "logo",
    "image principale mediatique",
    "image principale",
    "image de couverture de la publication",
}
# 'citée par Yves Bourdillon dans les Échos', 'Article paru dans Nikkei Asian Review'
BYLINE_ONLY = re.compile(
    r"^(article paru|cit[ée]e? par|quoted (?:by|in)|interview(?:ée?)? (?:avec|de|par|by|with)|"
    r"propos recueillis|entretien avec|tribune (?:de|parue)|op-ed by|by:|par :)",
    re.I,
)
TEAM_BYLINE = re.compile(r"^(?:by|par)\s*:\s*(.+)$", re.I)
# 'LIBERATION: Obama the Fatalist', 'FRANCE CULTURE : Middle East: A War of Religion'
OUTLET_PREFIX = re.compile(r"^([A-ZÀ-Ý0-9][A-ZÀ-Ý0-9 '&.-]+?)\s?:\s+(.+)$")
# '"La France aurait été attaquée", Interview de Marc Hecker pour les Echos.fr'
TITLE_BYLINE = re.compile(
    r"^(?P<title>.+?),\s+(?P<byline>(?:interview|entretien|tribune|article|chronique|op-ed)\s+"
    r"(?:de|d'|avec|by|with)\s+.+)$",
    re.I,
)


MARKS = ITEM_MARKS | OUTLET_MARKS | PUBLICATION_MARKS | TEASER_MARKS
NEXT_TO_TITLE = OUTLET_MARKS | PUBLICATION_MARKS | TEASER_MARKS  # a label under a headline


def detect(lines: list[str]) -> str | None:
    """'listing_marked', 'listing_dated', 'listing_plain', 'team_page' or None (not a list)."""
    keys = [alias_key(line) for line in lines if line]
    marked = any(key in MARKS for key in keys)
    if any(key in OUTLET_MARKS for key in keys) or keys.count("logo") >= 2:
        return "listing_marked"
    if sum(key in TEASER_MARKS for key in keys) >= 2:
        return "listing_marked"
    if sum(is_date_line(line) for line in lines) >= 2:
        return "listing_marked" if marked else "listing_dated"
    if sum(_dated(line) is not None for line in lines if len(line) <= 80) >= 3:
        return "listing_dated"
    if any(TEAM_BYLINE.match(line) and role_from(line, "") for line in lines):
        return "team_page"
    if any(HEADING.match(line) for line in lines[:12]):
        return "listing_plain"
    own = _own_content(lines)
    if any(LINK_LINE.match(line) for line in own):
        return None  # '> Read the article on ...': a page about one appearance
    if _title_teaser_pairs(own) >= 3:
        return "listing_plain"
    return None


def _own_content(lines: list[str]) -> list[str]:
    """The lines before the site's cross-links ('Related Articles') begin."""
    for i, line in enumerate(lines):
        if END_OF_CONTENT.match(line):
            return lines[:i]
    return lines


def _title_teaser_pairs(lines: list[str]) -> int:
    content = [ln for ln in lines if ln and not is_furniture(ln)]
    pairs = {
        a for a, b in zip(content, content[1:], strict=False) if _is_title(a) and _is_teaser(b)
    }
    return len(pairs)


def _is_teaser(line: str) -> bool:
    end = line.rstrip(" \"”»'’)")
    return (
        len(line) > 200
        or (end.endswith("?") and len(line) > 150)
        or end.endswith((".", "…", ";", ":", "!"))
        or line.startswith(("-", "•", "*", "–", "—"))
        or line[:1].islower()
        or bool(BYLINE_ONLY.match(line))
    )


def _is_title(line: str) -> bool:
    return not (
        _is_teaser(line) or is_furniture(line) or IMAGE_FILE.match(line) or LINK_LINE.match(line)
    )


_WEEKDAY = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)"
)
_DATE_LABEL = re.compile(
    rf"^(?:(?:publié|paru|diffusé|mis en ligne) le|published(?: on)?|posted(?: on)?|aired(?: on)?|"
    rf"veröffentlicht am|erschienen am|gesendet am|date|datum)?\s*:?\s*(?:{_WEEKDAY},?\s*)?"
    rf"(?:le |on |am |the )?$",
    re.I,
)
_SEPARATORS = " ,;|·•–—-/()[]"


def _dated(line: str) -> tuple[dt.date, str] | None:
    """A line that gives a date, alone or at one end beside a label, an outlet or a headline:
    '12 mars 2024', 'Le Monde, 12 mars 2024', '12.03.2024 | Deutschlandfunk', 'Published on 3
    May 2024 in Politico'. Returns the date and the rest (the label dropped)."""
    match = FULL_DATE.search(line)
    if not match or len(line) > 250:
        return None
    day = parse_full_date(match.group(0).replace(",", " "))
    if not day:
        return None
    before, after = line[: match.start()], line[match.end() :]
    if _DATE_LABEL.match(before.strip(_SEPARATORS)):
        rest = after
    elif not after.strip(_SEPARATORS + "."):
        rest = before
    else:
        return None  # a date amid a sentence: the teaser's, not the item's line
    rest = re.sub(r"^(?:dans|sur|in|on|im|in der|bei|auf)\s+", "", rest.strip(_SEPARATORS + "."))
    return day, rest.strip(_SEPARATORS)


# 'Média : Le Monde', 'Outlet: Politico', 'Medium: Deutschlandfunk'
_OUTLET_LABEL = re.compile(
    r"^(?:média|media|outlet|source|medium|support|publication|journal|zeitung|sender)\s*:\s*(.+)$",
    re.I,
)


@dataclass
class _Item:
    title: str | None = None
    date: object = None
    outlet: str | None = None
    logo: str | None = None
    teaser: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)


# where a teaser says a piece ran: 'revient sur LCI', 'dans New Deal', 'im Deutschlandfunk'
_RAN_IN = (
    r"(?:^|\b(?:sur|dans|pour|von|in|on|to|for|au micro de|à l'antenne de|de|im|beim|bei|vom|"
    r"in der|in dem|bei der|mit der|mit dem|gegenüber der|gegenüber dem)\s+)"
)


@lru_cache(maxsize=16)
def _ran_in(forms: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(form) for form in forms)  # longest first: the longest wins
    return re.compile(rf"{_RAN_IN}(?P<form>{alternatives})(?![\w-])")


def _outlet_named_in(text: str, ctx: Context) -> str | None:
    """The longest known outlet the teaser says the piece ran in."""
    if not ctx.outlet_forms:
        return None
    found = [m.group("form") for m in _ran_in(tuple(ctx.outlet_forms)).finditer(text)]
    return max(found, key=len, default=None)


def _to_article(item: _Item, ctx: Context, source_format: str) -> Article | None:
    teaser = " ".join(item.teaser)
    text = f"{item.title or ''}\n{teaser}"
    byline = " ".join(item.bylines)
    role = role_from(byline) if byline else "quoted"
    experts: list[ExpertMention] = []
    seen: set[str] = set()
    found = byline_people(byline, ctx, role) if byline else []
    for mention in [*found, *people_in(f"{text}\n{byline}", ctx, role)]:
        if alias_key(mention.name) not in seen:
            seen.add(alias_key(mention.name))
            experts.append(mention)
    outlet = plausible_outlet(item.outlet, ctx)
    if item.outlet and is_own_name(item.outlet, ctx) and ctx.outlets.resolve(item.outlet):
        outlet = item.outlet  # the list says the organisation's own podcast, which it lists
    if not outlet and byline:
        outlet = outlet_in_byline(byline if "," in byline else f", {byline}", ctx)
    if not outlet:
        outlet = outlet_in_sentence(teaser, ctx) or _outlet_named_in(teaser, ctx)
    date = item.date  # the list's date line, as stated
    if date is None:  # else a full date the teaser mentions (not in a link or a file's name)
        words = re.sub(
            r"\S*(?:https?://|www\.)\S*|\S+\.(?:png|jpe?g|gif|svg|webp|pdf)\b", " ", teaser
        )
        date = next((d for d in dates_in(words) if plausible(d, ctx.today)), None)
    if not (item.title or experts):
        return None
    return Article(
        title=item.title,
        outlet=outlet,
        date=date,
        experts=experts,
        language=detect_language(text),
        kind=kind_of(item.title, teaser, ctx),
        summary=teaser[:500] or None,
        logo=item.logo,
        source_format=source_format,
    )


@dataclass
class Reading:
    """How far a list's reading can be trusted: each doubt with its weight. Below CONFIDENT,
    every item read from the list carries the doubts (Article.uncertain), and the import says
    so, naming the file, instead of adding the items quietly."""

    layout: str
    doubts: list[tuple[str, float]] = field(default_factory=list)

    def doubt(self, reason: str, weight: float) -> None:
        self.doubts.append((reason, weight))

    @property
    def confidence(self) -> float:
        return max(0.0, 1.0 - sum(weight for _, weight in self.doubts))

    @property
    def uncertain(self) -> str | None:
        if self.confidence >= CONFIDENT:
            return None
        return "; ".join(reason for reason, _ in self.doubts)


CONFIDENT = 0.7


def _weigh(reading: Reading, articles: list[Article]) -> None:
    """The doubts what was read gives: items without a date of their own in a list that dates
    its items; items that say nothing of where or who (no outlet, logo or person of the
    organisation; in the older lists, which name neither, no teaser either)."""
    n = len(articles)
    if n == 0:
        return
    dated_layout = reading.layout in ("listing_marked", "listing_dated")
    undated = sum(a.date is None for a in articles)
    if dated_layout and undated >= 2 and undated / n >= 0.25:
        reading.doubt(f"{undated} of {n} items have no date of their own", 0.5 * undated / n)
    bare = sum(
        not (a.outlet or a.logo or a.experts or (a.summary and not dated_layout)) for a in articles
    )
    if n >= 2 and bare / n >= 0.5:
        said = "an outlet nor one of the organisation's people" + (
            "" if dated_layout else " nor a teaser"
        )
        reading.doubt(f"{bare} of {n} items name neither {said}", 0.4 * bare / n)


def parse_marked(lines: list[str], ctx: Context, reading: Reading) -> list[Article]:
    content = [ln for ln in lines if ln]
    n = len(content)

    def key(i: int) -> str:
        return alias_key(content[i]) if i < n else ""

    def starts_item(i: int) -> bool:
        return key(i) in ITEM_MARKS or (
            i + 1 < n
            and (is_date_line(content[i + 1]) or key(i + 1) in NEXT_TO_TITLE)
            and not is_date_line(content[i])
        )

    items: list[_Item] = []
    logo: str | None = None
    after_mark = False  # the line follows a logo or an image: where a title stands
    i = stray = 0
    while i < n:
        if key(i) == "logo":
            logo = content[i + 1] if i + 1 < n else None
            i, after_mark = i + 2, True
            continue
        if key(i) in ITEM_MARKS:
            i, after_mark = i + 1, True
            continue
        if is_date_line(content[i]):  # a date no item's headline stands above
            stray += 1
            i += 1
            continue
        if is_furniture(content[i]):
            i += 1
            continue
        if after_mark and i == n - 1 and _is_title(content[i]):  # the page was cut after a title
            items.append(_Item(title=content[i], logo=logo))
            break
        if key(i + 1) in PUBLICATION_MARKS:  # the organisation's own publication
            i += 2
            while i < n and not starts_item(i):
                i += 1
            logo = None
            continue
        if starts_item(i):
            item = _Item(title=content[i] if is_headline(content[i], ctx) else None, logo=logo)
            j = i + 1
            if j < n and is_date_line(content[j]):
                item.date = parse_full_date(content[j])
                j += 1
            if key(j) in OUTLET_MARKS:
                item.outlet = content[j + 1] if j + 1 < n else None
                j += 2
            if key(j) in TEASER_MARKS:
                j += 1
            while j < n and not starts_item(j):
                item.teaser.append(content[j])
                j += 1
            items.append(item)
            i, logo, after_mark = j, None, False
            continue
        if logo:  # the list starts mid-item: a logo and a teaser, no title
            item = _Item(logo=logo)
            while i < n and not starts_item(i):
                item.teaser.append(content[i])
                i += 1
            items.append(item)
            logo, after_mark = None, False
            continue
        i, after_mark = i + 1, False
    if stray:
        reading.doubt(
            f"{stray} date line(s) stand under no headline: an item may carry another's date", 0.3
        )
    articles = [_to_article(item, ctx, "listing_page") for item in items]
    return [a for a in articles if a is not None]


def _blocks(lines: list[str], ctx: Context) -> list[list[str]]:
    """The page's runs of lines between blank lines, without furniture, headings, images."""
    blocks: list[list[str]] = [[]]
    for line in _own_content(lines):
        if not line:
            blocks.append([])
        elif not (is_furniture(line) or IMAGE_FILE.match(line) or not_a_name(line, ctx)):
            blocks[-1].append(line)
    return [b for b in blocks if b]


def _dated_item(block: list[str], ctx: Context, reading: Reading) -> _Item:
    """One item of a dated list from the lines that are its own: the date (and the outlet or
    the headline beside it), the headline, an outlet line, the teaser and bylines."""
    item = _Item()
    dates = [(at, found) for at, line in enumerate(block) if (found := _dated(line))]
    if len(dates) > 1:
        reading.doubt(
            "an item's lines hold two dates: the items may be cut in the wrong place", 0.2
        )
    beside = None
    if dates:
        item.date, beside = dates[0][1]
    skip = {at for at, _ in dates[:1]}
    for at, line in enumerate(block):
        if at in skip:
            continue
        label = _OUTLET_LABEL.match(line)
        if label and not item.outlet:
            item.outlet = label.group(1)
        elif BYLINE_ONLY.match(line):
            item.bylines.append(line)
        elif item.title is None and not item.teaser and _is_title(line) and is_headline(line, ctx):
            item.title = line
        else:
            item.teaser.append(line)
    if beside:
        outlet = plausible_outlet(lead_name(beside, ctx), ctx)
        if outlet and (outlet == beside or len(outlet.split()) >= len(beside.split()) - 1):
            item.outlet = item.outlet or outlet
        elif item.title is None and is_headline(beside, ctx):
            item.title = beside
        else:
            item.teaser.insert(0, beside)
    return item


def parse_dated(lines: list[str], ctx: Context, reading: Reading) -> list[Article]:
    """A list with a date per item in a layout the site is not known to use. Blank lines part
    the items when each run of lines holds one date; else the date's side is taken from the top
    of the list (a list that opens with a date puts each date above its headline)."""
    reading.doubt("a list layout the site is not known to use", 0.35)
    blocks = _blocks(lines, ctx)
    one_date = sum(sum(_dated(line) is not None for line in b) == 1 and len(b) >= 2 for b in blocks)
    if one_date >= 2 and one_date >= 0.6 * len(blocks):
        segments: list[list[str]] = []
        for block in blocks:
            undated = not any(_dated(line) for line in block)
            if undated and segments and not _is_title(block[0]):  # the teaser goes on
                segments[-1].extend(block)
            else:
                segments.append(block)
    else:
        flat = [line for block in blocks for line in block]
        above = bool(flat) and _dated(flat[0]) is not None
        reading.doubt(
            "no blank line parts the items: each date is read as standing "
            + ("above its headline" if above else "under its headline"),
            0.15,
        )
        starts = [at if above else max(at - 1, 0) for at, line in enumerate(flat) if _dated(line)]
        starts = sorted(set([0, *starts]))
        segments = [flat[a:b] for a, b in zip(starts, [*starts[1:], len(flat)], strict=True)]
    items = [_dated_item(segment, ctx, reading) for segment in segments if segment]
    articles = [_to_article(item, ctx, "listing_page") for item in items]
    return [a for a in articles if a is not None]


def _split_title(line: str, ctx: Context) -> _Item:
    """'FRANCE CULTURE : Middle East' and '"Title", Interview de X pour Y' carry their outlet."""
    item = _Item(title=line)
    prefix = OUTLET_PREFIX.match(line)
    if prefix and ctx.outlets.resolve(prefix.group(1)):
        item.outlet, item.title = prefix.group(1).strip(), prefix.group(2).strip()
        return item
    with_byline = TITLE_BYLINE.match(line)
    if with_byline:
        item.title = with_byline.group("title").strip()
        item.bylines.append(with_byline.group("byline"))
    return item


# 'Proche-Orient, Ukraine : le monde peut-il se passer de l'Amérique ? « Biden ... » : c'est ...'
# a headline run into its teaser on one line
HEADLINE_RUN_IN = re.compile(
    r"^(?P<title>[^.?!]{20,120} : [^.?!]{5,100} \?)\s+(?P<teaser>[«\"“A-ZÀ-Ý].+)$"
)


def _teaser_in_context(line: str, current: _Item | None, previous: str, is_last: bool) -> bool:
    """Older lists give no markers: a line is a teaser by its shape, or by where it stands.

    Right under a headline with no teaser yet, a longer line (over 90 characters) is its teaser.
    The last line of a cut page, right under another line, is a teaser cut short.
    """
    if _is_teaser(line):
        return True
    if current is not None and not current.teaser and current.title and previous:
        if len(line) > 90 and len(line) > len(current.title):
            return True
    return is_last and bool(previous) and len(line) > 90


def parse_plain(lines: list[str], ctx: Context, reading: Reading) -> list[Article]:
    items: list[_Item] = []
    current: _Item | None = None  # the item teaser lines attach to; a blank line closes it
    orphan: list[str] = []  # teaser lines with no title above them (a cut page, or a quote)
    last = max((i for i, line in enumerate(lines) if line), default=-1)
    previous = ""
    for at, line in enumerate(lines):
        line_before, previous = previous, line
        if not line:
            current = None
            continue
        if is_furniture(line) or IMAGE_FILE.match(line) or not_a_name(line, ctx):
            continue
        if LINK_LINE.match(line):  # '> Read the article on Le Monde': the item's link
            if current and not current.outlet:
                current.outlet = outlet_in_link_line(line)
            continue
        run_in = HEADLINE_RUN_IN.match(line) if len(line) > 200 else None
        if run_in:
            current = _split_title(run_in.group("title"), ctx)
            current.teaser.append(run_in.group("teaser"))
            items.append(current)
            orphan = []
            continue
        if BYLINE_ONLY.match(line):
            if orphan:  # a quote, then who said it where: an item without a headline
                items.append(_Item(teaser=orphan, bylines=[line]))
                orphan = []
            elif current is not None:
                current.bylines.append(line)
            continue
        if _teaser_in_context(line, current, line_before, at == last):
            if current is not None:
                current.teaser.append(line)
            else:
                orphan.append(line)
            continue
        current = _split_title(line, ctx)
        items.append(current)
        orphan = []
    articles = [_to_article(item, ctx, "listing_page") for item in items]
    return [a for a in articles if a is not None]


def parse_team_page(lines: list[str], ctx: Context, reading: Reading) -> list[Article]:
    """Only the 'By: NAME, quoted in OUTLET' lines of a person's page are media appearances."""
    items = []
    for line in lines:
        match = TEAM_BYLINE.match(line)
        if match and role_from(match.group(1), ""):
            items.append(_Item(bylines=[match.group(1)]))
    articles = [_to_article(item, ctx, "team_page") for item in items]
    return [a for a in articles if a is not None]


_PARSERS = {
    "listing_marked": parse_marked,
    "listing_dated": parse_dated,
    "team_page": parse_team_page,
    "listing_plain": parse_plain,
}


def parse(lines: list[str], ctx: Context, links: list[Link], layout: str) -> list[Article]:
    """The list's items, each flagged with the list's doubts when its reading is uncertain."""
    reading = Reading(layout)
    articles = _PARSERS[layout](lines, ctx, reading)
    _weigh(reading, articles)
    _attach_links(articles, links)
    page_language = detect_language("\n".join(lines))
    for article in articles:  # a headline too short to tell takes the list's language
        article.language = article.language or page_language
        article.uncertain = reading.uncertain
    return articles


def _attach_links(articles: list[Article], links: list[Link]) -> None:
    """In an HTML list, an item's title is a link to the piece."""
    by_text = {alias_key(link.text): link.href for link in links if link.text}
    for article in articles:
        if article.title and alias_key(article.title) in by_text:
            article.url = by_text[alias_key(article.title)]
