"""A list read with low confidence says so: a list in a layout the site is not known to use is
read item by item from each item's own lines (never its heading as an item, never the next item's
date), and every item it gives is flagged, with the reasons, in the records, the dry run and the
import's summary, naming the file."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from data.ingest import apply_import, plan_import, read_paths
from data.organisation import load_organisation
from data.parsers import Context, parse_page

ROOT = Path(__file__).resolve().parents[2]
UNSEEN = ROOT / "tests" / "fixtures" / "unseen_pages"
KNOWN = ROOT / "tests" / "fixtures" / "pages" / "formats"
ORG = ROOT / "examples" / "ifri"


@pytest.fixture(scope="module")
def ctx():
    return Context.for_organisation(load_organisation(ORG))


def read(ctx, path):
    return parse_page(path.read_text(encoding="utf-8"), str(path), ctx)


def test_list_with_dates_above_headlines_gives_each_item_its_own_date_and_no_heading(ctx):
    items = read(ctx, UNSEEN / "list_unknown_dates_above_en.txt")
    assert [(a.date, a.title) for a in items] == [
        (dt.date(2024, 3, 12), "Europe's defence industry: the long road to scale"),
        (dt.date(2024, 3, 5), "Can sanctions still bite?"),
        (dt.date(2024, 2, 28), "Japan and the Indo-Pacific after the elections"),
    ]
    assert [a.outlet for a in items] == ["Politico", "Bloomberg", "BBC"]
    assert [a.expert_names for a in items] == [
        ["Élie Tenenbaum"],
        ["Tatiana Kastouéva-Jean"],
        ["Céline Pajon"],
    ]


def test_list_without_blank_lines_in_french_reads_dates_above_their_headlines(ctx):
    items = read(ctx, UNSEEN / "list_unknown_compact_fr.txt")
    assert [(a.date, a.title, a.outlet) for a in items] == [
        (dt.date(2024, 5, 14), "Sahel : le retrait, et après ?", "Public Sénat"),
        (dt.date(2024, 5, 7), "Chine : une diplomatie de la patience", "AFP"),
        (dt.date(2024, 4, 30), "Nucléaire : la relance européenne", "La Tribune"),
    ]
    assert "Dans les médias" not in [a.title for a in items]


def test_german_list_with_outlet_and_date_on_one_line(ctx):
    items = read(ctx, UNSEEN / "list_unknown_meta_de.txt")
    assert [(a.date, a.outlet) for a in items] == [
        (dt.date(2024, 6, 3), "Deutschlandfunk"),
        (dt.date(2024, 5, 12), "Der Spiegel"),
        (dt.date(2024, 5, 2), "FAZ"),  # 'Veröffentlicht am': the teaser names it
    ]
    assert items[1].title == "Frankreich vor der Wahl"


@pytest.mark.parametrize(
    "name",
    ["list_unknown_dates_above_en.txt", "list_unknown_compact_fr.txt", "list_unknown_meta_de.txt"],
)
def test_every_item_of_a_list_in_an_unknown_layout_is_flagged_with_the_reason(ctx, name):
    items = read(ctx, UNSEEN / name)
    assert items and all("layout the site is not known to use" in a.uncertain for a in items)


@pytest.mark.parametrize(
    "name", ["listing_new_fr.txt", "listing_old_fr.txt", "listing_repeats.txt", "team_page.txt"]
)
def test_lists_in_the_sites_own_layouts_are_not_flagged(ctx, name):
    assert all(a.uncertain is None for a in read(ctx, KNOWN / name))


@pytest.mark.parametrize(
    "heading",
    [
        "In the media",
        "Dans les médias",
        "In den Medien",
        "Interventions médiatiques",
        "Ifri in the Media",
        "L'Ifri dans les médias",
    ],
)
def test_a_lists_heading_is_never_an_appearance(ctx, heading):
    text = (
        f"{heading}\n\n12 March 2024\nEurope and the bomb\nHéloïse Fayet on France 24.\n\n"
        "5 March 2024\nThe Sahel after Barkhane\nÉlie Tenenbaum on RFI.\n"
    )
    titles = [a.title for a in parse_page(text, "list.txt", ctx)]
    assert titles == ["Europe and the bomb", "The Sahel after Barkhane"]


def test_a_marked_list_whose_dates_stand_apart_from_headlines_is_flagged(ctx):
    # the site's labels, but each date above the headline: no item may take the next one's
    text = "\n".join(
        [
            "Logo",
            "Logo Le Monde",
            "12 mars 2024",
            "Europe : le réveil stratégique",
            "Accroche",
            "Thomas Gomart sur la défense européenne.",
            "Logo",
            "Logo RFI",
            "5 mars 2024",
            "Le Sahel après Barkhane",
            "Accroche",
            "Élie Tenenbaum sur le retrait.",
            "Logo",
            "Logo France 24",
            "28 février 2024",
            "La Chine et l'Europe",
            "Accroche",
            "Alice Ekman sur les relations sino-européennes.",
        ]
    )
    items = parse_page(text, "list.txt", ctx)
    assert [a.title for a in items] == [
        "Europe : le réveil stratégique",
        "Le Sahel après Barkhane",
        "La Chine et l'Europe",
    ]
    assert all(a.date is None for a in items)  # none is given its neighbour's
    assert all("stand under no headline" in a.uncertain for a in items)


def test_the_import_summary_names_the_file_read_with_low_confidence(tmp_path):
    path = UNSEEN / "list_unknown_dates_above_en.txt"
    plan = plan_import(read_paths([path, KNOWN / "print_page.txt"]), None, load_organisation(ORG))
    (warning,) = plan.warnings
    assert warning.startswith(f"{path}: read with low confidence (a list layout the site is not")
    assert warning.endswith("3 appearances flagged for review")
    summary = apply_import(plan, tmp_path / "media.duckdb", origin="cli")
    assert summary.n_new == 4  # flagged, not refused
    assert f"  warning   {path}: read with low confidence" in str(summary)


def test_the_dry_run_says_which_file_is_uncertain_and_flags_its_records(tmp_path):
    path = UNSEEN / "list_unknown_compact_fr.txt"
    done = subprocess.run(
        [sys.executable, "-m", "data.ingest", "--dry-run", "--json", "--org", str(ORG), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(records) == 3 and all(r["uncertain"] for r in records)
    assert f"warning   {path}: read with low confidence" in done.stderr
