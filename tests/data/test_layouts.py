"""Vendors' exports read without --map: every row kept, with the right date, outlet and link, in
each layout, encoding, delimiter and date form the vendors write; social posts kept apart; the
layout named in what the import says."""

import datetime as dt
from pathlib import Path

import pytest

from data.ingest import plan_import
from data.organisation import load_organisation
from data.parsers import Context
from data.parsers.spreadsheet import read_spreadsheet
from tests import exports
from tests.exports import delimited, rows_of, workbook

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def org():
    return load_organisation(ROOT / "examples" / "ifri")  # time_zone Europe/Paris


@pytest.fixture(scope="module")
def ctx(org):
    return Context.for_organisation(org, today=TODAY)


def kept(sheet):
    """(date, outlet, url, kind) of every appearance, in file order."""
    assert sheet.rejects == []
    return [(a.date, a.outlet, a.url, a.kind) for a in sheet.articles]


# ---------- Meltwater

MELTWATER_ROWS = [
    {
        "Date": "07-Jan-2026 06:27PM",
        "Headline": "L&#39;Europe face à la Chine",
        "URL": "https://www.lemonde.fr/a1",
        "Opening Text": "Bruxelles cherche sa voie.",
        "Hit Sentence": "Selon Alice Ekman, chercheuse à l'Ifri, ...",
        "Source": "Le Monde",
        "Influencer": "Jeanne Journaliste",  # the journalist, not one of the organisation's
        "Country": "France",
        "Language": "French",
        "Reach": "1,200,000",
        "Alternate Date Format": "07-Jan-26",
        "Time": "6:27 PM",
    },
    {
        "Date": "",  # the alternate form is read when the first is empty
        "Headline": "Europe's energy bind",
        "URL": "https://www.ft.com/content/b2",
        "Hit Sentence": "Thomas Gomart, director of Ifri, said ...",
        "Source": "Financial Times",
        "Country": "United Kingdom",
        "Language": "English",
        "Alternate Date Format": "16-Oct-25",
        "Time": "7:38 PM",
    },
    {
        "Date": "12-Feb-2026 09:05AM",
        "Headline": "",
        "URL": "https://x.com/ifri_org/status/1889000000000000001",
        "Hit Sentence": "Nouvelle note de l'Ifri sur le nucléaire",
        "Source": "Twitter",
        "Influencer": "@ifri_org",
        "Language": "French",
        "Tweet Id": '"1889000000000000001"',
        "Alternate Date Format": "12-Feb-26",
        "Time": "9:05 AM",
    },
]
MELTWATER_KEPT = [
    (dt.date(2026, 1, 7), "Le Monde", "https://www.lemonde.fr/a1", "appearance"),
    (dt.date(2025, 10, 16), "Financial Times", "https://www.ft.com/content/b2", "appearance"),
    (
        dt.date(2026, 2, 12),
        "X (Twitter)",
        "https://x.com/ifri_org/status/1889000000000000001",
        "social",
    ),
]


def test_meltwater_current_export_utf16_tab_separated(ctx):
    header = exports.MELTWATER_CURRENT
    assert len(header) == 52
    data = delimited(
        header, rows_of(header, MELTWATER_ROWS), "\t", "utf-16-le", bom=True, line_end="\r\n"
    )
    sheet = read_spreadsheet(data, "meltwater.csv", ctx)
    assert kept(sheet) == MELTWATER_KEPT
    monde, ft, tweet = sheet.articles
    assert monde.title == "L'Europe face à la Chine"  # entity decoded
    assert (monde.language, monde.country, monde.reach) == ("fr", "FR", 1_200_000)
    assert monde.expert_names == ["Alice Ekman"]  # from the hit sentence; not the journalist
    assert ft.expert_names == ["Thomas Gomart"] and ft.country == "GB"
    assert sheet.report.layout == "Meltwater (current export)"
    assert sheet.report.form == "UTF-16LE with BOM, tab-separated, CRLF"
    assert sheet.report.n_social == 1
    assert "1 social post (X (Twitter) 1)" in sheet.report.summary()


