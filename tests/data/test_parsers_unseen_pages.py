"""Pages in the ways the parsers once got wrong on the site's pages they had never seen, in English,
French and German: the outlet named only in a sentence, in the link or in a logo's file name; a
city, a placeholder, a file name or the organisation itself standing where an outlet or a headline
goes; co-authors named 'with X', 'avec X', 'mit X', 'and X'. Each test asserts what a careful
reader of the page writes down."""

import datetime as dt
from pathlib import Path

import pytest

from data.ingest.planning import StoreNames, resolve
from data.organisation import load_organisation
from data.parsers import Context, parse_page
from data.parsers.common import outlet_in_byline, outlet_in_sentence, plausible_outlet

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "unseen_pages"


@pytest.fixture(scope="module")
def ctx():
    return Context.for_organisation(load_organisation(ROOT / "examples" / "ifri"))


def read(ctx, name):
    path = PAGES / name
    return parse_page(path.read_text(encoding="utf-8"), str(path), ctx)


def only(ctx, name):
    articles = read(ctx, name)
    assert len(articles) == 1, [a.title for a in articles]
    return articles[0]


def outlet(ctx, article) -> str | None:
    """The outlet the import stores: as the organisation's list names it, else as written."""
    planned = resolve(article, ctx, StoreNames())
    return None if planned.outlet == "Outlet not stated" else planned.outlet


# ---------- the outlet named only in a sentence


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("Dans un entretien avec l'AFP, Thomas Gomart estime que l'Europe doit réagir.", "AFP"),
        ("Dans un entretien accordé à Mediapart, elle revient sur la crise.", "Mediapart"),
        ("Élie Tenenbaum, invité de Public Sénat, revient sur le retrait.", "Public Sénat"),
        ("Elle a confié au Figaro que la négociation serait longue.", "Figaro"),
        ("Il répond aux questions de La Tribune sur les réacteurs.", "La Tribune"),
        ("He was interviewed by France Culture about the Sahel.", "France Culture"),
        ("She told Reuters the talks had stalled.", "Reuters"),
        ("He was a guest on Sky News on Sunday.", "Sky News"),
        (
            "Paul Maurice sagte im Interview mit dem Deutschlandfunk, Paris müsse handeln.",
            "Deutschlandfunk",
        ),
        ("Die Lage sei ernst, sagte Stark der FAZ.", "FAZ"),
        ("Sie erklärte gegenüber der Zeit, die Preise blieben hoch.", "Die Zeit"),
        ("Das sagte er dem Tagesspiegel am Montag.", "Tagesspiegel"),
        # a German name declined after its article is given as written alone
        ("Das sagte sie der Süddeutschen Zeitung.", "Süddeutsche Zeitung"),
        (
            "Die Proteste gingen weiter, sagte Stark dem Bayerischen Rundfunk.",
            "Bayerischer Rundfunk",
        ),
        (
            "Er sagte der Frankfurter Allgemeinen Zeitung, es eile.",
            "Frankfurter Allgemeine Zeitung",
        ),
        # a known outlet's channel is the channel
        ("She was a guest on BBC Radio 4 this morning.", "BBC Radio 4"),
        ("Claude Arnoux revient sur Radio Lumière sur la réforme des retraites.", "Radio Lumière"),
        # a podcast's episode names the podcast, quoted or not
        (
            "Dans le troisième épisode de « Vents contraires », Nadia Bérard reçoit X.",
            "Vents contraires",
        ),
        ("Wir besprechen das in Folge 12 von Weltlage mit Paul Maurice.", "Weltlage"),
        ("Sie analysiert im WDR die Lage nach der Wahl.", "WDR"),
    ],
)
def test_a_cue_phrase_names_the_outlet(ctx, sentence, named):
    assert outlet_in_sentence(sentence, ctx) == named


