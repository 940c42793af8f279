"""Clipping spreadsheets: CSV (any common delimiter and encoding) and XLSX, in any vendor's layout.

The header row is found among the top rows (a title, notes or blank rows may come first) and its
layout recognised from the registry (layouts.toml: Meltwater, Media Cloud, Talkwalker, GDELT,
Google Alerts, Cision, Muck Rack, or the usual English and French headers); anything else is
mapped explicitly, e.g. {"title": "Titre de l'article"} (`--map title="Titre de l'article"`).
One row is one appearance, or a social post (kind 'social', kept apart from press coverage). A
row that cannot be read is rejected with its row number (1 is the file's first row) and the
reason; the other rows still go in. Each value is read once per distinct cell of its column, and
each date column as a whole (data/parsers/dates.py).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from zoneinfo import ZoneInfo

from data.limits import Deadline, LimitExceeded
from data.links import split_outlet_suffix
from data.model import Article, ExpertMention, InvalidArticle, validate
from data.organisation import alias_key, fold
from data.parsers import cells
from data.parsers.common import Context
from data.parsers.dates import read_column
from data.parsers.layouts import FIELD_NAMES, Layout, header_score, recognise, registry
from data.parsers.sheet_file import FileForm, SpreadsheetError, read_rows
from data.parsers.sheet_report import FieldReading, SheetReport
from data.parsers.text import detect_language

SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".xlsx")
FIELDS = tuple(registry().generic.fields)  # the fields a column may be named for (--map)
HEADER_SCAN = 30  # rows at the top of a file the header row is looked for in
_SOCIAL_KIND = "social"
_QUOTED_FIELDS = ("date", "url", "outlet_domain", "reach")  # never quotes as content


@dataclass(frozen=True)
class RowReject:
    row_number: int  # 1 = the file's first row
    reason: str


@dataclass
class Sheet:
    articles: list[Article]
    rejects: list[RowReject]
    report: SheetReport


def parse_spreadsheet(
    data: bytes, source: str, ctx: Context, mapping: dict[str, str] | None = None
) -> tuple[list[Article], list[RowReject]]:
    """Articles from the good rows, and a reject (row number, reason) for each bad one."""
    sheet = read_spreadsheet(data, source, ctx, mapping)
    return sheet.articles, sheet.rejects


def read_spreadsheet(
    data: bytes, source: str, ctx: Context, mapping: dict[str, str] | None = None
) -> Sheet:
    """The file's appearances, its rejected rows and how it was read. A file over one of the
    limits (data.limits) is refused whole, with the limit named."""
    deadline, form = Deadline(), FileForm()
    try:
        rows = read_rows(data, source, deadline, form)
        return _Reading(rows, source, ctx, mapping, deadline, form).sheet()
    except LimitExceeded as exc:
        raise SpreadsheetError(str(exc)) from None


def find_header(
    rows: Iterator[list[str]], wanted: set[str] = frozenset()
) -> tuple[int, list[str], Iterator[tuple[int, list[str]]]]:
    """(its row number, the header row, the numbered rows after it). The header is the first of
    the top rows that holds two headers a layout reads (or a column --map names), else the one
    holding most, else the first row with anything in it."""
    numbered = enumerate(rows, start=1)
    top = list(itertools.islice(numbered, HEADER_SCAN))
    best: tuple[int, int] | None = None  # (score, position in top)
    first = None
    for at, (_, row) in enumerate(top):
        if not any(c.strip() for c in row):
            continue
        first = at if first is None else first
        score = header_score(row) + sum(1 for c in row if c and alias_key(c) in wanted)
        if score >= 2:
            best = (score, at)
            break
        if score and (best is None or score > best[0]):
            best = (score, at)
    if first is None:
        raise SpreadsheetError("no header row")
    at = best[1] if best else first
    number, header = top[at]
    return number, header, itertools.chain(top[at + 1 :], numbered)


class _Reading:
    """One file read: the header found, its layout, then the rows, each distinct value once."""

    def __init__(self, rows, source, ctx: Context, mapping, deadline: Deadline, form) -> None:
        self.source, self.ctx, self.deadline, self.form = source, ctx, deadline, form
        wanted = {alias_key(c) for c in (mapping or {}).values()}
        self.header_row, self.header, self.rows = find_header(rows, wanted)
        self.layout, self.columns = recognise(self.header)
        if mapping:
            self.columns = _mapped(self.header, self.columns, mapping)
        if not {"title", "outlet", "outlet_domain"} & set(self.columns):
            raise SpreadsheetError(
                "no headline or outlet column recognised in the header "
                f"({', '.join(h for h in self.header if h)}); name them with --map title=... "
                "outlet=..."
            )
        self.mapped = bool(mapping)
        self.zone = ctx.time_zone or ZoneInfo("UTC")

    # ---------- rows -> Articles

    def sheet(self) -> Sheet:
        needed = sorted({i for idxs in self.columns.values() for i in idxs})
        slot = {i: n for n, i in enumerate(needed)}
        take = itemgetter(*needed) if len(needed) > 1 else (lambda row: (row[needed[0]],))
        width = needed[-1] + 1
        records = []  # (row number, the cells of the columns read): no more of a row is kept
        for number, row in self.rows:
            if not any(row):
                continue
            got = (
                take(row)
                if len(row) >= width
                else tuple(row[i] if i < len(row) else "" for i in needed)
            )
            if not any(c.strip() for c in got) and not "".join(row).strip():
                continue
            records.append((number, got))
        if not records:
            raise SpreadsheetError("no rows under the header")
        slots = {f: [slot[i] for i in idxs] for f, idxs in self.columns.items()}
        report = self._report(len(records))
        read = _RowReader(self, slots, records, report)
        articles, rejects = [], []
        sample = None
        for number, got in records:
            self.deadline.check(f"row {number:,}: ")
            try:
                article = read.article(number, got)
            except InvalidArticle as exc:
                rejects.append(RowReject(number, str(exc)))
                continue
            articles.append(article)
            if sample is None:
                sample = (number, got, article)
        if sample is None:
            sample = (records[0][0], records[0][1], None)
        self._sample(report, slots, *sample)
        return Sheet(articles, rejects, report)

    # ---------- how it was read

    def _report(self, rows: int) -> SheetReport:
        used = {i for idxs in self.columns.values() for i in idxs}
        return SheetReport(
            source=self.source,
            layout=self.layout.name,
            form=str(self.form),
            header_row=self.header_row,
            rows=rows,
            left_out=[h.strip() for i, h in enumerate(self.header) if h.strip() and i not in used],
            date_means=self.layout.date_means,
            mapped=self.mapped,
        )

    def _sample(self, report: SheetReport, slots, number: int, got: tuple, article) -> None:
        report.sample_row = number
        for name in FIELD_NAMES:
            if name not in self.columns:
                continue
            raw = next((got[s].strip() for s in slots[name] if got[s].strip()), "")
            report.fields.append(
                FieldReading(
                    name,
                    [self.header[i].strip() for i in self.columns[name]],
                    self.layout.read.get(name, ""),
                    raw,
                    _shown(article, name) if article else "",
                )
            )
        if self.layout.people and article is not None:
            searched = [h for f in self.layout.people for h in _headers(self, f)]
            if searched:
                report.fields.append(
                    FieldReading(
                        "experts",
                        searched,
                        "the roster's names found in them",
                        "",
                        ", ".join(article.expert_names) or "(none)",
                    )
                )


def _headers(reading: _Reading, field: str) -> list[str]:
    return [reading.header[i].strip() for i in reading.columns.get(field, [])]


def _shown(article: Article, name: str) -> str:
    value = {
        "date": article.date.isoformat() if article.date else "(undated)",
        "experts": ", ".join(article.expert_names),
        "role": ", ".join(m.role for m in article.experts),
        "tags": "; ".join(article.tags),
        "source_type": "social post" if article.kind == _SOCIAL_KIND else "press",
    }.get(name)
    if value is None:
        value = getattr(article, name, None)
    return "" if value is None else str(value)


def _mapped(header: list[str], columns: dict[str, list[int]], mapping: dict[str, str]):
    """The recognised columns with those --map names put first (each column read once)."""
    keys = [alias_key(h) for h in header]
    columns = {f: list(idxs) for f, idxs in columns.items()}
    for field, wanted in mapping.items():
        if field not in FIELDS:
            raise SpreadsheetError(f"--map {field}=...: unknown field (one of {', '.join(FIELDS)})")
        if alias_key(wanted) not in keys:
            raise SpreadsheetError(f"--map {field}={wanted}: no column {wanted!r} in the header")
        index = keys.index(alias_key(wanted))
        for idxs in columns.values():
            if index in idxs:
                idxs.remove(index)
        columns[field] = [index]
    return {f: idxs for f, idxs in columns.items() if idxs}


class _RowReader:
    """Turns one row's cells into an Article, reading each distinct cell of a column once."""

    def __init__(self, reading: _Reading, slots, records, report: SheetReport) -> None:
        self.ctx = reading.ctx
        self.layout: Layout = reading.layout
        self.slots = slots
        self.report = report
        self.social = registry().social
        self.pick = {name: _picker(slots.get(name, ())) for name in FIELD_NAMES}
        self.days = self._dates(reading, records)
        self.first_line = self.layout.read.get("title") == "first line"
        self.domains = self.layout.read.get("outlet_domain") == "domain"
        self.people = self.layout.people
        self.scan = RosterScan(self.ctx.roster) if self.people else None
        # one cache per column read: a raw cell -> what it gives (or the InvalidArticle it raises)
        self.outlets = _Cache(cells.text)
        self.domain = _Cache(self._domain)
        self.platforms: dict[tuple[str, str, str], str | None] = {}
        self.languages = _Cache(cells.language)
        self.tags = _Cache(_tags)
        self.reach = _Cache(lambda cell: cells.reach(cells.unquoted(cell)))
        self.media_types = _Cache(cells.media_type)
        self.countries = _Cache(cells.country)
        self.named: dict[tuple[str, str], tuple[ExpertMention, ...]] = {}

    def _dates(self, reading: _Reading, records) -> list[tuple[int, dict[str, object]]]:
        """(slot, each raw cell -> its day) per date column: each column read as a whole."""
        columns = []
        for slot, index in zip(
            self.slots.get("date", []), reading.columns.get("date", []), strict=True
        ):
            raw = dict.fromkeys(got[slot] for _, got in records)
            clean = {r: cells.unquoted(r.strip()) for r in raw}
            days, report = read_column(
                (c for c in clean.values() if c),
                reading.zone,
                column=reading.header[index].strip(),
                hint=self.layout.dates,
                assume_zone=self.layout.zone,
                vendor=self.layout.name,
                today=self.ctx.today,
            )
            if report.values:
                self.report.dates.append(report)
            columns.append((slot, {r: days.get(c) for r, c in clean.items() if c}))
        return columns

    def article(self, number: int, got: tuple) -> Article:
        pick = self.pick
        date = self._date(got)
        title = summary = ""
        raw_title = pick["title"](got)
        if raw_title:
            if self.first_line:
                title, summary = cells.first_line(raw_title)
            else:
                title = cells.text(raw_title)
        raw_summary = pick["summary"](got)
        if raw_summary:
            summary = cells.text(raw_summary)
        outlet = self.outlets[pick["outlet"](got)]
        url = cells.unquoted(pick["url"](got).strip())
        if title and _ENDING.search(title):  # 'Sahel : le retrait - Le Monde', from an alert
            title, ending = split_outlet_suffix(title, outlet, url, self.ctx.outlets)
            outlet = outlet or ending or ""
        types = (pick["source_type"](got), pick["media_type"](got))
        key = (outlet, *types)
        if key not in self.platforms:
            self.platforms[key] = self.social.platform(outlet, types)
        platform = self.platforms[key]
        if platform is None and url:
            platform = self.social.posted_on(url)
        if platform is not None:  # counted by platform: the account that posted is no outlet
            self.report.social[platform] += 1
            outlet = platform or outlet
        if not title and not outlet:
            raise InvalidArticle("no headline and no outlet")
        reach = self.reach[pick["reach"](got)]
        if isinstance(reach, InvalidArticle):
            raise reach
        article = Article(
            title=title or None,
            outlet=outlet or None,
            date=date,
            experts=self._experts(got, title, summary),
            tags=list(self.tags[pick["tags"](got)]),
            language=self.languages[pick["language"](got)] or detect_language(title),
            url=url or None,
            kind=_SOCIAL_KIND if platform is not None else "appearance",
            summary=summary or None,
            reach=reach,
            media_type=self.media_types[types[1]],
            country=self.countries[pick["country"](got)],
            outlet_domain=self.domain[pick["outlet_domain"](got)],
            source=self.report.source,
            source_format="spreadsheet",
            row_number=number,
        )
        return validate(article, self.ctx.today)

    def _date(self, got: tuple):
        failed = None
        for slot, days in self.days:
            raw = got[slot]
            day = days.get(raw)
            if day is not None:
                return day
            if failed is None and raw.strip():
                failed = raw.strip()
        if failed:
            raise InvalidArticle(f"date {failed!r} is not a full date (day, month, year)")
        return None

    def _domain(self, cell: str) -> str | None:
        cell = cells.unquoted(cell)
        return cells.domain(cell) if self.domains else (cell.lower() or None)

    def _experts(self, got: tuple, title: str, summary: str) -> list[ExpertMention]:
        if not self.people:
            cell = self.pick["experts"](got)
            role = self.pick["role"](got).strip().lower() or "quoted"
            found = self.named.get((cell, role))
            if found is None:
                found = self.named[cell, role] = _named(cell, self.ctx, role)
            return list(found)
        texts = {"title": title, "summary": summary}
        text = " ".join(texts.get(f, "") for f in self.people)
        return [ExpertMention(name, "quoted") for name in self.scan.find(text)]


