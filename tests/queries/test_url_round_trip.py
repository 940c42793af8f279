"""A view's link holds slugs and ISO dates, reproduces the same filters, and a bad value in a link
is dropped with a notice, never an error."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlencode

from hypothesis import given
from hypothesis import strategies as st

from queries.filters import DEFAULT_KINDS, Filters

SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
KNOWN = {
    "outlets": {"le-monde", "financial-times", "france-24"},
    "experts": {"jeanne-dupont", "marc-leroy"},
    "tags": {"energy", "nato"},
    "languages": {"fr", "en"},
    "countries": {"FR", "GB"},
    "media_types": {"print", "tv"},
    "kinds": {"appearance", "event", "video"},
}


def through_a_link(f: Filters, known=None) -> tuple[Filters, list[str]]:
    """What a colleague gets after the link is pasted: encoded, decoded, read."""
    query = urlencode(f.to_query_params())
    return Filters.from_query_params(parse_qs(query), known=known)


@given(
    st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))),
    st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))),
    st.lists(SLUG, max_size=4, unique=True),
    st.lists(SLUG, max_size=3, unique=True),
    st.lists(st.sampled_from(["FR", "GB", "US", "DE"]), max_size=3, unique=True),
    st.sampled_from([(), DEFAULT_KINDS, ("event", "video")]),
    st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=50),
)
def test_any_view_survives_a_round_trip_through_its_link(
    date_from, date_to, outlets, experts, countries, kinds, text
):
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    f = Filters(
        date_from=date_from,
        date_to=date_to,
        outlets=tuple(outlets),
        experts=tuple(experts),
        countries=tuple(countries),
        kinds=kinds,
        text=" ".join(text.split()),  # a no-break space in a search reads as a space
    )
    back, notices = through_a_link(f)
    assert back == f
    assert notices == []


def test_a_link_holds_slugs_and_iso_dates_never_display_names():
    f = Filters(
        date_from=dt.date(2025, 1, 1),
        date_to=dt.date(2025, 12, 31),
        outlets=("le-monde", "financial-times"),
        countries=("FR",),
        text="nucléaire",
    )
    assert f.to_query_params() == {
        "from": "2025-01-01",
        "to": "2025-12-31",
        "outlets": "le-monde,financial-times",
        "countries": "FR",
        "q": "nucléaire",
    }


def test_the_default_view_has_an_empty_link():
    assert Filters().to_query_params() == {}
    assert Filters.from_query_params({}) == (Filters(), [])


def test_unknown_values_are_dropped_with_a_notice_and_known_ones_kept():
    f, notices = Filters.from_query_params(
        {"outlets": "le-monde,le-petit-journal", "experts": "marc-leroy", "tags": "mystery"},
        known=KNOWN,
    )
    assert f.outlets == ("le-monde",)
    assert f.experts == ("marc-leroy",)
    assert f.tags == ()
    assert any("le-petit-journal" in n for n in notices)
    assert any("mystery" in n for n in notices)
    assert len(notices) == 2


def test_malformed_values_are_dropped_with_a_notice_never_raised():
    f, notices = Filters.from_query_params(
        {
            "from": "2025-13-45",
            "to": "yesterday",
            "outlets": "Le Monde,<script>,le-monde",
            "media": "'; DROP TABLE outlets; --",
            "q": "x" * 500,
        }
    )
    assert (f.date_from, f.date_to) == (None, None)
    assert f.outlets == ("le-monde",)
    assert f.media_types == ()
    assert len(f.text) == 200
    assert len(notices) == 5
    assert any("from" in n and "YYYY-MM-DD" in n for n in notices)


def test_reversed_dates_are_swapped_with_a_notice():
    f, notices = Filters.from_query_params({"from": "2025-12-31", "to": "2025-01-01"})
    assert (f.date_from, f.date_to) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert notices and "swapped" in notices[0]


def test_codes_in_a_link_are_read_whatever_their_case():
    f, notices = Filters.from_query_params(
        {"countries": "fr,Gb", "languages": "FR", "outlets": "Le-Monde"}, known=KNOWN
    )
    assert (f.countries, f.languages, f.outlets) == (("FR", "GB"), ("fr",), ("le-monde",))
    assert notices == []


def test_repeated_keys_and_lists_are_read_like_commas():
    f, _ = Filters.from_query_params({"outlets": ["le-monde", "france-24,le-monde"]})
    assert f.outlets == ("le-monde", "france-24")


def test_all_kinds_round_trip():
    f = Filters(kinds=())
    assert f.to_query_params() == {"kinds": "all"}
    assert through_a_link(f, KNOWN) == (f, [])


def test_control_characters_are_removed_from_the_search_text():
    f, _ = Filters.from_query_params({"q": "  ukraine\x00\x1b[31m  "})
    assert f.text == "ukraine[31m"


def test_filters_built_from_widget_lists_equal_the_same_filters_from_a_link():
    from_widgets = Filters(outlets=["le-monde"], countries=["FR"])
    assert from_widgets == Filters(outlets=("le-monde",), countries=("FR",))
    assert hash(from_widgets) == hash(Filters(outlets=("le-monde",), countries=("FR",)))
