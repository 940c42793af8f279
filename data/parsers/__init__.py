"""Parsers: a file's text in, Article records out (pure functions, no store, no network).

    parse_page(text, source, ctx)      an "in the media" page (.txt, .md or .html), any layout
    spreadsheet.parse_spreadsheet(...) a clipping export (.csv or .xlsx)

`parse_page` tells the layouts apart and hands the lines to media_page (one appearance) or
listing (many).
"""

from __future__ import annotations

import dataclasses

from data.limits import PAGE_CHARS
from data.model import Article
from data.organisation import alias_key
from data.parsers import listing, media_page, page_owner
from data.parsers.common import Context
from data.parsers.text import clean_lines, looks_like_html, markdown_to_text, read_html

PAGE_SUFFIXES = (".txt", ".md", ".html", ".htm")


def parse_page(text: str, source: str, ctx: Context) -> list[Article]:
    """Every appearance a page reports (one for an article page, many for a list)."""
    links, heading = [], None
    if source.lower().endswith((".html", ".htm")) or looks_like_html(text):
        text, links, heading = read_html(text)
    elif source.lower().endswith(".md"):
        text, links = markdown_to_text(text)
    if len(text) > PAGE_CHARS.value:  # every reader of a page's lines is bounded by its length
        raise PAGE_CHARS.exceeded(f"a page's text of more than {PAGE_CHARS.text()}")
    lines = clean_lines(text)
    ctx = _read_for_the_page_owner(lines, ctx)
    layout = media_page.detect(lines)
    if layout:
        articles = [media_page.parse(lines, ctx, links, layout)]
    else:
        list_layout = listing.detect(lines)
        if list_layout:
            articles = listing.parse(lines, ctx, links, list_layout)
        else:  # a page of prose: an appearance only if it names an outlet or an expert
            article = media_page.parse(lines, ctx, links, None, heading)
            articles = [article] if article.outlet or article.experts else []
    articles = [a for a in articles if a.title or a.outlet or a.experts]  # an empty page
    for article in articles:
        article.source = source
    return articles


def _read_for_the_page_owner(lines: list[str], ctx: Context) -> Context:
    """The context with the names the page gives its organisation, and their long forms."""
    names = tuple(page_owner.names_on_page(lines))
    spelled_out = page_owner.long_forms("\n".join(lines), ctx.org_names + names)
    new = tuple(n for n in (*names, *spelled_out) if alias_key(n) not in ctx.org_keys)
    return dataclasses.replace(ctx, page_names=new) if new else ctx


__all__ = ["Context", "parse_page", "PAGE_SUFFIXES"]
