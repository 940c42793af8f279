"""Clipping spreadsheets: whatever the delimiter, encoding or export's headers, good rows go in and
each bad row is named with its row number and reason."""

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from data.organisation import load_organisation
from data.parsers import Context
from data.parsers.spreadsheet import SpreadsheetError, parse_spreadsheet

ROOT = Path(__file__).resolve().parents[2]

CLIPPINGS = [
    [
        "Date",
        "Media",
        "Headline",
        "Link",
        "Spokesperson",
        "Language",
        "Country",
        "Media type",
        "Reach",
    ],
    [
        "2024-03-05",
        "Le Monde",
        "L'Europe face à la Chine",
        "https://lemonde.fr/a",
        "Alice Ekman",
        "fr",
        "France",
        "Print",
        "1 200 000",
    ],
    [
        "06/03/2024",
        "FT",
        "Europe's China dilemma",
        "",
        "John Seaman; Céline Pajon",
        "en",
        "UK",
        "online",
        "350k",
    ],
    ["", "Radio Montrevel", "Le Japon et la Chine", "", "Jeanne Lenoir", "fr", "FR", "radio", ""],
]


@pytest.fixture(scope="module")
def ctx():
    org = load_organisation(ROOT / "examples" / "ifri")
    return Context.for_organisation(org, today=dt.date(2025, 1, 1))


