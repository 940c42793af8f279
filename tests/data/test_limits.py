"""The limits on what a reader may unpack, hold and spend: set from the environment, documented,
the same as the Streamlit upload cap, and each one stopping a file it is set below."""

from __future__ import annotations

import datetime as dt
import re
import time
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from data import limits
from data.organisation import load_organisation
from data.parsers import Context, parse_page
from data.parsers.spreadsheet import SpreadsheetError, parse_spreadsheet
from data.parsers.text import MAX_FILE_BYTES, html_to_text
from tests import packed
from tests.bad_inputs import HEADER, csv_bytes, good_row

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ctx():
    return Context.for_organisation(load_organisation(), today=dt.date(2025, 1, 1))


def test_the_upload_cap_of_the_import_page_is_the_readers_file_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 2**20 == limits.FILE_MB.default * 2**20
    assert MAX_FILE_BYTES == limits.FILE_MB.default * 2**20


def test_every_limit_is_documented_with_its_variable_and_default():
    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    for limit in limits.ALL:
        shown = f"{limit.default:,} {limit.unit}"
        assert re.search(rf"`{limit.variable}` \| {re.escape(shown)} \|", doc), limit.variable


def test_a_limit_is_read_from_its_variable_and_a_bad_value_is_refused_by_name(monkeypatch):
    monkeypatch.setenv("PRESSWATCH_MAX_ROWS", "120")
    assert limits.ROWS.value == 120 and limits.ROWS.text() == "120 rows"
    monkeypatch.setenv("PRESSWATCH_MAX_UNPACKED_MB", "3")
    assert limits.UNPACKED_MB.value == 3 * 2**20
    monkeypatch.setenv("PRESSWATCH_MAX_ROWS", "many")
    with pytest.raises(ValueError, match="PRESSWATCH_MAX_ROWS='many'"):
        limits.ROWS.value  # noqa: B018


def refusal(ctx, data: bytes, name: str) -> str:
    with pytest.raises(SpreadsheetError) as refused:
        parse_spreadsheet(data, name, ctx)
    return str(refused.value)


SHEET = [HEADER, *[good_row(i) for i in range(300)]]  # 301 rows of 5 cells


# A workbook's rows and cells are counted as its sheet unpacks, before a row is read: no row named.
@pytest.mark.parametrize(
    "variable, value, csv_words, xlsx_words",
    [
        ("PRESSWATCH_MAX_ROWS", "300", "more than 300 rows", "more than 300 rows"),
        ("PRESSWATCH_MAX_COLUMNS", "4", "row 1: more than 4 columns", "row 1: more than 4 columns"),
        ("PRESSWATCH_MAX_CELLS", "1000", "row 201: more than 1,000 cells", "more than 1,000 cells"),
        (
            "PRESSWATCH_MAX_CELL_CHARS",
            "20",
            "row 2: a cell of more than 20 characters",
            "row 2: a cell of more than 20 characters",
        ),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_spreadsheet_past_a_limit_is_refused_naming_the_row_and_the_limit(
    ctx, monkeypatch, variable, value, csv_words, xlsx_words, suffix
):
    if suffix == ".csv":
        data, words = csv_bytes(SHEET), csv_words
    else:
        data, words = packed.workbook([(packed.row(*r), 1) for r in SHEET]), xlsx_words
    assert parse_spreadsheet(data, "clippings" + suffix, ctx)[0]  # it reads under the defaults
    monkeypatch.setenv(variable, value)

    message = refusal(ctx, data, "clippings" + suffix)

    assert message == f"{words} (the limit, {variable}); nothing in this file was imported"


def test_a_workbook_over_the_unpacked_limit_is_refused_before_it_is_read(ctx, monkeypatch):
    monkeypatch.setenv("PRESSWATCH_MAX_UNPACKED_MB", "1")
    data = packed.workbook([(packed.row(*HEADER), 1), (packed.row(*good_row(1)), 20_000)])
    assert "the workbook unpacks to more than 1 MB (the limit, PRESSWATCH_MAX_UNPACKED_MB)" in (
        refusal(ctx, data, "clippings.xlsx")
    )


def test_reading_that_takes_longer_than_the_time_limit_is_stopped(ctx, monkeypatch):
    clock = iter(range(0, 10**6, 7))  # every look at the clock finds 7 s more gone
    monkeypatch.setattr(limits, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    monkeypatch.setenv("PRESSWATCH_MAX_SECONDS", "20")

    message = refusal(ctx, csv_bytes(SHEET), "clippings.csv")

    assert message.startswith("row ") and "reading took more than 20 s" in message
    assert "(the limit, PRESSWATCH_MAX_SECONDS)" in message


@pytest.mark.parametrize(
    "variable, html, words",
    [
        ("PRESSWATCH_MAX_NESTING", "<div>" * 50 + "x", "elements nested more than 40 levels deep"),
        ("PRESSWATCH_MAX_ELEMENTS", "<p>x</p>" * 50, "more than 40 elements"),
    ],
)
def test_a_page_past_a_limit_is_refused_with_the_limit_named(monkeypatch, variable, html, words):
    assert html_to_text(html)[0].count("x") >= 1
    monkeypatch.setenv(variable, "40")
    with pytest.raises(limits.LimitExceeded, match=re.escape(f"{words} (the limit, {variable})")):
        html_to_text(html)


def test_a_page_of_names_just_under_its_text_limit_is_read_within_the_bound(ctx):
    """The page limit bounds the time: the slowest text for the page readers (every line a
    different person presented as speaking) just under it is read within the attacks' 30 s."""
    syllables = ["ba", "ko", "ri", "su", "ne", "ta", "vo", "li", "mu", "de"]

    def name(i: int) -> str:
        digits = f"{i:05d}"
        word = "".join(syllables[int(d)] for d in digits)
        return f"{word.title()} {word[::-1].title()}"

    lines, size, i = [], 0, 0
    while size < limits.PAGE_CHARS.default - 100:
        lines.append(f"Entretien avec {name(i)}, chercheuse, qui explique.\n")
        size, i = size + len(lines[-1]), i + 1
    text = "".join(lines)
    start = time.monotonic()
    (article,) = parse_page(text, "names.txt", ctx)
    assert time.monotonic() - start < 30
    assert [e.name for e in article.experts][:2] == [name(0), name(1)]
    with pytest.raises(limits.LimitExceeded, match="PRESSWATCH_MAX_PAGE_CHARS"):
        parse_page(text + lines[0] * 3, "names.txt", ctx)