def test_meltwater_resaved_by_google_sheets_reads_the_same(ctx):
    header = exports.MELTWATER_CURRENT
    rows = [dict(r) for r in MELTWATER_ROWS]
    rows[0]["Date"] = "07-Jan-2026 18:27"  # Google Sheets rewrites the dates in 24-hour time
    rows[2]["Date"] = "12-Feb-2026 9:05"
    data = delimited(header, rows_of(header, rows), ",", "utf-8", line_end="\r\n")
    sheet = read_spreadsheet(data, "meltwater-sheets.csv", ctx)
    assert kept(sheet) == MELTWATER_KEPT
    assert sheet.report.layout == "Meltwater (current export)"
    assert sheet.report.form == "UTF-8, comma-separated, CRLF"


def test_meltwater_older_37_column_export(ctx):
    header = exports.MELTWATER_OLDER
    assert len(header) == 37
    rows = [{k: v for k, v in r.items() if k in header} for r in MELTWATER_ROWS]
    data = delimited(header, rows_of(header, rows), "\t", "utf-16-le", bom=True)
    sheet = read_spreadsheet(data, "old.tsv", ctx)
    assert kept(sheet) == MELTWATER_KEPT
    assert sheet.report.layout == "Meltwater (older export, 37 columns)"


def test_meltwater_newer_export(ctx):
    header = exports.MELTWATER_NEWER
    rows = [
        {
            "Date": "16-Oct-2025",
            "Time": "19:38",
            "URL": "https://www.rfi.fr/fr/europe/20251016-x",
            "Information Type": "Editorial",
            "Source Type": "News",
            "Source Name": "RFI",
            "Source Domain": "rfi.fr",
            "Author Name": "Jean Reporter",
            "Title": "Le nucléaire civil en Europe",
            "Hit Sentence": "Marc-Antoine Eyl-Mazzega (Ifri) estime ...",
            "Country": "France",
            "Language": "fr",
            "Reach": "350k",
        },
        {
            "Date": "17-Oct-2025",
            "Time": "08:00",
            "URL": "https://www.facebook.com/ifri.org/posts/pfbid02abc",
            "Information Type": "Social",
            "Source Type": "Facebook",
            "Source Name": "Ifri",
            "Title": "",
            "Hit Sentence": "Replay de notre conférence",
        },
    ]
    sheet = read_spreadsheet(delimited(header, rows_of(header, rows)), "new.csv", ctx)
    assert kept(sheet) == [
        (dt.date(2025, 10, 16), "RFI", "https://www.rfi.fr/fr/europe/20251016-x", "appearance"),
        (
            dt.date(2025, 10, 17),
            "Facebook",
            "https://www.facebook.com/ifri.org/posts/pfbid02abc",
            "social",
        ),
    ]
    rfi = sheet.articles[0]
    assert (rfi.outlet_domain, rfi.reach) == ("rfi.fr", 350_000)
    assert rfi.expert_names == ["Marc-Antoine Eyl-Mazzega"]
    assert sheet.report.layout == "Meltwater (newer export)"


# ---------- Media Cloud, GDELT, Google Alerts


def test_media_cloud_outlet_from_media_url_and_entities_decoded(ctx):
    header = exports.MEDIA_CLOUD
    rows = [
        {
            "stories_id": "2718281828",
            "publish_date": "2025-03-04 10:00:00",
            "title": "L&#39;Afrique et la France : &quot;un tournant&quot;",
            "url": "https://www.rfi.fr/fr/afrique/20250304-tournant",
            "language": "fr",
            "media_name": "Écouter RFI Afrique en direct - RFI",
            "media_url": "https://www.rfi.fr/",
        },
        {
            "stories_id": "2718281829",
            "publish_date": "2025-03-05 23:59:59",
            "title": "Sahel: what next?",
            "url": "https://www.lemonde.fr/en/le-monde-africa/article/sahel",
            "language": "en",
            "media_name": "lemonde.fr",
            "media_url": "lemonde.fr",
        },
    ]
    sheet = read_spreadsheet(delimited(header, rows_of(header, rows)), "mediacloud.csv", ctx)
    rfi, monde = sheet.articles
    assert kept(sheet)[0][0] == dt.date(2025, 3, 4)
    assert monde.date == dt.date(2025, 3, 5)  # no zone written: the day as written
    assert (rfi.outlet_domain, monde.outlet_domain) == ("rfi.fr", "lemonde.fr")
    assert rfi.outlet == "Écouter RFI Afrique en direct - RFI"  # only a fallback name
    assert rfi.title == 'L\'Afrique et la France : "un tournant"'
    assert rfi.url == "https://www.rfi.fr/fr/afrique/20250304-tournant"
    assert sheet.report.layout == "Media Cloud"


