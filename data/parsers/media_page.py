"""Pages reporting one media appearance, in every layout the site has used (English and French).

old layout     17 / sep / 2022, 'Espace Média L'Ifri dans les médias' (or 'media Ifri in the
               Media'), maybe an image caption, the byline, the title, the text, a link line
               ('> Read the article on the Newsweek website'), 'Keywords' / 'Mots-clés'.
new layout     the title, 'Interventions médiatiques |', a role line ('invitée de'), the
               outlet on its own line, 'Accroche', the text, the 'Auteurs' block.
print page     'Publié le 29/05/2017', the byline, the text (no headline).
plain page     the title, the text, a link line; also third-party pages naming the outlet
               in their text.
"""

from __future__ import annotations

import re

from data.model import Article, ExpertMention
from data.organisation import alias_key
from data.parsers.common import (
    END_OF_CONTENT,
    IMAGE_FILE,
    LINK_LINE,
    SITE_NAME,
    Context,
    byline_people,
    is_byline,
    is_furniture,
    is_headline,
    kind_of,
    outlet_in_byline,
    outlet_in_link_line,
    outlet_in_sentence,
    people_in,
    plausible_outlet,
    role_from,
    site_name,
    split_tags,
)
from data.parsers.text import (
    Link,
    detect_language,
    parse_full_date,
    stamp_date,
)

# 'Espace Média L'Ifri dans les médias', 'media Ifri in the Media' (any organisation's name)
OLD_HEADER = re.compile(
    r"^(espace média .{2,60} dans les médias|media .{2,60} in the media)$", re.I
)
NEW_HEADER = re.compile(r"^(interventions médiatiques|media interventions)\s*\|", re.I)
PRINT_STAMP = re.compile(r"^(?:publié le|published on|veröffentlicht am)\s*:?\s*(.*)$", re.I)
TAG_HEADER = re.compile(r"^(keywords|mots-clés|mots clés|schlagwörter)\s*:?\s*(.*)$", re.I)


def detect(lines: list[str]) -> str | None:
    """Which single-appearance layout the page uses, or None if it is not one."""
    content = [line for line in lines if line]
    if content and PRINT_STAMP.match(content[0]):
        return "print_page"
    if any(NEW_HEADER.match(line) for line in content):
        return "article_page"
    if any(OLD_HEADER.match(line) for line in content[:6]) or stamp_date(lines)[0]:
        return "article_page"
    return None


def _content(lines: list[str]) -> list[str]:
    """Non-blank lines up to where the site's cross-links begin."""
    kept = []
    for line in lines:
        if END_OF_CONTENT.match(line):
            break
        if line:
            kept.append(line)
    return kept


def _tags(lines: list[str], ctx: Context) -> list[str]:
    for i, line in enumerate(lines):
        match = TAG_HEADER.match(line)
        if match:
            words = match.group(2) or (lines[i + 1] if i + 1 < len(lines) else "")
            return split_tags(words, ctx.known_tags)
    return []


def _link(lines: list[str], links: list[Link], ctx: Context) -> tuple[str | None, str | None]:
    """(outlet named by the link line, the link's address) of '> Read the article on ...'; else
    no outlet and the one link the page makes away from its own site, if there is one."""
    for line in lines:
        if LINK_LINE.match(line):
            href = next((ln.href for ln in links if ln.text and ln.text in line), None)
            if href is None:
                inline = re.search(r"https?://\S+", line)
                href = inline.group(0) if inline else None
            return plausible_outlet(outlet_in_link_line(line), ctx), href or _away(links)
    return None, _away(links)


# Sharing buttons and social profiles: links every page carries, never to the piece itself
_SHARING = re.compile(
    r"(?:^|\.)(?:facebook|twitter|x|linkedin|whatsapp|wa|t|telegram|pinterest|reddit|bsky|"
    r"instagram|youtube|tiktok|mastodon|threads|flipboard)\.(?:com|me|app|net|social|org)$"
    r"|^(?:addtoany|sharethis)\.com$",
    re.I,
)


def _host(href: str) -> str:
    host = re.sub(r"^https?://", "", href, flags=re.I).split("/", 1)[0].split(":", 1)[0]
    return host.lower().removeprefix("www.")


