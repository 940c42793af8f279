"""Pages listing many appearances: the site's lists (newer and older layouts), thematic and team
pages.

    newer list   Logo / <logo> / <title> / 18 janvier 2026 / Nom du journal, revue ou émission /
                 <outlet> / Accroche / <teaser>      (publications, with 'Date de publication',
                 are not media appearances and are left out)
    older list   <title> (sometimes 'OUTLET: title') / <teaser lines>, or a quote followed by
                 'citée par ... dans Le Monde'
    team page    'By: Elie TENENBAUM, quoted in the Washington Post'

A list can start in the middle of an item (the page was cut): a teaser with no title is kept only
when a logo or a byline says where it appeared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from data.model import Article, ExpertMention
from data.organisation import alias_key
from data.parsers.common import (
    END_OF_CONTENT,
    IMAGE_FILE,
    LINK_LINE,
    Context,
    byline_people,
    is_furniture,
    kind_of,
    outlet_in_byline,
    people_in,
    role_from,
)
from data.parsers.text import (
    Link,
    dates_in,
    detect_language,
    is_date_line,
    parse_full_date,
    plausible,
)

OUTLET_MARK = "nom du journal revue ou emission"
PUBLICATION_MARK = "date de publication"
ITEM_MARKS = {
    "logo",
    "image principale mediatique",
    "image principale",
    "image de couverture de la publication",
}
LIST_HEADER = re.compile(r"^(interventions médiatiques|media interventions|medienauftritte)$", re.I)
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


def detect(lines: list[str]) -> str | None:
    """'listing_marked', 'listing_plain', 'team_page' or None (not a list)."""
    keys = [alias_key(line) for line in lines if line]
    if OUTLET_MARK in keys or sum(is_date_line(line) for line in lines) >= 2:
        return "listing_marked"
    if keys.count("logo") >= 2 or (keys.count("accroche") >= 2):
        return "listing_marked"
    if any(TEAM_BYLINE.match(line) and role_from(line, "") for line in lines):
        return "team_page"
    if any(LIST_HEADER.match(line) for line in lines[:12]):
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
    return not _is_teaser(line) and not is_furniture(line) and not IMAGE_FILE.match(line)


@dataclass
class _Item:
    title: str | None = None
    date: object = None
    outlet: str | None = None
    logo: str | None = None
    teaser: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)


def _outlet_named_in(text: str, ctx: Context) -> str | None:
    """A known outlet the teaser says the piece ran in ('revient sur LCI', 'dans New Deal')."""
    best = None
    for form in ctx.outlets.forms(leaving_out=ctx.org_names):
        if best and len(form) <= len(best):
            continue
        pattern = (
            rf"(?:^|\b(?:sur|dans|pour|von|in|on|to|for|au micro de|à l'antenne de|de)\s+)"
            rf"{re.escape(form)}(?![\w-])"
        )
        if re.search(pattern, text):
            best = form
    return best


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
    outlet = item.outlet
    if not outlet and byline:
        outlet = outlet_in_byline(byline if "," in byline else f", {byline}", ctx)
    if not outlet:
        outlet = _outlet_named_in(teaser, ctx)
    date = item.date  # the list's date line, as stated
    if date is None:  # else a full date the teaser mentions, if it can be the appearance's
        date = next((d for d in dates_in(teaser) if plausible(d, ctx.today)), None)
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


def parse_marked(lines: list[str], ctx: Context) -> list[Article]:
    content = [ln for ln in lines if ln]
    n = len(content)

    def key(i: int) -> str:
        return alias_key(content[i]) if i < n else ""

    def starts_item(i: int) -> bool:
        return key(i) in ITEM_MARKS or (
            i + 1 < n
            and (is_date_line(content[i + 1]) or key(i + 1) in (OUTLET_MARK, PUBLICATION_MARK))
            and not is_date_line(content[i])
        )

    items: list[_Item] = []
    logo: str | None = None
    after_mark = False  # the line follows a logo or an image: where a title stands
    i = 0
    while i < n:
        if key(i) == "logo":
            logo = content[i + 1] if i + 1 < n else None
            i, after_mark = i + 2, True
            continue
        if key(i) in ITEM_MARKS:
            i, after_mark = i + 1, True
            continue
        if is_furniture(content[i]) or is_date_line(content[i]):
            i += 1
            continue
        if after_mark and i == n - 1 and _is_title(content[i]):  # the page was cut after a title
            items.append(_Item(title=content[i], logo=logo))
            break
        if key(i + 1) == PUBLICATION_MARK:  # the organisation's own publication
            i += 2
            while i < n and not starts_item(i):
                i += 1
            logo = None
            continue
        if starts_item(i):
            item = _Item(title=content[i], logo=logo)
            j = i + 1
            if j < n and is_date_line(content[j]):
                item.date = parse_full_date(content[j])
                j += 1
            if key(j) == OUTLET_MARK:
                item.outlet = content[j + 1] if j + 1 < n else None
                j += 2
            if key(j) == "accroche":
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


def parse_plain(lines: list[str], ctx: Context) -> list[Article]:
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
        if is_furniture(line) or IMAGE_FILE.match(line):
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


def parse_team_page(lines: list[str], ctx: Context) -> list[Article]:
    """Only the 'By: NAME, quoted in OUTLET' lines of a person's page are media appearances."""
    items = []
    for line in lines:
        match = TEAM_BYLINE.match(line)
        if match and role_from(match.group(1), ""):
            items.append(_Item(bylines=[match.group(1)]))
    articles = [_to_article(item, ctx, "team_page") for item in items]
    return [a for a in articles if a is not None]


def parse(lines: list[str], ctx: Context, links: list[Link], layout: str) -> list[Article]:
    if layout == "listing_marked":
        articles = parse_marked(lines, ctx)
    elif layout == "team_page":
        articles = parse_team_page(lines, ctx)
    else:
        articles = parse_plain(lines, ctx)
    _attach_links(articles, links)
    page_language = detect_language("\n".join(lines))
    for article in articles:  # a headline too short to tell takes the list's language
        article.language = article.language or page_language
    return articles


def _attach_links(articles: list[Article], links: list[Link]) -> None:
    """In an HTML list, an item's title is a link to the piece."""
    by_text = {alias_key(link.text): link.href for link in links if link.text}
    for article in articles:
        if article.title and alias_key(article.title) in by_text:
            article.url = by_text[alias_key(article.title)]
