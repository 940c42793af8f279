"""Lists of appearances: every item once per line it takes on the page, no page furniture, no
publications, the organisation's own events and videos told apart."""

import datetime as dt
from pathlib import Path

import pytest

from data.organisation import load_organisation
from data.parsers import Context, parse_page
from data.parsers.common import is_furniture

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "pages"


@pytest.fixture(scope="module")
def ctx():
    return Context.for_organisation(load_organisation(ROOT / "examples" / "ifri"))


def read(ctx, name):
    path = PAGES / name
    return parse_page(path.read_text(encoding="utf-8"), str(path), ctx)


def test_newer_list_gives_title_date_outlet_and_expert_per_item(ctx):
    items = read(ctx, "formats/listing_new_fr.txt")
    first = items[0]
    assert first.title == "Élections allemandes : « La coalition sera longue à former »"
    assert first.date == dt.date(2025, 3, 3)
    assert first.outlet == "Le Monde"
    assert first.expert_names == ["Paul Maurice"]
    assert items[1].date == dt.date(2025, 2, 1)  # '1er février 2025'
    assert items[1].expert_names == ["Héloïse Fayet"]


def test_logo_alone_is_kept_as_logo_not_as_outlet(ctx):
    items = read(ctx, "formats/listing_new_fr.txt")
    assert items[2].outlet is None
    assert items[2].logo == "Logo France 24"


def test_teaser_naming_the_outlet_gives_it_when_the_list_does_not(ctx):
    items = read(ctx, "formats/listing_new_fr.txt")
    assert items[1].outlet == "franceinfo"  # 'répond aux questions de franceinfo'
    assert items[1].logo == "logo_franceinfo.png"


def test_publications_and_page_furniture_are_not_items(ctx):
    titles = [a.title for a in read(ctx, "formats/listing_new_fr.txt")]
    assert "La puissance chinoise en dix questions" not in titles
    assert not any("Vous êtes un média" in (t or "") or t == "Press Card" for t in titles)
    assert len(titles) == 3


def test_list_cut_after_a_title_keeps_the_last_item_undated(ctx):
    last = read(ctx, "formats/listing_new_fr.txt")[-1]
    assert last.title == "Ukraine : trois scénarios pour 2025"
    assert last.date is None
    assert last.language == "fr"  # too short to tell alone: the list's language


def test_older_list_starting_mid_item_drops_the_fragment(ctx):
    items = read(ctx, "formats/listing_old_fr.txt")
    assert not any("gouvernement devra trancher" in (a.summary or "") for a in items)


def test_older_list_reads_outlet_prefix_and_teaser_outlets(ctx):
    items = {a.title: a for a in read(ctx, "formats/listing_old_fr.txt")}
    prefixed = items["La dissuasion française à l'heure européenne"]
    assert prefixed.outlet == "LIBERATION"
    assert prefixed.expert_names == ["Héloïse Fayet"]
    gas = items["Le gaz russe, une arme à double tranchant"]
    assert gas.outlet == "RTL"
    assert gas.date == dt.date(2022, 3, 14)  # a full date in the teaser


def test_quote_then_byline_is_an_item_without_headline(ctx):
    items = read(ctx, "formats/listing_old_fr.txt")
    quoted = [a for a in items if a.title is None]
    assert len(quoted) == 1
    assert quoted[0].expert_names == ["Tatiana Kastouéva-Jean"]
    assert ctx.outlets.canonical_name(quoted[0].outlet) == "Les Echos"


def test_day_and_month_without_year_give_no_date(ctx):
    items = {a.title: a for a in read(ctx, "formats/listing_old_fr.txt")}
    assert items["Le Japon face à la Chine"].date is None  # 'mercredi 12 juin'


def test_events_and_videos_are_kept_apart_from_appearances(ctx):
    kinds = {a.title: a.kind for a in read(ctx, "formats/listing_old_fr.txt")}
    assert kinds["[Webinaire] Les relations franco-allemandes après les élections"] == "event"
    assert kinds["[Vidéo] Trois questions à Thomas Gomart"] == "video"
    assert kinds["Le gaz russe, une arme à double tranchant"] == "appearance"


def test_item_repeated_three_times_is_read_three_times_and_furniture_is_not(ctx):
    items = read(ctx, "formats/listing_repeats.txt")
    titles = [a.title for a in items]
    assert titles.count("Moscow's Arctic ambitions meet their limits") == 3
    assert "Vladimir Putin" not in titles
    assert titles[-1] == "Dimitri Minic: 'The army believes its own doctrine'"
    assert items[-1].expert_names == ["Dimitri Minic"]


def test_team_page_gives_only_its_media_bylines(ctx):
    items = read(ctx, "formats/team_page.txt")
    assert len(items) == 1  # the other 'By:' line lists a publication's authors
    assert items[0].expert_names == ["Héloïse Fayet"]
    assert ctx.outlets.canonical_name(items[0].outlet) == "Financial Times"


def test_html_list_links_each_item_to_the_piece(ctx):
    (item,) = read(ctx, "both_languages/list_en.html")
    assert (
        item.url
        == "https://www.lemonde.fr/international/article/2024/06/10/energie-europe_123.html"
    )
    assert item.date == dt.date(2024, 6, 10)
    assert item.language == "en"


SITE_OF_ANOTHER_ORGANISATION = """Search on northbridge.org
About us

In the media
Our fellows regularly take part in the public debate and comment in the international media.
Unsere Forscherinnen und Forscher kommentieren regelmäßig in den Medien das Weltgeschehen.

THE GUARDIAN: Shipping lanes under pressure in the Red Sea
Héloïse Fayet explains the risks for insurers, on 14 March 2025.
"""


def test_another_sites_search_box_about_link_and_blurb_are_not_items(ctx):
    items = parse_page(SITE_OF_ANOTHER_ORGANISATION, "northbridge.txt", ctx)
    assert [(a.title, a.outlet, a.date) for a in items] == [
        ("Shipping lanes under pressure in the Red Sea", "THE GUARDIAN", dt.date(2025, 3, 14))
    ]


@pytest.mark.parametrize(
    "line",
    [
        "À propos de l'Institut Valmont",
        "Über das Valmont-Institut",
        "About the Northbridge Institute",
        "Qui sommes-nous ?",
        "Häufige Suchanfragen",
        "Alle anzeigen",
    ],
)
def test_an_about_link_and_german_navigation_are_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["About Face", "À propos de la guerre en Ukraine"])
def test_a_headline_that_starts_like_an_about_link_is_not_furniture(line):
    assert not is_furniture(line)