def _away(links: list[Link]) -> str | None:
    """The piece a page links to: the page's links away from the site it is on (the host most
    of its links go to) and from sharing buttons, when they all go to one host."""
    hosts = [_host(link.href) for link in links]
    if not hosts:
        return None
    home = max(set(hosts), key=hosts.count) if len(hosts) >= 3 else None
    away = [
        link.href
        for link, host in zip(links, hosts, strict=True)
        if host != home and not _SHARING.search(host)
    ]
    return away[0] if away and len({_host(h) for h in away}) == 1 else None


def _headline(lines: list[str], ctx: Context) -> tuple[str | None, list[str]]:
    """The first of the first two lines that can be a headline, and the lines after it."""
    for at, line in enumerate(lines[:2]):
        if is_headline(line, ctx) and len(line) <= 250:
            return line, lines[at + 1 :]
    return None, lines


def _body(lines: list[str]) -> str:
    return "\n".join(
        line
        for line in lines
        if not (is_furniture(line) or IMAGE_FILE.match(line) or LINK_LINE.match(line))
    )


def _unique(mentions: list[ExpertMention]) -> list[ExpertMention]:
    """Each person once, as first mentioned (the Authors block repeats every name)."""
    first: dict[str, ExpertMention] = {}
    for mention in mentions:
        first.setdefault(alias_key(mention.name), mention)
    return list(first.values())


def _article(ctx: Context, **fields) -> Article:
    text = " ".join(filter(None, [fields.get("title"), fields.get("summary")]))
    fields.setdefault("language", detect_language(text))
    fields.setdefault("kind", kind_of(fields.get("title"), fields.get("summary") or "", ctx))
    return Article(**fields)


def parse_old_layout(lines: list[str], ctx: Context, links: list[Link]) -> Article:
    date, start = stamp_date(lines)
    content = _content(lines[start:])
    body_start = next((i + 1 for i, line in enumerate(content) if OLD_HEADER.match(line)), 0)
    content = content[body_start:]
    byline_at = next((i for i, line in enumerate(content[:4]) if is_byline(line, ctx)), None)
    if byline_at is not None:
        byline = content[byline_at]
        role = role_from(byline)
        experts = byline_people(byline, ctx, role)
        outlet = outlet_in_byline(byline, ctx)
        rest = [ln for ln in content[byline_at + 1 :] if not IMAGE_FILE.match(ln)]
        title, text = _headline(rest, ctx)
    else:  # no byline: the title is the last short line before the text starts
        first_long = next(
            (i for i, ln in enumerate(content) if len(ln) > 160 or ln.endswith(".")), len(content)
        )
        title = next((ln for ln in reversed(content[:first_long]) if is_headline(ln, ctx)), None)
        text = content[first_long:]
        experts, outlet = [], None
    link_outlet, url = _link(content, links, ctx)
    body = _body(text)
    experts = experts or people_in(body, ctx)
    return _article(
        ctx,
        title=title,
        outlet=outlet or link_outlet or outlet_in_sentence(body, ctx) or _outlet_in_text(text, ctx),
        date=date,  # as stated: a date in the future is refused by validation, not hidden
        experts=experts,
        tags=_tags(content, ctx),
        url=url,
        summary=body[:500] or None,
        source_format="article_page",
    )


def parse_new_layout(lines: list[str], ctx: Context, links: list[Link]) -> Article:
    content = _content(lines)
    header_at = next(i for i, line in enumerate(content) if NEW_HEADER.match(line))
    title = next((ln for ln in reversed(content[:header_at]) if is_headline(ln, ctx)), None)
    role_line = NEW_HEADER.sub("", content[header_at]).strip()
    after = content[header_at + 1 :]
    if not role_line and after:
        role_line, after = after[0], after[1:]
    outlet = plausible_outlet(after[0], ctx) if after and not is_furniture(after[0]) else None
    text = after[1:]
    authors = _authors(lines, ctx)
    body = _body(text)
    role = role_from(role_line, "interview")
    experts = [ExpertMention(e.name, role, e.in_roster) for e in authors]
    experts = experts or people_in(f"{title}\n{body}", ctx, role)
    link_outlet, url = _link(content, links, ctx)
    return _article(
        ctx,
        title=title,
        outlet=outlet
        or link_outlet
        or outlet_in_sentence(f"{role_line}\n{body}", ctx)
        or _outlet_in_text(text, ctx),
        date=None,  # this layout shows no date of the appearance
        experts=experts,
        tags=_tags(content, ctx),
        url=url,
        summary=body[:500] or None,
        source_format="article_page",
    )


