"""What every page parser needs first: bytes to text, markup to lines, dates, the language.

Dates are read only where the text states day, month and year: a day and month alone, or a year
alone, give None, never a guess.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from dateutil import parser as dateparser

from data.limits import ELEMENTS, FILE_MB, NESTING, Deadline

# ---------- bytes and markup

MAX_FILE_BYTES = FILE_MB.value  # read once: the Import page's upload cap is set at start too


def decode(raw: bytes) -> str:
    """Text of a file: UTF-16 by its byte-order mark or its pattern of NULs, UTF-8, else, line by
    line (a file pasted together from two exports), Windows-1252 or Latin-1. Control characters
    are dropped: they are never part of a title and can hide or reorder text on screen."""
    utf16 = _utf16(raw)
    if utf16:
        text = raw.decode(utf16, errors="replace")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = "".join(_decode_line(line) for line in raw.splitlines(keepends=True))
    return strip_controls(text)


def _utf16(raw: bytes) -> str | None:
    """The UTF-16 codec the bytes are written in, if they are: by the byte-order mark, else by the
    NUL that every Latin character has as its other byte (always the odd byte in little-endian
    text, the even one in big-endian). Text in other scripts without a mark is not recognised."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = raw[:8192]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
    if odd >= pairs * 0.3 and even <= pairs * 0.02:
        return "utf-16-le"
    if even >= pairs * 0.3 and odd <= pairs * 0.02:
        return "utf-16-be"
    return None


def _decode_line(line: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return line.decode(encoding)
        except UnicodeDecodeError:
            continue
    return line.decode("latin-1")


# C0 and C1 controls but tab and line ends; bidirectional overrides; zero-width characters
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # terminal colour and cursor codes


def strip_controls(text: str) -> str:
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


_SIGNATURES = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"GIF8", b"\xff\xd8")


def looks_binary(raw: bytes) -> bool:
    """An image, a PDF, an archive or random bytes rather than text. A stray NUL or control byte
    does not make a text binary (it is dropped when read); many of them do."""
    head = raw[:8192]
    if head.startswith(_SIGNATURES):
        return True
    utf16 = _utf16(head)
    if utf16:
        text = head[: len(head) // 2 * 2].decode(utf16, errors="replace")
    else:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:  # a Latin-1 export is text too: only control bytes betray binary
            text = head.decode("cp1252", errors="replace")
    odd = sum(1 for c in text if c == "\ufffd" or (ord(c) < 32 and c not in "\t\r\n"))
    return odd > len(text) / 20


@dataclass(frozen=True)
class Link:
    text: str
    href: str


_BLOCKS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 tr br section article header footer time figcaption dt dd".split()
)
_HIDDEN = frozenset("script style noscript template form svg head".split())
# Elements that never hold content, so their start tag closes them (html.parser's own list)
_VOID = frozenset(
    "area base basefont bgsound br col command embed frame hr image img input isindex keygen "
    "link menuitem meta nextid param source spacer track wbr".split()
)
_RUBY = frozenset(("rt", "rp"))  # a ruby annotation's text is not part of the text it annotates
_PRESERVE = frozenset(("pre", "textarea"))  # where runs of spaces are kept as written
_SPACES = " \n\t\x0c\r"


def html_to_text(html: str) -> tuple[str, list[Link]]:
    """Visible text, one block per line (scripts, styles and forms dropped), and its links.

    One pass over the markup's tags, keeping only the elements still open: time grows with the
    page's size, memory with its depth (both limited: ELEMENTS, NESTING, SECONDS)."""
    text, links, _ = read_html(html)
    return text, links


def read_html(html: str) -> tuple[str, list[Link], str | None]:
    """html_to_text's text and links, and the page's first top-level heading (h1), if any."""
    reader = _PageText()
    reader.feed(html)
    reader.close()
    return reader.text(), reader.links(), reader.heading()