@pytest.mark.parametrize(
    "sentence",
    [
        "He was interviewed by John Smith for the programme.",  # a journalist
        "Die Lage sei ernst, sagte der Politologe.",  # a German noun, not an outlet
        "Élie Tenenbaum was interviewed in Brussels on Monday.",  # a city
        "Im Interview mit Paul Maurice geht es um Verteidigung.",  # a person of the roster
        "Chercheur invité à l'Institut de recherche stratégique.",  # an institution
        "Thomas Gomart, invité de l'Ifri, a ouvert la séance.",  # the organisation itself
        "Elle revient sur la réforme des retraites.",  # a subject, not an outlet
        "Er sagte im Interview, die Lage sei ernst.",  # no outlet after the interview
    ],
)
def test_a_cue_phrase_followed_by_no_outlet_names_none(ctx, sentence):
    assert outlet_in_sentence(sentence, ctx) is None


def test_a_bylines_programme_of_an_outlet_gives_the_outlet(ctx):
    byline = 'Hans STARK, invité de Vincent Roux dans l\'émission "Les Matins" de Radio Lumière.'
    assert outlet_in_byline(byline, ctx) == "Radio Lumière"


@pytest.mark.parametrize(
    "written",
    [
        "Brussels",
        "Bruxelles",
        "Texte non disponible",
        "Text not available",
        "Lire l'article",
        "photo.jpg",
        "IMG_2024.JPG",
        "Ifri",
        "© AFP",
        "12/03/2024",
        "Thomas Gomart",
    ],
)
def test_cities_placeholders_files_and_the_organisation_are_never_outlets(ctx, written):
    assert plausible_outlet(written, ctx) is None


def test_french_page_names_its_outlet_only_in_a_sentence(ctx):
    a = only(ctx, "old_fr_outlet_in_sentence.txt")
    assert a.outlet == "AFP"
    assert a.title == "« L'Europe doit apprendre à parler le langage de la puissance »"
    assert a.expert_names == ["Thomas Gomart"]
    assert a.date == dt.date(2023, 11, 21)  # the stamp, not the summit's date in the text


def test_english_page_with_a_placeholder_for_outlet_takes_the_one_its_text_names(ctx):
    a = only(ctx, "new_en_placeholder_outlet.txt")
    assert a.outlet == "France Culture"
    assert a.title == "Why the Sahel still matters to Europe"
    assert a.expert_names == ["Élie Tenenbaum"]
    assert a.date is None


def test_german_page_names_deutschlandfunk_in_a_sentence(ctx):
    a = only(ctx, "plain_de_deutschlandfunk.txt")
    assert a.outlet == "Deutschlandfunk"
    assert a.title == "Paul Maurice: „Paris und Berlin müssen sich zusammenraufen“"
    assert a.expert_names == ["Paul Maurice"]
    assert (a.language, a.date) == ("de", None)


def test_german_print_page_gives_faz_and_the_co_author(ctx):
    a = only(ctx, "print_de_faz_coauthor.txt")
    assert a.date == dt.date(2024, 2, 14)
    assert outlet(ctx, a) == "Frankfurter Allgemeine Zeitung"
    assert a.expert_names == ["Hans Stark", "Paul Maurice"]
    assert {e.role for e in a.experts} == {"op-ed"}  # 'Gastbeitrag'


# ---------- the outlet only in the link or a logo


def test_html_page_with_an_image_file_and_a_menu_takes_its_heading_and_link(ctx):
    a = only(ctx, "plain_fr_invite.html")
    assert a.title == "Sahel : « Le temps des opérations extérieures est révolu »"
    assert a.outlet == "Public Sénat"
    assert a.url == "https://www.publicsenat.fr/actualites/international/sahel-le-temps-des-opex"
    assert a.expert_names == ["Élie Tenenbaum"]


def test_page_naming_its_outlet_only_in_the_link_keeps_the_link(ctx):
    a = only(ctx, "old_fr_link_only.html")
    assert a.outlet is None  # nothing on the page names it: the link's address says where
    assert a.url.startswith("https://www.lesechos.fr/industrie-services/")
    assert a.title == "Hydrogène : l'Europe prend du retard"  # not 'Lire l'article'
    assert a.date == dt.date(2024, 3, 5)