def test_gdelt_outlet_is_the_domain_and_utc_times_fall_on_the_paris_day(ctx):
    header = exports.GDELT
    rows = [
        ["https://www.lefigaro.fr/international/a", "https://m.lefigaro.fr/a",
         "2025-08-23 21:30:00", "Ukraine : les options européennes"],
        ["https://www.spiegel.de/ausland/b", "", "2025-08-23 22:30:00", "Europa und die Ukraine"],
    ]  # fmt: skip
    sheet = read_spreadsheet(delimited(header, rows, bom=True), "gdelt.csv", ctx)
    figaro, spiegel = sheet.articles
    assert (figaro.date, spiegel.date) == (dt.date(2025, 8, 23), dt.date(2025, 8, 24))
    assert (figaro.outlet, figaro.outlet_domain) == (None, "lefigaro.fr")
    assert spiegel.outlet_domain == "spiegel.de"
    assert spiegel.url == "https://www.spiegel.de/ausland/b"
    assert sheet.report.layout == "GDELT DOC API"
    (dates,) = sheet.report.dates
    assert "in Europe/Paris" in dates.describe() and "UTC where none is written" in dates.zone_note


def test_google_alerts_digest_dated_by_its_digest_and_says_so(ctx):
    header = exports.GOOGLE_ALERTS
    rows = [
        ["August 23, 2025", "Le directeur de l'<b>Ifri</b> analyse ...", "Le Monde",
         "La France et l&#39;OTAN - Le Monde",
         "https://www.google.com/url?rct=j&sa=t&url=https://www.lemonde.fr/x&ct=ga"],
        ["August 24, 2025", "...", "Les Echos", "Energie : le <b>nucléaire</b> revient",
         "https://www.google.com/url?rct=j&sa=t&url=https://www.lesechos.fr/y&ct=ga"],
    ]  # fmt: skip
    sheet = read_spreadsheet(delimited(header, rows), "alerts.csv", ctx)
    first, second = sheet.articles
    assert (first.date, first.outlet) == (dt.date(2025, 8, 23), "Le Monde")
    assert (second.date, second.outlet) == (dt.date(2025, 8, 24), "Les Echos")
    assert first.title == "La France et l'OTAN"  # the outlet's ending split off (data/links.py)
    assert second.title == "Energie : le nucléaire revient"  # tags gone
    assert first.summary == "Le directeur de l'Ifri analyse ..."
    assert first.url == "https://www.lemonde.fr/x"  # Google's redirect undone
    assert sheet.report.layout == "Google Alerts digest"
    assert "the day of the digest" in sheet.report.summary()


# ---------- Talkwalker


