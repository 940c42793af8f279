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
    ],
)
def test_journalists_officials_and_other_houses_guests_are_not_found(sentence, ctx):
    text = f"Un titre sur la sécurité européenne\n{sentence}\nRead the article on Le Monde"
    articles = parse_page(text, "page.txt", ctx)
    assert [e.name for a in articles for e in a.experts] == []


def test_people_named_beside_a_speaker_are_found_with_them(ctx):
    text = (
        "A title on the Sahel\nInterview with Solène Marec and Ivo Danek on the security vacuum.\n"
    )
    assert people(text, ctx) == ["Solène Marec", "Ivo Danek"]


def test_a_page_names_its_organisation_in_its_heading_search_box_and_about_link():
    lines = [
        "Search on northbridge.org",
        "À propos de l'Observatoire",
        "Northbridge Institute in the Media",
        "Our experts in the media",
    ]
    assert names_on_page(lines) == ["northbridge", "Observatoire", "Northbridge Institute"]


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
