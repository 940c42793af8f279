"""The organisation's people found without a roster, by the phrases that present a speaker, and
the journalists, hosts, officials and other houses' guests those phrases leave out; and the
organisation a page names itself by."""

import datetime as dt
from pathlib import Path

import pytest

from data.organisation import load_organisation
from data.parsers import Context, parse_page
from data.parsers.page_owner import long_forms, names_on_page

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ctx():
    """The demo organisation: none of the people below is in its roster."""
    return Context.for_organisation(load_organisation(ROOT / "data" / "reference"))


def people(text: str, ctx) -> list[str]:
    (article,) = parse_page(text, "page.txt", ctx)
    return [e.name for e in article.experts]


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("Pour la chercheuse Ninon Arvieu, le cessez-le-feu ne tiendra pas.", "Ninon Arvieu"),
        ("L'historien Basile Quenot revient sur la crise de Suez.", "Basile Quenot"),
        ("La spécialiste de la Russie Ilona Brévart décrypte le discours.", "Ilona Brévart"),
        ("Entretien avec Maëlle Tourand sur la dissuasion.", "Maëlle Tourand"),
        ("Les Européens n'ont rien appris, estime Corentin Lavaud.", "Corentin Lavaud"),
        ("Edvard Lund explains why the Arctic matters to NATO.", "Edvard Lund"),
        ("Greta Holm, senior fellow in the Europe programme, told the BBC.", "Greta Holm"),
        ("Im Gespräch mit der Tagesschau erklärt Jonas Weidler, was sich ändert.", "Jonas Weidler"),
        ("Die Lage bleibt ernst, sagte Lena Brandauer dem Rundfunk.", "Lena Brandauer"),
        ("Aurore KERVAREC-PALU : « Moscou teste l'Europe »", "Aurore Kervarec-Palu"),
        ("La chercheuse Marie Moreau Lestrade explique la dette.", "Marie Moreau Lestrade"),
        ("Pour Ninon Arvieu, le cessez-le-feu ne tiendra pas.", "Ninon Arvieu"),
        ("Laut Ninon Arvieu hält die Waffenruhe nicht.", "Ninon Arvieu"),
        ("Ninon Arvieu, interrogée par Le Monde, détaille la crise.", "Ninon Arvieu"),
        ("Ninon Arvieu, de l'IMRI, explique la crise.", "Ninon Arvieu"),  # the demo's acronym
        ("Michał Wrześniewski explains the vote.", "Michał Wrześniewski"),
    ],
)
def test_a_speaker_presented_by_a_cue_phrase_is_found_without_a_roster(sentence, speaker, ctx):
    text = f"Un titre sur la sécurité européenne\n{sentence}\nRead the article on Le Monde"
    found = people(text, ctx)
    assert found == [speaker]


@pytest.mark.parametrize(
    "sentence",
    [
        "Propos recueillis par Hélène Castagné pour Le Monde.",
        "Interview conducted by Daniel Fairbrook, Head of news, AFP.",
        "An interview with Ole Kristiansen, Director of the Norwegian Coast Guard.",
        "Face à Joachim Ferret, maître de conférences à Sciences Po, le débat s'anime.",
        "Au micro de Sophie Vendrel, la question de l'énergie.",
        "Le quotidien Le Figaro : « Une semaine décisive »",
        "Im Gespräch mit der Deutschen Welle über die Beziehungen des Hauses.",
        "« Prêt à mourir », Evgueni Prigojine affirme être entré en Russie.",  # after a quote
        '"The war is far from over," says Politico\'s Jane Whitaker.',  # an outlet's journalist
        '"Moscow is testing us", warns Mark Rutte, NATO Secretary General.',  # an official
        "Im Gespräch mit dem Deutschlandfunk erklärt Außenministerin Annalena Baerbock, warum.",
        "According to Human Rights Watch, the camp was shelled.",
        "Selon Santé Publique France, l'épidémie recule.",
        "Le rapport de Chatham House explique la crise.",
    ],
)
def test_journalists_officials_and_other_houses_guests_are_not_found(sentence, ctx):
    text = f"Un titre sur la sécurité européenne\n{sentence}\nRead the article on Le Monde"
    articles = parse_page(text, "page.txt", ctx)
    assert [e.name for a in articles for e in a.experts] == []


def test_a_german_noun_after_the_name_is_not_part_of_it(ctx):
    text = "Ein Titel\nDie Lage bleibt ernst, sagte Lena Brandauer Reportern in Berlin.\n"
    assert people(text, ctx) == ["Lena Brandauer"]


def test_people_named_beside_a_speaker_are_found_with_them(ctx):
    text = (
        "A title on the Sahel\nInterview with Solène Marec and Ivo Danek on the security vacuum.\n"
    )
    assert people(text, ctx) == ["Solène Marec", "Ivo Danek"]
    text = "A title on the Sahel\nSolène Marec and Ivo Danek discuss the security vacuum.\n"
    assert people(text, ctx) == ["Solène Marec", "Ivo Danek"]


def test_a_page_names_its_organisation_in_its_heading_search_box_and_about_link():
    lines = [
        "Search on northbridge.org",
        "À propos de l'Arsenal",
        "About the Institute",  # a word any institute is called by
        "Northbridge Institute in the Media",
        "Our experts in the media",
    ]
    assert names_on_page(lines) == ["northbridge", "Arsenal", "Northbridge Institute"]


def test_a_person_named_with_the_acronym_is_not_a_long_form_of_it():
    text = "La chercheuse Ninon Arvieu (INRI) et Ivo Danek, Director of the Nordic Institute (INRI)"
    assert long_forms(text, ("INRI",)) == ["Nordic Institute"]


def test_the_long_form_of_a_known_acronym_is_read_in_either_style():
    text = (
        "chercheuse au Centre Asie de l'Institut nordique des relations internationales (INRI), "
        "and a fellow at the Nordic Institute of International Relations (INRI)."
    )
    assert long_forms(text, ("INRI",)) == [
        "Institut nordique des relations internationales",
        "Nordic Institute of International Relations",
    ]


def test_staff_of_the_organisation_a_page_names_itself_by_are_its_people(ctx):
    text = (
        "Northbridge Institute in the Media\n\n"
        "The Arctic after the election\n"
        "Ana Lindqvist, director of the Northbridge Institute, on the new government's plans "
        f"({dt.date(2025, 3, 4):%d %B %Y}).\n"
        "Read the article on Le Monde"
    )
    assert people(text, ctx) == ["Ana Lindqvist"]