class _PageText(HTMLParser):
    """The text a tree of the page would give, read as html.parser meets the tags: an end tag
    closes the most recent open element of its name and those opened inside it (an end tag with
    none open is ignored); a void element closes at once, and its own end tag, if written, is
    skipped. A block element starts and ends a line; an image stands for its alt text (or its
    file name); hidden elements (scripts, forms, ...) give nothing. A link's text is the text
    inside it (a link inside a link keeps its own)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.deadline = Deadline()
        self.max_elements, self.max_depth = ELEMENTS.value, NESTING.value
        self.out: list[str] = []
        self.hrefs: list[tuple[str, list[str]]] = []  # every link: address, pieces of its text
        self.stack: list[tuple[str, list[str] | None]] = []  # open elements: name, link's text
        self.open: Counter[str] = Counter()  # open elements by name
        self.hidden = self.images = self.ruby = self.preserve = 0  # open elements of each kind
        self.skipped_ends: Counter[str] = Counter()  # void elements whose end tag may follow
        self.elements = 0
        self.data: list[str] = []
        self.link_texts: list[list[str]] = []  # the open links' texts, innermost last
        self.h1: list[str] | None = None  # the first h1's text, once it opens
        self.in_h1 = False  # inside the first h1

    # ----- what html.parser meets

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, dict(attrs))
        if tag in _VOID:
            self._close(tag)
            self.skipped_ends[tag] += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, dict(attrs))
        self._close(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipped_ends[tag]:
            self.skipped_ends[tag] -= 1
        else:
            self._close(tag)

    def handle_data(self, data: str) -> None:
        self.data.append(data)

    def unknown_decl(self, data: str) -> None:
        self._flush()
        if data.upper().startswith("CDATA["):
            self.data.append(data[len("CDATA[") :])
            self._flush()

    def handle_comment(self, data: str) -> None:
        self._flush()

    def handle_decl(self, decl: str) -> None:
        self._flush()

    def handle_pi(self, data: str) -> None:
        self._flush()

    def close(self) -> None:
        super().close()
        self._flush()
        while self.stack:
            self._pop()

    # ----- the open elements

    def _open(self, tag: str, attrs: dict[str, str | None]) -> None:
        self._flush()
        self.elements += 1
        if self.elements > self.max_elements:
            raise ELEMENTS.exceeded(f"more than {ELEMENTS.text()}")
        if len(self.stack) >= self.max_depth:
            raise NESTING.exceeded(f"elements nested more than {NESTING.text()} deep")
        self.deadline.check()
        shown = self._shown()
        if shown and tag in _BLOCKS:
            self.out.append("\n")
        if shown and tag == "img":
            # the file's name without the query a site appends ('photo.jpg?itok=x1')
            src = re.split(r"[?#]", attrs.get("src") or "", maxsplit=1)[0]
            alt = attrs.get("alt") or src.rsplit("/", 1)[-1]
            self.out.append(f"\n{alt}\n")
        link = None
        href = (attrs.get("href") or "").strip()
        if tag == "a" and href.lower().startswith(("http://", "https://")) and not self.hidden:
            link = []
            self.hrefs.append((href, link))
            self.link_texts.append(link)
        self.stack.append((tag, link))
        self._count(tag, 1)
        if tag == "h1" and self.h1 is None and shown:
            self.h1, self.in_h1 = [], True

    def _close(self, tag: str) -> None:
        self._flush()
        if self.open[tag]:
            while self._pop() != tag:
                pass

    def _pop(self) -> str:
        tag, link = self.stack.pop()
        self._count(tag, -1)
        if tag == "h1" and not self.open["h1"]:
            self.in_h1 = False
        if tag in _BLOCKS and self._shown():
            self.out.append("\n")
        if link is not None:
            self.link_texts.pop()
        return tag

    def _count(self, tag: str, step: int) -> None:
        self.open[tag] += step
        if tag in _HIDDEN:
            self.hidden += step
        elif tag == "img":
            self.images += step
        elif tag in _RUBY:
            self.ruby += step
        elif tag in _PRESERVE:
            self.preserve += step

    # ----- text

    def _shown(self) -> bool:
        """Whether what is met now is part of the page's text: not in a hidden element, nor in
        an image (replaced by its alt text)."""
        return not self.hidden and not self.images

    def _flush(self) -> None:
        if not self.data:
            return
        text = "".join(self.data)
        self.data = []
        if not self.preserve and not text.strip(_SPACES):
            text = "\n" if "\n" in text else " "
        if self.hidden or self.ruby:
            return
        if not self.images:
            self.out.append(text)
            if self.in_h1:
                self.h1.append(text)
        if self.link_texts:
            self.link_texts[-1].append(text)

    def text(self) -> str:
        return "".join(self.out)

    def heading(self) -> str | None:
        return " ".join("".join(self.h1 or []).split()) or None

    def links(self) -> list[Link]:
        return [Link(" ".join(" ".join(pieces).split()), href) for href, pieces in self.hrefs]


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)[^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.M)
_MD_LIST = re.compile(r"^\s*[-*+]\s+", re.M)
_MD_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")


def markdown_to_text(md: str) -> tuple[str, list[Link]]:
    """Markdown as plain lines: headings, emphasis and list marks dropped, images as their
    alt text, links as their text (their addresses kept aside)."""
    links = [Link(text, href) for text, href in _MD_LINK.findall(md)]
    text = _MD_IMAGE.sub(lambda m: m.group(1), md)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _MD_HEADING.sub("", text)
    text = _MD_LIST.sub("- ", text)
    return _MD_EMPHASIS.sub("", text), links


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<body" in head or "<!doctype" in head or "<div" in head


def clean_lines(text: str) -> list[str]:
    """Lines without surrounding or doubled spaces; blank lines kept as '' (they separate items)."""
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    return [" ".join(line.split()) for line in text.splitlines()]


# ---------- dates

_MONTH_NAMES = [
    ("jan", "janv", "janvier", "january", "januar", "jänner"),
    ("feb", "fev", "fév", "févr", "fevr", "février", "fevrier", "february", "februar"),
    ("mar", "mars", "march", "märz", "maerz"),
    ("apr", "avr", "avril", "april"),
    ("may", "mai"),
    ("jun", "juin", "june", "juni"),
    ("jul", "juil", "juillet", "july", "juli"),
    ("aug", "aou", "aoû", "août", "aout", "august"),
    ("sep", "sept", "septembre", "september"),
    ("oct", "octobre", "october", "oktober", "okt"),
    ("nov", "novembre", "november"),
    ("dec", "déc", "décembre", "decembre", "december", "dezember", "dez"),
]


class _Months(dateparser.parserinfo):
    """English, French and German month names and the site's abbreviations ('juil', 'fév')."""

    MONTHS = _MONTH_NAMES
    JUMP = [*dateparser.parserinfo.JUMP, "le", "er", "den"]