def _authors(lines: list[str], ctx: Context) -> list[ExpertMention]:
    """The 'Auteurs' block of the new layout: Photo, maybe an image name, the name (twice)."""
    found: list[ExpertMention] = []
    for i, line in enumerate(lines):
        if alias_key(line) not in ("auteurs", "authors"):
            continue
        for name_line in lines[i + 1 : i + 8]:
            if alias_key(name_line) in ("intitule du poste", "job title"):
                break
            known = ctx.roster.canonical(name_line)
            match = SITE_NAME.fullmatch(name_line)
            if known:
                found.append(ExpertMention(known))
            elif match:
                found.append(ExpertMention(site_name(*match.groups()), in_roster=False))
    return _unique(found)


def parse_print_page(lines: list[str], ctx: Context, links: list[Link]) -> Article:
    content = _content(lines)
    stamp = PRINT_STAMP.match(content[0]).group(1)
    date = parse_full_date(stamp) if stamp.strip() else None
    rest = content[1:]
    byline = rest[0] if rest and is_byline(rest[0], ctx) else None
    body = _body(rest[1:] if byline else rest)
    if byline:
        role = role_from(byline)
        experts = byline_people(byline, ctx, role)
        outlet = outlet_in_byline(byline, ctx) or outlet_in_sentence(body, ctx)
    else:
        experts = people_in(body, ctx)
        outlet = outlet_in_sentence(body, ctx) or _outlet_in_text(rest, ctx)
    link_outlet, url = _link(content, links, ctx)
    return _article(
        ctx,
        title=None,  # a print page shows the byline, not the headline
        outlet=outlet or link_outlet,
        date=date,
        experts=experts,
        tags=_tags(content, ctx),
        url=url,
        summary=body[:500] or None,
        language=detect_language(body),
        source_format="print_page",
    )


def _outlet_in_text(lines: list[str], ctx: Context) -> str | None:
    """A known outlet written in the page: on a line of its own, else first named in the text."""
    for line in lines[:4]:
        if ctx.outlets.resolve(line) and len(line) < 60:
            return line
    match = ctx.outlet_search.search("\n".join(lines)) if ctx.outlet_search else None
    return match.group("form") if match else None


def parse_plain_page(
    lines: list[str], ctx: Context, links: list[Link], heading: str | None = None
) -> Article:
    """Title first, then the text: the site's shortest layout, and third-party pages."""
    content = [ln for ln in _content(lines) if not is_furniture(ln)]
    # an HTML page's top heading, when it is one of its first lines (a menu may come first)
    title_at = next(
        (i for i, ln in enumerate(content[:12]) if heading and ln == " ".join(heading.split())),
        None,
    )
    if title_at is None or not is_headline(content[title_at], ctx):
        title_at = next((i for i, ln in enumerate(content[:3]) if is_headline(ln, ctx)), None)
    title = content[title_at] if title_at is not None else None
    rest = content[(title_at or 0) + 1 :]
    link_outlet, url = _link(rest, links, ctx)
    known_link = link_outlet if link_outlet and ctx.outlets.resolve(link_outlet) else None
    body = _body(rest)
    outlet = (
        known_link or outlet_in_sentence(body, ctx) or _outlet_in_text(rest, ctx) or link_outlet
    )
    return _article(
        ctx,
        title=title,
        outlet=outlet,
        date=None,  # dates in running text or captions are not the appearance's date
        experts=people_in(f"{title}\n{body}", ctx),
        tags=_tags(content, ctx),
        url=url,
        summary=body[:500] or None,
        source_format="article_page",
    )


def parse(
    lines: list[str],
    ctx: Context,
    links: list[Link],
    layout: str | None,
    heading: str | None = None,
) -> Article:
    if layout == "print_page":
        return parse_print_page(lines, ctx, links)
    if any(NEW_HEADER.match(line) for line in _content(lines)):
        return parse_new_layout(lines, ctx, links)
    if layout == "article_page":
        return parse_old_layout(lines, ctx, links)
    return parse_plain_page(lines, ctx, links, heading)