def _picker(slots) -> Callable[[tuple], str]:
    """The function giving a row's cell for a field: its column's, or the first non-empty of
    its columns' ('' when it has none)."""
    if not slots:
        return lambda got: ""
    if len(slots) == 1:
        return itemgetter(slots[0])

    def first(got: tuple) -> str:
        for slot in slots:
            if got[slot] and not got[slot].isspace():
                return got[slot]
        return ""

    return first


class _Cache(dict):
    """A reader of one column's cells, run once per distinct cell (stripped): cache[raw]. A cell
    that cannot be read gives the InvalidArticle saying why, for the row to raise."""

    def __init__(self, read: Callable[[str], object]) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, raw: str):
        try:
            value = self.read(raw.strip())
        except InvalidArticle as exc:
            value = exc
        self[raw] = value
        return value


_ENDING = re.compile(r"\s[-|–—]\s")  # what may set an outlet's name off a title's end
_WORDS = re.compile(r"[^\W_]+")
# what Roster.find reads differently from a plain casefold: scripts beyond Latin (look-alike
# letters), invisible characters (soft hyphens, joiners)
_UNUSUAL = re.compile("[^\x09-\x7e\xa0-\u024f\u2010-\u201f\u2026\u202f]")


class RosterScan:
    """Roster.find over many texts, made fast for the usual case: a text names people in full
    ('Thomas Gomart', 'HÉLOÏSE FAYET', 'Heloise Fayet') or not at all. Full names are found by
    their words; a text with any other trace of a roster name (a surname alone, an initial,
    unusual characters) goes to Roster.find itself, so the result is always Roster.find's."""

    def __init__(self, roster) -> None:
        self.roster = roster
        self.spellings: dict[str, list[tuple[str, str]]] = {}  # first word -> (key, name)
        for key, name in roster.full.items():
            self.spellings.setdefault(key.split(" ", 1)[0], []).append((f" {key} ", name))
        self.surnames: dict[str, set[str]] = {}  # a word of a surname -> the names
        for surname, names in roster.surnames.items():
            for word in surname.split():
                self.surnames.setdefault(word, set()).update(names)
        self.folded: dict[str, str] = {}
        self.words = frozenset(self.spellings) | frozenset(self.surnames)

    def _fold(self, word: str) -> str:
        if word not in self.folded:
            self.folded[word] = fold(word)
        return self.folded[word]

    def find(self, text: str) -> list[str]:
        if not text:
            return []
        low = text.casefold()
        words = _WORDS.findall(low)
        if not low.isascii():
            words = [w if w.isascii() else self._fold(w) for w in words]
        hits = self.words.intersection(words)
        if not hits:
            return []
        firsts = [w for w in hits if w in self.spellings]
        surnames = [w for w in hits if w in self.surnames]
        if _UNUSUAL.search(text):
            return self.roster.find(text)
        joined = f" {' '.join(words)} "
        found: dict[str, int] = {}
        for word in firsts:
            for key, name in self.spellings[word]:
                at = joined.find(key)
                if at >= 0 and (name not in found or at < found[name]):
                    found[name] = at
        traced = set().union(*(self.surnames[w] for w in surnames))
        if traced - found.keys():  # a surname alone, an initial: Roster.find's own rules
            return self.roster.find(text)
        return sorted(found, key=found.get)


def _named(cell: str, ctx: Context, role: str) -> tuple[ExpertMention, ...]:
    names = [n.strip() for n in re.split(r"[;|,/]|\s+(?:and|et|&)\s+", cell) if n.strip()]
    found = []
    for name in names:
        known = ctx.roster.canonical(name)
        found.append(ExpertMention(known or name, role, in_roster=bool(known)))
    return tuple(found)


def _tags(cell: str) -> list[str]:
    return [t.strip() for t in re.split(r"[;|,]", cells.text(cell)) if t.strip()]