def test_talkwalker_xlsx_of_text_cells_below_a_title_row(ctx):
    header = exports.TALKWALKER
    assert len(header) >= 90
    rows = [
        {
            "url": "https://www.lesechos.fr/monde/c3",
            "indexed": "22/09/17 11:05:00",
            "published": "22/09/17 11:00:24",
            "title": "Gaz : l'Europe sous tension",
            "content": "Pour Carole Mathieu, de l'Ifri, ...",
            "source_type": "ONLINENEWS_NEWSPAPER",
            "lang": "fr",
            "reach": "80000",
            "extra_author_attributes.name": "Anne Plume",
            "extra_source_attributes.name": "Les Echos",
            "extra_source_attributes.world_data.country_code": "fr",
        },
        {
            "url": "https://twitter.com/ifri_org/status/909000000000000000",
            "published": "03/10/17 08:12:00",
            "title": "",
            "content": "Notre nouvelle étude sur l'Arctique",
            "source_type": "SOCIALMEDIA_TWITTER",
            "extra_source_attributes.name": "Ifri",
        },
        {
            "url": "https://www.lefigaro.fr/d4",
            "published": "05/11/17 18:00:00",
            "title": "L'Arctique, nouveau front",
            "source_type": "ONLINENEWS_OTHER",
            "extra_source_attributes.name": "Le Figaro",
        },
    ]
    title_rows = [["Talkwalker export: Ifri, 2017"], [""], [""]]
    data = workbook(header, rows_of(header, rows), "Sheet0", above=title_rows)
    sheet = read_spreadsheet(data, "talkwalker.xlsx", ctx)
    assert kept(sheet) == [
        (dt.date(2017, 9, 22), "Les Echos", "https://www.lesechos.fr/monde/c3", "appearance"),
        (
            dt.date(2017, 10, 3),
            "X (Twitter)",
            "https://twitter.com/ifri_org/status/909000000000000000",
            "social",
        ),
        (dt.date(2017, 11, 5), "Le Figaro", "https://www.lefigaro.fr/d4", "appearance"),
    ]
    echos = sheet.articles[0]
    assert (echos.country, echos.reach, echos.language) == ("FR", 80_000, "fr")
    assert echos.expert_names == ["Carole Mathieu"]
    assert [a.row_number for a in sheet.articles] == [5, 6, 7]  # the file's own rows
    report = sheet.report
    assert (report.layout, report.header_row, report.form) == (
        "Talkwalker",
        4,
        "Excel workbook, sheet 'Sheet0'",
    )
    (dates,) = report.dates
    assert dates.order == "day first" and "Talkwalker's order" in dates.decided


# ---------- Cision and Muck Rack


def cision_file(rows):
    header = exports.CISION
    return delimited(header, rows_of(header, rows), ",", "utf-8", bom=True, line_end="\r\n")


CISION_ROWS = [
    {
        "Mention": "Iran : la dissuasion en question\nHéloïse Fayet, chercheuse à l'Ifri, "
        "rappelle que ...",
        "Outlet": "L'Orient-Le Jour",
        "Author": "Amélie Zaccour",
        "Publication Date": "08/23/2025",
        "Media Type": "Online",
        "Readership": "450,000",
        "Tone": "Neutral",
        "Tags": "Iran; Nucléaire",
        "Link": "https://www.lorientlejour.com/article/1",
    },
    {
        "Mention": "Defence spending in Europe\nThe think tank says ...",
        "Outlet": "Politico Europe",
        "Author": "",
        "Publication Date": "09/02/2025",
        "Readership": "",
        "Link": "https://www.politico.eu/article/2",
    },
]


def test_cision_headline_is_the_first_line_of_the_mention(ctx):
    sheet = read_spreadsheet(cision_file(CISION_ROWS), "cision-1.csv", ctx)
    assert kept(sheet) == [
        (dt.date(2025, 8, 23), "L'Orient-Le Jour", "https://www.lorientlejour.com/article/1",
         "appearance"),
        (dt.date(2025, 9, 2), "Politico Europe", "https://www.politico.eu/article/2",
         "appearance"),
    ]  # fmt: skip
    iran = sheet.articles[0]
    assert iran.title == "Iran : la dissuasion en question"
    assert iran.summary.startswith("Héloïse Fayet, chercheuse")
    assert (iran.reach, iran.tags, iran.media_type) == (450_000, ["Iran", "Nucléaire"], "online")
    assert iran.expert_names == ["Héloïse Fayet"]  # the author is the journalist
    (dates,) = sheet.report.dates
    assert dates.order == "month first"  # 23 cannot be a month: the whole column is month first
    assert sheet.report.layout == "Cision"


def test_several_cision_files_of_one_search_count_each_appearance_once(org):
    second = [
        CISION_ROWS[1],
        {
            **CISION_ROWS[0],
            "Link": "https://www.lorientlejour.com/article/3",
            "Mention": "Autre papier\n...",
            "Publication Date": "08/30/2025",
        },
    ]
    plan = plan_import(
        [("cision-1.csv", cision_file(CISION_ROWS)), ("cision-2.csv", cision_file(second))],
        None,
        org,
        today=TODAY,
    )
    assert len(plan.new) == 3 and len(plan.duplicates) == 1
    assert plan.duplicates[0].article.url == "https://www.politico.eu/article/2"
    assert [n.split(":")[0] for n in plan.notes] == ["cision-1.csv", "cision-2.csv"]


