"""When two records are one appearance: one key per appearance, and the rule across keys that
makes a print page and the article page of one piece one appearance (data/dedupe.py)."""

import datetime as dt

from data.dedupe import (
    byline,
    dedupe_key,
    gains_headline,
    headline,
    normalise_url,
    same_piece,
)


def test_links_to_the_same_page_normalise_alike():
    a = "https://www.lemonde.fr/a/b/?utm_source=x&id=3#top"
    b = "http://lemonde.fr/a/b?id=3"
    assert normalise_url(a) == normalise_url(b) == "lemonde.fr/a/b?id=3"


def test_dedupe_key_uses_the_link_first():
    day = dt.date(2024, 6, 10)
    english = dedupe_key("https://www.lemonde.fr/x/", "le-monde", day, "Energy", [])
    french = dedupe_key("http://lemonde.fr/x", "le-monde", day, "Énergie", [])
    assert english == french


def test_dedupe_key_without_link_is_the_title_within_outlet_and_date():
    day = dt.date(2024, 6, 10)
    key = dedupe_key(None, "le-monde", day, "« Le pire est derrière nous »", [])
    assert key == dedupe_key(None, "le-monde", day, "Le pire est DERRIERE nous", [])
    assert key != dedupe_key(None, "le-figaro", day, "Le pire est derrière nous", [])
    assert key != dedupe_key(
        None, "le-monde", dt.date(2024, 6, 11), "Le pire est derrière nous", []
    )


def test_dedupe_key_without_title_is_the_byline_and_the_summary():
    day = dt.date(2019, 3, 12)
    key = dedupe_key(None, "france-inter", day, None, ["Thomas Gomart", "Alice Ekman"], "Invité")
    assert key == "byline:france-inter|2019-03-12|alice ekman,thomas gomart|invite"
    assert key == dedupe_key(
        None, "france-inter", day, None, ["ALICE EKMAN", "Thomas Gomart"], "invité !"
    )
    assert dedupe_key(None, "france-inter", None, None, ["Thomas Gomart"]) == (
        "byline:france-inter|undated|thomas gomart|"
    )


def test_a_byline_is_outlet_date_and_experts_in_any_order_and_spelling():
    day = dt.date(2019, 3, 12)
    print_page = byline("France Inter", day, ["Thomas Gomart", "Alice Ekman"])
    article_page = byline("FRANCE INTER", day, ["Alice Ekman", "Thomas GOMART"])
    people = frozenset({"thomas-gomart", "alice-ekman"})
    assert print_page == article_page == ("france-inter", day, people)
    assert byline("France Inter", dt.date(2019, 3, 13), ["Thomas Gomart"]) != byline(
        "France Inter", day, ["Thomas Gomart"]
    )


def test_without_a_date_or_an_expert_there_is_no_byline_to_match_on():
    assert byline("France Inter", None, ["Thomas Gomart"]) is None
    assert byline("France Inter", dt.date(2019, 3, 12), []) is None


def test_one_byline_is_one_piece_unless_two_different_headlines_say_otherwise():
    title = headline("Guerre en Ukraine : Moscou a-t-il perdu l'initiative ?")
    assert headline(None) is None and headline("") is None
    assert same_piece(None, title)  # the print page, then the article page
    assert same_piece(title, None)  # the other way round
    assert same_piece(None, None)
    assert same_piece(title, headline("GUERRE EN UKRAINE: Moscou a t il perdu l’initiative"))
    assert not same_piece(title, headline("Autre sujet"))


def test_of_two_copies_the_one_with_the_headline_is_kept():
    title = headline("Moscou a-t-il perdu l'initiative ?")
    assert gains_headline(None, title)
    assert not gains_headline(title, None)
    assert not gains_headline(title, title)
    assert not gains_headline(None, None)
