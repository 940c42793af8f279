"""Pages reporting one appearance: every layout gives the title, outlet, date, experts and tags a
careful reader would write down, and nothing the page does not say."""

import datetime as dt
from pathlib import Path

import pytest

from data.model import InvalidArticle, validate
from data.organisation import load_organisation
from data.parsers import Context, parse_page

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "pages"


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


def test_old_french_layout_reads_stamp_byline_title_and_keywords(ctx):
    a = only(ctx, "formats/old_layout_fr.txt")
    assert a.date == dt.date(2024, 3, 4)
    assert a.title == "Sahel : « La France doit repenser sa présence militaire »"
    assert a.outlet == "OUEST FRANCE"
    assert a.expert_names == ["Élie Tenenbaum"]
    assert a.experts[0].role == "interview"
    assert a.language == "fr"


def test_image_caption_between_header_and_byline_is_not_the_title(ctx):
    a = only(ctx, "formats/old_layout_fr.txt")
    assert "patrouilles" not in (a.title or "")
    assert "Gao" not in (a.outlet or "")


def test_double_comma_in_byline_still_gives_expert_and_outlet(ctx):
    a = only(ctx, "formats/old_layout_fr.txt")
    assert a.expert_names == ["Élie Tenenbaum"]
    assert ctx.outlets.canonical_name(a.outlet) == "Ouest-France"


def test_keyword_line_splits_into_tags_keeping_known_multiword_ones(ctx):
    a = only(ctx, "formats/old_layout_fr.txt")
    assert a.tags[0] == "Sahel"
    assert "Forces armées" in a.tags and "Mali" in a.tags
    b = only(ctx, "formats/old_layout_en.txt")
    assert b.tags == ["Nuclear Energy", "Energy Transition", "Europe"]


def test_old_english_layout(ctx):
    a = only(ctx, "formats/old_layout_en.txt")
    assert (a.date, a.outlet, a.language) == (dt.date(2023, 9, 11), "NUCNET", "en")
    assert a.title == "Europe Needs Its Nuclear Fleet For A Stable Grid, Says Expert"
    assert a.expert_names == ["Marc-Antoine Eyl-Mazzega"]


def test_english_article_in_a_french_frame_is_in_english(ctx):
    a = only(ctx, "formats/french_frame_english_article.txt")
    assert a.language == "en"
    assert a.outlet == "Gulf News"
    assert a.experts[0].name == "Dominique Moïsi" and a.experts[0].role == "op-ed"


def test_new_layout_takes_outlet_line_and_authors_block_and_invents_no_date(ctx):
    a = only(ctx, "formats/new_layout_fr.txt")
    assert a.title == "Nucléaire civil : la relance européenne est-elle crédible ?"
    assert ctx.outlets.canonical_name(a.outlet) == "France Culture"
    assert a.expert_names == ["Carole Mathieu"]
    assert a.date is None


def test_print_page_has_date_byline_outlet_and_no_headline(ctx):
    a = only(ctx, "formats/print_page.txt")
    assert a.date == dt.date(2019, 3, 12)
    assert a.title is None
    assert a.outlet == "France Inter"  # not the programme in quotes
    assert a.expert_names == ["Thomas Gomart"]
    assert a.experts[0].role == "on-air"
    assert a.source_format == "print_page"


def test_english_op_ed_under_a_french_print_stamp_is_in_english(ctx):
    a = only(ctx, "formats/print_page_english_oped.txt")
    assert a.language == "en"
    assert a.date == dt.date(2020, 2, 3)
    assert ctx.outlets.canonical_name(a.outlet) == "The Guardian"


def test_plain_page_takes_outlet_from_the_link_line(ctx):
    a = only(ctx, "formats/plain_page.txt")
    assert a.title == "Chine : une diplomatie de la patience"
    assert a.outlet == "L'Express"
    assert a.expert_names == ["Alice Ekman"]
    assert a.date is None


def test_third_party_markdown_page_names_outlet_and_guest_not_journalist(ctx):
    a = only(ctx, "formats/third_party.md")
    assert a.title == "Afghanistan : le retour des talibans, un an après"
    assert a.outlet == "France Culture"  # the photo credit ©AFP is not the outlet
    assert a.expert_names == ["Marc Hecker"]
    assert a.date is None  # the caption's date is not the appearance's


def test_html_page_drops_scripts_and_keeps_the_link(ctx):
    a = only(ctx, "formats/old_layout_html.html")
    assert a.date == dt.date(2021, 2, 9)
    assert a.title == "Allemagne : l'après-Merkel a commencé"
    assert a.outlet == "RFI"
    assert a.expert_names == ["Hans Stark"]  # not the Thomas GOMART written by a script
    assert a.url.startswith("https://www.rfi.fr/fr/emission/allemagne-apres-merkel")
    assert a.tags == ["Allemagne", "Angela Merkel"]


def test_someone_presented_as_staff_but_not_in_roster_is_kept_to_confirm(ctx):
    a = only(ctx, "formats/unknown_staff.txt")
    assert [(e.name, e.in_roster) for e in a.experts] == [("Jeanne Durand-Vial", False)]
    assert a.outlet == "Le Figaro"


def test_expert_written_in_capitals_without_accents_is_the_roster_person(ctx):
    text = "Publié le 16/05/2022\n\nTatiana KASTOUEVA-JEAN, citée par Marc Lenoir dans Le Monde\n"
    (a,) = parse_page(text, "x.txt", ctx)
    assert a.expert_names == ["Tatiana Kastouéva-Jean"]
    assert a.experts[0].role == "quoted"


def test_no_page_gets_a_date_it_does_not_state(ctx):
    undated = ["formats/new_layout_fr.txt", "formats/plain_page.txt", "formats/third_party.md"]
    for name in undated:
        assert only(ctx, name).date is None, name


def test_a_page_stamped_in_the_future_is_refused_with_the_reason():
    org = load_organisation(ROOT / "examples" / "ifri")
    early = Context.for_organisation(org, today=dt.date(2024, 1, 1))
    text = (
        "04\nmar\n2024\nEspace Média L'Ifri dans les médias\nThomas GOMART, invité sur RFI\n\nT\n"
    )
    (a,) = parse_page(text, "x.txt", early)
    with pytest.raises(InvalidArticle, match="2024-03-04 is in the future"):
        validate(a, early.today)


def test_a_page_of_prose_naming_no_outlet_and_no_expert_is_no_appearance(ctx):
    assert parse_page("Minutes of the board meeting.\n" * 5, "minutes.txt", ctx) == []