def test_muck_rack_report_reach_from_uvm_and_offsets_on_the_paris_day(ctx):
    header = exports.MUCK_RACK
    rows = [
        ["Europe's defence moment", "The Economist", "2025-09-02T14:05:00-04:00", "A. Writer",
         "https://www.economist.com/europe/1", "1,234,567", "Positive"],
        ["Macron and Africa", "Foreign Policy", "2025-09-02T22:30:00-04:00", "",
         "https://foreignpolicy.com/2", "98k", ""],
    ]  # fmt: skip
    sheet = read_spreadsheet(delimited(header, rows), "muckrack.csv", ctx)
    assert kept(sheet) == [
        (dt.date(2025, 9, 2), "The Economist", "https://www.economist.com/europe/1", "appearance"),
        (dt.date(2025, 9, 3), "Foreign Policy", "https://foreignpolicy.com/2", "appearance"),
    ]
    assert [a.reach for a in sheet.articles] == [1_234_567, 98_000]
    assert sheet.report.layout == "Muck Rack"


# ---------- values as any export writes them


def test_iso_date_times_are_never_read_day_first(ctx):
    header = ["Date", "Outlet", "Title", "URL"]
    days = [dt.date(2025, 7, 2), dt.date(2025, 3, 4), dt.date(2025, 12, 1), dt.date(2025, 6, 11)]
    written = [
        "2025-07-02T09:49:00Z",
        "2025-03-04T10:00:00+01:00",
        "2025-12-01",
        "20250611T080000Z",
    ]
    rows = [[w, "RFI", f"Piece {i}", f"https://rfi.fr/{i}"] for i, w in enumerate(written)]
    sheet = read_spreadsheet(delimited(header, rows), "iso.csv", ctx)
    assert [a.date for a in sheet.articles] == days


def test_a_zoned_date_time_late_in_the_evening_is_the_next_day_in_paris(ctx):
    rows = [["2025-07-12T23:30:00Z", "RFI", "Late", ""], ["2025-07-12T21:30:00Z", "RFI", "On", ""]]
    sheet = read_spreadsheet(delimited(["Date", "Outlet", "Title", "URL"], rows), "z.csv", ctx)
    assert [a.date for a in sheet.articles] == [dt.date(2025, 7, 13), dt.date(2025, 7, 12)]


def test_the_day_month_order_is_decided_once_for_the_column_and_reported(ctx):
    header = ["Date", "Media", "Headline"]
    rows = [["03/05/2024", "RFI", "A"], ["04/06/2024", "RFI", "B"], ["13/07/2024", "RFI", "C"]]
    sheet = read_spreadsheet(delimited(header, rows, ";"), "fr.csv", ctx)
    assert [a.date for a in sheet.articles] == [
        dt.date(2024, 5, 3),
        dt.date(2024, 6, 4),
        dt.date(2024, 7, 13),
    ]  # 03/05 is read day first because 13/07 is: the column has one order
    (dates,) = sheet.report.dates
    assert (dates.order, dates.values) == ("day first", 3)
    assert "Date read day first" in sheet.report.summary()
    american = [["03/05/2024", "RFI", "A"], ["07/13/2024", "RFI", "B"]]
    sheet = read_spreadsheet(delimited(header, american), "us.csv", ctx)
    assert [a.date for a in sheet.articles] == [dt.date(2024, 3, 5), dt.date(2024, 7, 13)]


def test_title_notes_blank_rows_and_spaces_around_values_in_a_csv(ctx):
    above = [["Revue de presse de l'Ifri, 2025"], ["Exporté le 2025-09-01 par le service presse"],
             [""], []]  # fmt: skip
    header = ["  Date ", "Outlet", " Headline", "Link"]
    rows = [
        ["  2025-09-01 ", "  Le Monde  ", "  Un titre &amp; un autre  ", " https://lemonde.fr/1 "],
        ["", "", "", ""],
        ["02/09/2025", "Les Echos", "Deuxième", "https://lesechos.fr/2"],
    ]
    sheet = read_spreadsheet(delimited(header, rows, ";", "cp1252", above=above), "t.csv", ctx)
    assert kept(sheet) == [
        (dt.date(2025, 9, 1), "Le Monde", "https://lemonde.fr/1", "appearance"),
        (dt.date(2025, 9, 2), "Les Echos", "https://lesechos.fr/2", "appearance"),
    ]
    assert sheet.articles[0].title == "Un titre & un autre"
    assert [a.row_number for a in sheet.articles] == [6, 8]
    assert sheet.report.header_row == 5


