"""Bytes to text, markup to lines, and dates: what every page and spreadsheet reader starts from."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from data.parsers.text import Link, clean_lines, decode, html_to_text, looks_binary, parse_full_date

TEXT = "date,outlet,title\r\n2024-03-12,Les Échos,Sécurité énergétique\r\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_is_read_with_or_without_a_byte_order_mark(codec):
    raw = TEXT.encode(codec)
    assert not looks_binary(raw)
    assert decode(raw) == TEXT


def test_a_nul_in_the_first_line_is_dropped_not_taken_for_binary_data():
    raw = TEXT.encode().replace(b"outlet", b"out\0let")
    assert not looks_binary(raw)
    assert decode(raw) == TEXT


@pytest.mark.parametrize(
    "raw",
    [
        random.Random(1).randbytes(4096),
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        b"PK\x03\x04" + bytes(200),
        bytes(4096),  # all NULs: neither text nor UTF-16 text
    ],
    ids=["noise", "png", "zip", "nuls"],
)
def test_binary_data_is_still_binary(raw):
    assert looks_binary(raw)


@pytest.mark.parametrize(
    "text, day",
    [
        ("2024-01-02", dt.date(2024, 1, 2)),
        (" 2024-01-02 ", dt.date(2024, 1, 2)),
        ("2024-01-02T10:30:00Z", dt.date(2024, 1, 2)),  # a timestamp's date, not 1 February
        ("2024-01-02 10:30", dt.date(2024, 1, 2)),
        ("2024/01/02", dt.date(2024, 1, 2)),
        ("03/05/2024", dt.date(2024, 5, 3)),
        ("12 mars 2024", dt.date(2024, 3, 12)),
        ("September 30, 2022", dt.date(2022, 9, 30)),
        ("-2024-01-01", None),
        ("+2024-01-01", None),
        ("2024-01-02 <junk>", None),
        ("2024-01-01-", None),
        ("-12 mars 2024", None),
        ("12 mars 2024 and more", None),
        ("2024-02-31", None),
        ("mars 2024", None),
    ],
)
def test_a_date_is_read_only_when_the_text_is_the_date(text, day):
    assert parse_full_date(text) == day


def lines(html: str) -> list[str]:
    return [line for line in clean_lines(html_to_text(html)[0]) if line]


def test_each_block_is_a_line_and_hidden_elements_give_nothing():
    html = (
        "<html><head><title>Tab</title><style>p {}</style></head><body><h1>Le Monde</h1>"
        "<div>Un <b>titre</b> en <i>deux</i><br>lignes</div><script>alert(1)</script>"
        "<form><p>Rechercher</p></form><p>Fin<img alt='Logo du Monde'>ici</p></body></html>"
    )
    assert lines(html) == ["Le Monde", "Un titre en deux", "lignes", "Fin", "Logo du Monde", "ici"]


def test_links_keep_their_text_and_only_web_addresses_count():
    html = (
        '<p><a href=" https://a.example/x ">Read <b>the</b> article</a>'
        '<a href="javascript:alert(1)">click</a><a href="/relative">here</a>'
        '<a href="http://b.example">outer <a href="http://c.example">inner</a> rest</a></p>'
    )
    assert html_to_text(html)[1] == [
        Link("Read the article", "https://a.example/x"),
        Link("outer rest", "http://b.example"),  # a link inside a link keeps its own text
        Link("inner", "http://c.example"),
    ]


def test_a_stray_end_tag_is_ignored_and_an_unclosed_element_ends_with_the_page():
    assert lines("<p>one<p>two</div>three<li>four") == ["one", "twothree", "four"]
    assert lines("a<br>b</br>c<br/>d") == ["a", "bc", "d"]  # </br> closes the <br> before it


def test_a_page_nested_thousands_deep_is_read_whole():
    html = "<div>" * 5000 + "<p>Deep title</p>" + "</div>" * 5000 + "<p>After</p>"
    assert lines(html) == ["Deep title", "After"]
