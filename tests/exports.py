"""Clipping exports written for the tests, in each vendor's layout, from small specs.

A spec is the header a vendor writes and rows given by the columns that matter; every other
column is filled the way exports fill them (ids, scores, empty cells), so a file has the width
and the noise of the real layout. `delimited` writes it as a CSV or TSV in any encoding,
delimiter and line end, with a byte-order mark or not; `workbook` as an XLSX of text cells. Both
can put a title, notes and blank rows above the header.
"""

from __future__ import annotations

import codecs
import csv
import io

from openpyxl import Workbook

# Meltwater: the first columns of the current export, then the older export's 37 in full.
# fmt: off
MELTWATER_FIRST = [
    "Date", "Headline", "URL", "Opening Text", "Hit Sentence", "Source", "Influencer",
    "Country", "Subregion", "Language", "Reach",
]
MELTWATER_SOCIAL = [
    "Desktop Reach", "Mobile Reach", "Twitter Social Echo", "Facebook Social Echo",
    "Reddit Social Echo", "National Viewership", "Engagement", "AVE", "Sentiment",
    "Key Phrases", "Input Name", "Keywords", "Twitter Authority", "Tweet Id", "Twitter Id",
    "Twitter Client", "Twitter Screen Name", "User Profile Url", "Twitter Bio",
    "Twitter Followers", "Twitter Following",
]
MELTWATER_LAST = ["Alternate Date Format", "Time", "State", "City", "Document Tags"]
MELTWATER_OLDER = MELTWATER_FIRST + MELTWATER_SOCIAL + MELTWATER_LAST  # 37 columns
MELTWATER_CURRENT = (  # 52 columns
    MELTWATER_FIRST
    + MELTWATER_SOCIAL
    + [
        "Document ID", "Parent URL", "Likes", "Replies", "Retweets", "Comments", "Shares",
        "Reactions", "Views", "Is Verified", "Custom Categories", "Author Description",
        "Engagement Rate", "Image", "Hashtags",
    ]
    + MELTWATER_LAST
)
MELTWATER_NEWER = [
    "Date", "Time", "Document ID", "URL", "Input Name", "Keywords", "Information Type",
    "Source Type", "Source Name", "Source Domain", "Content Type", "Author Name",
    "Author Handle", "Title", "Opening Text", "Hit Sentence", "Image", "Hashtags", "Links",
    "Country", "Region", "Language", "Sentiment", "Key Phrases", "Reach", "Engagement",
    "Likes", "Replies", "Shares",
]
MEDIA_CLOUD = [
    "stories_id", "publish_date", "title", "url", "language", "ap_syndicated", "themes",
    "media_id", "media_name", "media_url",
]
# fmt: on
TALKWALKER = (  # 92 columns, the ones read among the noise
    ["url", "indexed", "search_indexed", "published", "title", "content", "title_snippet"]
    + [f"engagement_{i}" for i in range(20)]
    + ["source_type", "post_type", "noise_category", "lang", "reach"]
    + [f"extra_article_attributes.field_{i}" for i in range(30)]
    + ["extra_author_attributes.name", "extra_author_attributes.gender"]
    + [f"extra_author_attributes.field_{i}" for i in range(12)]
    + ["extra_source_attributes.name", "extra_source_attributes.world_data.country_code"]
    + [f"extra_source_attributes.field_{i}" for i in range(12)]
)
GDELT = ["URL", "MobileURL", "Date", "Title"]
GOOGLE_ALERTS = ["daily_update", "snippet", "source", "title", "url"]
CISION = [
    "Mention",
    "Outlet",
    "Author",
    "Publication Date",
    "Media Type",
    "Readership",
    "Tone",
    "Tags",
    "Link",
]
MUCK_RACK = ["Headline", "Outlet", "Publish Date", "Author", "URL", "UVM", "Sentiment"]


def rows_of(header: list[str], rows: list[dict[str, str]]) -> list[list[str]]:
    """Rows in the header's order; a column a row does not give is filled as exports fill it."""
    filled = []
    for n, row in enumerate(rows):
        unknown = set(row) - set(header)
        assert not unknown, f"not in the layout: {unknown}"
        filled.append([row.get(h, _noise(h, n)) for h in header])
    return filled


def _noise(column: str, n: int) -> str:
    lowered = column.lower()
    if lowered.endswith(("id", "_id")) or "document id" in lowered:
        return f'"{9_100_000_000 + n}"'  # ids wrapped in literal quotes, as Meltwater writes them
    if any(w in lowered for w in ("engagement", "likes", "shares", "reach", "followers")):
        return str(n * 7)
    return ""


def delimited(
    header: list[str],
    rows: list[list[str]],
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
    line_end: str = "\n",
    above: list[list[str]] = (),
) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    for row in [*above, header, *rows]:
        writer.writerow(row)
    data = out.getvalue().encode(encoding)
    if bom:
        marks = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE}
        data = marks[encoding] + data
    return data


def workbook(
    header: list[str], rows: list[list[str]], sheet: str = "Sheet0", above: list[list[str]] = ()
) -> bytes:
    """An XLSX whose every cell is text (as Talkwalker writes it), title rows first."""
    book = Workbook()
    page = book.active
    page.title = sheet
    for row in [*above, header, *rows]:
        page.append([cell if cell != "" else None for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