def test_logos_file_names_give_the_outlet_and_a_placeholder_no_headline(ctx):
    items = read(ctx, "list_marked_logos_en.txt")
    assert [outlet(ctx, a) for a in items] == ["Les Echos", "Le Monde", "France 24", None]
    assert [a.title for a in items] == [
        "Europe's gas storage ahead of winter",
        None,  # 'Texte non disponible'
        "Russia's economy under sanctions",
        "Brussels and the defence industry",
    ]


def test_a_date_in_a_teasers_link_is_not_the_items_and_no_item_takes_the_next_ones(ctx):
    items = read(ctx, "list_marked_logos_en.txt")
    assert [a.date for a in items] == [
        dt.date(2024, 9, 12),
        dt.date(2024, 9, 5),  # its own line, not the 2024-08-30 in the link
        None,  # no date in its block: not the next item's
        dt.date(2024, 8, 29),
    ]


# ---------- a city, the organisation or a file name where an outlet or headline goes


def test_a_city_in_the_byline_and_under_it_is_neither_outlet_nor_headline(ctx):
    a = only(ctx, "old_en_city.txt")
    assert a.outlet == "Politico"
    assert a.title == "NATO at 75: an alliance under strain"
    assert a.expert_names == ["Élie Tenenbaum"]


def test_the_organisations_own_name_is_not_the_outlet_nor_a_file_name_the_headline(ctx):
    a = only(ctx, "new_fr_own_name_outlet.txt")
    assert a.outlet == "France Inter"
    assert a.title is None  # 'photo.jpg' stands where the headline would
    assert a.expert_names == ["Thomas Gomart"]


# ---------- co-authors


def test_french_byline_co_written_with_a_second_expert(ctx):
    a = only(ctx, "old_fr_coauthors.txt")
    assert a.expert_names == ["Marc Hecker", "Élie Tenenbaum"]
    assert a.outlet == "Le Figaro"
    assert {e.role for e in a.experts} == {"op-ed"}


def test_english_byline_with_and_names_every_co_author(ctx):
    a = only(ctx, "old_en_coauthors.txt")
    assert [(e.name, e.in_roster) for e in a.experts] == [
        ("Thomas Gomart", True),
        ("Dominique Moïsi", True),
        ("Jean Dupont", False),  # written the site's way: to confirm
    ]
    assert a.outlet == "Financial Times"


@pytest.mark.parametrize(
    ("byline", "people"),
    [
        (
            "Élie TENENBAUM and Léo PÉRIA-PEIGNÉ, op-ed in Le Monde",
            ["Élie Tenenbaum", "Léo Péria-Peigné"],
        ),
        (
            "Hans STARK, im Gespräch mit Paul MAURICE für den Deutschlandfunk",
            ["Hans Stark", "Paul Maurice"],
        ),
        ("Céline PAJON, avec Marc JULIENNE, sur France Culture", ["Céline Pajon", "Marc Julienne"]),
        ("Thomas GOMART, propos recueillis par Anne Durand pour Le Point", ["Thomas Gomart"]),
    ],
)
def test_byline_co_authors_in_three_languages_and_no_journalist(ctx, byline, people):
    (a,) = parse_page(f"Publié le 02/05/2024\n\n{byline}\n\nTexte de l'article.\n", "p.txt", ctx)
    assert a.expert_names == people


# ---------- the German list of the same site


def test_german_list_names_each_items_outlet_in_its_teaser(ctx):
    items = read(ctx, "list_de_site.txt")
    assert [a.title for a in items] == [
        "Frankreichs Atomstreitkräfte und Europa",
        "Macron und die Regierungskrise",
        "Wie geht es weiter mit der Energiewende?",
    ]
    assert [outlet(ctx, a) for a in items] == ["Deutschlandfunk", "Die Zeit", "Frankopil"]
    assert [a.expert_names for a in items] == [["Héloïse Fayet"], ["Hans Stark"], ["Jeanette Süß"]]
    assert all(a.date is None for a in items)  # the list gives none
    assert all(a.uncertain is None for a in items)  # the site's own layout, read with confidence