_PARSERINFO = _Months(dayfirst=True)
_MONTH_WORD = "|".join(
    sorted({re.escape(n) for names in _MONTH_NAMES for n in names}, key=len, reverse=True)
)
# '18 janvier 2026', '1er mai 2020', 'September 30, 2022', '29/05/2017', '2020-09-07'
FULL_DATE = re.compile(
    rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\.?\s+({_MONTH_WORD})\.?,?\s+(\d{{4}})\b"
    rf"|\b({_MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    r"|\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"
    r"|\b(\d{4})-(\d{2})-(\d{2})\b",
    re.IGNORECASE,
)


_TIME = r"(?:[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO_DATE = re.compile(rf"\s*(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}}){_TIME}\s*")  # year first
_NUMERIC_DATE = re.compile(rf"\s*(\d{{1,2}})[/.](\d{{1,2}})[/.](\d{{4}}){_TIME}\s*")
# what no date written in full has: a sign before it, a dash after it, an ISO date amid other words
_NOT_A_DATE = re.compile(r"^\s*[-+\u2212]|-\s*$|\d{4}-\d{1,2}-\d{1,2}")


@lru_cache(maxsize=8192)  # a clipping export repeats its dates; dateutil is the slow part
def parse_full_date(text: str, month_first: bool = False) -> dt.date | None:
    """The date a short text states in full (day, month and year), else None. The text must be
    the date (a time of day may follow): '2024-01-02 and more' or '-2024-01-01' is not one.

    Numbers alone are read year first (2024-01-02, 2024/01/02), else day first (03/05/2024 is
    3 May), or month first when told so.
    """
    iso = _ISO_DATE.fullmatch(text)
    numeric = _NUMERIC_DATE.fullmatch(text)
    if iso or numeric:  # day-first reading would swap an ISO date's month and day
        if iso:
            year, month, day = map(int, iso.groups())
        else:
            day, month, year = map(int, numeric.groups())
            if month_first:
                day, month = month, day
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if _NOT_A_DATE.search(text):
        return None
    try:
        # two different defaults: a part dateutil had to fill in differs between the two results
        a = dateparser.parse(text, parserinfo=_PARSERINFO, default=dt.datetime(1901, 1, 1))
        b = dateparser.parse(text, parserinfo=_PARSERINFO, default=dt.datetime(1902, 2, 2))
    except (ValueError, OverflowError):
        return None
    return a.date() if a == b else None