def test_social_posts_are_kept_as_their_own_kind_in_any_layout(ctx):
    header = ["Date", "Source", "Title", "URL", "Media type"]
    rows = [
        ["2025-05-01", "Twitter", "", "https://twitter.com/ifri_org/status/1"],
        ["2025-05-02", "Le Monde", "Un article", "https://lemonde.fr/a"],
        ["2025-05-03", "Ifri", "Une vidéo", "https://www.instagram.com/reel/Cx1/"],
        ["2025-05-04", "Un compte", "Un post", "https://example.org/p", "Social media"],
        ["2025-05-05", "X", "Un autre", "https://x.com/someone"],
    ]
    rows = [r + [""] * (len(header) - len(r)) for r in rows]
    sheet = read_spreadsheet(delimited(header, rows), "mixed.csv", ctx)
    assert [(a.kind, a.outlet) for a in sheet.articles] == [
        ("social", "X (Twitter)"),
        ("appearance", "Le Monde"),
        ("social", "Instagram"),
        ("social", "Un compte"),  # social, platform not named: the file's name is kept
        ("social", "X (Twitter)"),
    ]
    assert sheet.report.n_social == 4


def test_a_header_no_layout_knows_still_asks_for_map(ctx):
    data = delimited(["Jour", "Canal", "Intitulé"], [["2024-01-09", "RFI", "La Chine"]])
    with pytest.raises(ValueError, match="--map"):
        read_spreadsheet(data, "c.csv", ctx)
    sheet = read_spreadsheet(data, "c.csv", ctx, {"date": "Jour", "outlet": "Canal",
                                                 "title": "Intitulé"})  # fmt: skip
    assert kept(sheet) == [(dt.date(2024, 1, 9), "RFI", None, "appearance")]
    assert "columns named with --map" in sheet.report.summary()


# ---------- the roster's names in a vendor's text


def spellings(name: str) -> list[str]:
    """How a text may write a roster name: as is, upper case, without accents, surname alone in
    capitals, an initial, a look-alike letter, joined."""
    import unicodedata

    first, _, surname = name.partition(" ")
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return [
        name,
        name.upper(),
        bare,
        surname.upper(),
        f"{first[0]}. {surname}",
        name.replace("a", "а", 1),  # a Cyrillic а
        name.replace(" ", ""),
        f"{first} {surname}-Smith",
        first,
    ]


@pytest.mark.parametrize("folder", ["examples/ifri", "data/reference"])
def test_the_roster_scan_finds_what_roster_find_finds(folder):
    import random

    from data.parsers.spreadsheet import RosterScan

    roster = Context.for_organisation(load_organisation(ROOT / folder)).roster
    scan = RosterScan(roster)
    names = sorted(set(roster.full.values()))
    rng = random.Random(5)
    filler = ["selon", "the", "director", "a déclaré", "Thomas Piketty", "Marc", "(Ifri)", ","]
    for _ in range(1500):
        words = [rng.choice(filler) for _ in range(rng.randrange(8))]
        for _ in range(rng.randrange(3)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(spellings(rng.choice(names))))
        text = " ".join(words)
        assert scan.find(text) == roster.find(text), text


def test_a_registry_entry_the_parser_cannot_use_is_named():
    from data.parsers.layouts import RegistryError, _layout

    with pytest.raises(RegistryError, match="Acme: unknown field 'headline'"):
        _layout({"name": "Acme", "signature": ["X"], "fields": {"headline": ["Title"]}})
    with pytest.raises(RegistryError, match="Acme: a layout needs a signature"):
        _layout({"name": "Acme", "fields": {"title": ["Title"]}})
    with pytest.raises(RegistryError, match="Acme: dates is one of"):
        _layout({"name": "Acme", "signature": ["X"], "dates": "sometimes"})