def as_csv(rows, delimiter=",", encoding="utf-8"):
    lines = [delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


@pytest.mark.parametrize(
    "delimiter, encoding",
    [(",", "utf-8"), (";", "utf-8-sig"), ("\t", "latin-1"), ("|", "utf-8"), (";", "cp1252")],
)
def test_csv_reads_with_any_common_delimiter_and_encoding(ctx, delimiter, encoding):
    rows = [[c.replace("’", "'") for c in row] for row in CLIPPINGS]  # Latin-1 has no ’
    articles, rejects = parse_spreadsheet(as_csv(rows, delimiter, encoding), "c.csv", ctx)
    assert rejects == []
    assert [a.title for a in articles] == [r[2] for r in rows[1:]]
    assert articles[0].title == "L'Europe face à la Chine"  # accents survive every encoding


def test_common_export_headers_fill_every_field(ctx):
    articles, _ = parse_spreadsheet(as_csv(CLIPPINGS), "c.csv", ctx)
    monde, ft, radio = articles
    assert (monde.date, monde.outlet, monde.url) == (
        dt.date(2024, 3, 5),
        "Le Monde",
        "https://lemonde.fr/a",
    )
    assert (monde.language, monde.country, monde.media_type) == ("fr", "FR", "print")
    assert ft.date == dt.date(2024, 3, 6)  # day first, as French exports write it
    assert ft.expert_names == ["John Seaman", "Céline Pajon"]
    assert (ft.country, ft.media_type) == ("GB", "online")
    assert radio.date is None  # no date given: kept, undated


def test_an_american_export_writing_month_first_is_read_month_first(ctx):
    rows = [["Date", "Outlet", "Title"], ["10/14/2023", "FT", "A"], ["03/05/2024", "FT", "B"]]
    articles, rejects = parse_spreadsheet(as_csv(rows), "us.csv", ctx)
    assert rejects == []
    assert [a.date for a in articles] == [dt.date(2023, 10, 14), dt.date(2024, 3, 5)]


def test_reach_column_is_read_as_a_number(ctx):
    articles, _ = parse_spreadsheet(as_csv(CLIPPINGS), "c.csv", ctx)
    assert [a.reach for a in articles] == [1_200_000, 350_000, None]


def test_a_name_not_in_the_roster_is_kept_to_confirm(ctx):
    articles, _ = parse_spreadsheet(as_csv(CLIPPINGS), "c.csv", ctx)
    assert [(e.name, e.in_roster) for e in articles[2].experts] == [("Jeanne Lenoir", False)]
    assert [(e.name, e.in_roster) for e in articles[0].experts] == [("Alice Ekman", True)]


def test_xlsx_with_real_dates_reads_like_csv(ctx):
    book = Workbook()
    sheet = book.active
    sheet.append(["Published", "Source", "Title", "URL", "Expert", "Audience"])
    sheet.append(
        [
            dt.datetime(2024, 5, 2, 9, 30),
            "Les Echos",
            "Le gaz, arme géopolitique",
            "https://lesechos.fr/x",
            "Carole Mathieu",
            80000,
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    (article,), rejects = parse_spreadsheet(buffer.getvalue(), "c.xlsx", ctx)
    assert rejects == []
    assert (article.date, article.outlet, article.reach) == (
        dt.date(2024, 5, 2),
        "Les Echos",
        80000,
    )
    assert article.expert_names == ["Carole Mathieu"]


def test_explicit_mapping_names_columns_the_export_calls_otherwise(ctx):
    rows = [["Jour", "Support", "Intitulé"], ["2024-01-09", "RFI", "La Chine et l'Afrique"]]
    (article,), _ = parse_spreadsheet(
        as_csv(rows), "c.csv", ctx, {"date": "Jour", "outlet": "Support", "title": "Intitulé"}
    )
    assert (article.date, article.outlet, article.title) == (
        dt.date(2024, 1, 9),
        "RFI",
        "La Chine et l'Afrique",
    )


def test_mapping_to_a_missing_column_says_which(ctx):
    with pytest.raises(SpreadsheetError, match="Titre"):
        parse_spreadsheet(as_csv(CLIPPINGS), "c.csv", ctx, {"title": "Titre"})


def test_unrecognised_header_is_explained(ctx):
    rows = [["a", "b"], ["1", "2"]]
    with pytest.raises(SpreadsheetError, match="--map"):
        parse_spreadsheet(as_csv(rows), "c.csv", ctx)


def test_bad_rows_are_rejected_with_row_number_and_good_rows_go_in(ctx):
    rows = [
        CLIPPINGS[0],
        CLIPPINGS[1],
        ["31/02/2024", "RFI", "Date impossible", "", "", "fr", "", "", ""],
        ["2030-01-01", "RFI", "Du futur", "", "", "fr", "", "", ""],
        ["2024-01-01", "", "", "", "Alice Ekman", "", "", "", ""],
        ["2024-01-02", "RFI", "Audience illisible", "", "", "fr", "", "", "beaucoup"],
        CLIPPINGS[2],
    ]
    articles, rejects = parse_spreadsheet(as_csv(rows), "c.csv", ctx)
    assert [a.title for a in articles] == [CLIPPINGS[1][2], CLIPPINGS[2][2]]
    assert [r.row_number for r in rejects] == [3, 4, 5, 6]
    reasons = [r.reason for r in rejects]
    assert "31/02/2024" in reasons[0]
    assert "future" in reasons[1]
    assert "no headline and no outlet" in reasons[2]
    assert "beaucoup" in reasons[3]


def test_rows_read_agree_with_pandas_reading_the_same_file(ctx, tmp_path):
    data = as_csv(CLIPPINGS, ";", "utf-8-sig")
    articles, _ = parse_spreadsheet(data, "c.csv", ctx)
    frame = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype=str)
    assert [a.title for a in articles] == frame["Headline"].tolist()
    assert [a.outlet for a in articles] == frame["Media"].tolist()


@pytest.mark.parametrize("line_end", ["\r\n", "\n", "\r"])
def test_any_line_end_and_a_headline_over_two_lines_read_as_pandas_reads_them(ctx, line_end):
    second = list(CLIPPINGS[2])
    second[2] = f'"Europe{line_end}and China"'
    data = (line_end.join(",".join(row) for row in [CLIPPINGS[0], CLIPPINGS[1], second])).encode()
    articles, rejects = parse_spreadsheet(data + line_end.encode(), "c.csv", ctx)
    frame = pd.read_csv(io.BytesIO(data), dtype=str)
    assert rejects == []
    assert [a.title for a in articles] == [" ".join(t.split()) for t in frame["Headline"]]
    assert [a.outlet for a in articles] == frame["Media"].tolist()