def dates_in(text: str) -> list[dt.date]:
    """Every full date written in a running text, in order."""
    found = []
    for match in FULL_DATE.finditer(text):
        day = parse_full_date(match.group(0).replace(",", " "))
        if day:
            found.append(day)
    return found


def is_date_line(line: str) -> bool:
    """A line that is only a date ('18 janvier 2026', '07 September 2020')."""
    match = FULL_DATE.fullmatch(line.strip().rstrip("."))
    return bool(match) and parse_full_date(line) is not None


def plausible(day: dt.date | None, today: dt.date) -> dt.date | None:
    """A date that can be an appearance's: not in the future, not before 1900."""
    if day is None or day > today or day.year < 1900:
        return None
    return day


def stamp_date(lines: list[str]) -> tuple[dt.date | None, int]:
    """The old layouts' date stamp split over three lines ('17' / 'sep' / '2022') at the top.

    Returns the date and the index of the line after it (0 when there is no stamp).
    """
    content = [(i, line) for i, line in enumerate(lines) if line][:8]
    for at in range(len(content) - 2):
        (_, day), (_, month), (end, year) = content[at : at + 3]
        if day.isdigit() and len(day) <= 2 and year.isdigit() and len(year) == 4:
            found = parse_full_date(f"{day} {month} {year}")
            if found and not month.isdigit():
                return found, end + 1
    return None, 0


# ---------- language

_STOPWORDS = {
    "fr": "le la les des une est dans pour sur que qui pas avec sont du au aux ce cette il elle "
    "nous vous leur plus ou mais où été l d qu n",
    "en": "the of and to in is that for on with as are was by this from at it be has have an "
    "will its their which",
    "de": "der die das und ist nicht mit sich den dem ein eine auf für von zu im bei wird auch",
}
_STOPSETS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_CYRILLIC = re.compile("[\u0410-\u044f]")  # А-Я and а-я
_WORD = re.compile(r"[a-zà-ÿß]+")


def detect_language(text: str) -> str | None:
    """fr, en, de or ru by the most frequent function words (Cyrillic script for ru)."""
    if not text:
        return None
    if len(_CYRILLIC.findall(text)) > len(text) / 4:
        return "ru"
    words = _WORD.findall(text.lower())
    scores = {lang: sum(map(stops.__contains__, words)) for lang, stops in _STOPSETS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2 else None
