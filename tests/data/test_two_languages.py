"""One appearance listed in the organisation's English and French lists counts once, though its
two entries share no link and may be a day apart (data/dedupe.py rule 5); with less evidence the
two entries stay two. Through the import into a real store."""

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from data.dedupe import dedupe_key, in_two_languages, near_bylines, outlet_page
from data.ingest import apply_import, plan_import
from data.organisation import load_organisation
from data.store import open_read_only

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def org():
    return load_organisation(ROOT / "examples" / "ifri")  # its own site: ifri.org


def listing(heading: str, items: list[tuple[str, str, str, str, str]]) -> bytes:
    """An "in the media" list in the site's newer layout: (link, title, date, outlet, teaser)."""
    blocks = "".join(
        f'<div class="item"><img src="/logo.png" alt="Logo {outlet}">'
        f'<h3><a href="{link}">{title}</a></h3><p>{day}</p>'
        f"<p>Nom du journal, revue ou émission</p><p>{outlet}</p>"
        f"<p>Accroche</p><p>{teaser}</p></div>"
        for link, title, day, outlet, teaser in items
    )
    return f"<html><body><h1>{heading}</h1>{blocks}</body></html>".encode()


EN_ITEM = (
    "https://www.ifri.org/en/media/ukraine-what-europe-can-still-do",
    "Ukraine: what Europe can still do",
    "12 March 2025",
    "France 24",
    "Élie Tenenbaum explains what the Europeans can still bring to the table.",
)
FR_ITEM = ("https://www.ifri.org/fr/medias/ukraine-ce-que-leurope-peut-encore-faire",
           "Ukraine : ce que l'Europe peut encore faire", "13 mars 2025", "France 24",
           "Élie Tenenbaum explique ce que les Européens peuvent encore apporter.")  # fmt: skip
EN_LIST = ("list_en.html", listing("Media Interventions", [EN_ITEM]))
FR_LIST = ("list_fr.html", listing("Interventions médiatiques", [FR_ITEM]))


def import_files(files, db, org):
    con = open_read_only(db) if db.exists() else None
    try:
        plan = plan_import(files, con, org)
    finally:
        if con is not None:
            con.close()
    return plan, apply_import(plan, db, origin="cli")


def titles(db) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [t for (t,) in con.execute("SELECT title FROM articles ORDER BY title").fetchall()]
    finally:
        con.close()


def test_the_english_and_french_entries_of_one_appearance_are_stored_once(tmp_path, org):
    db = tmp_path / "media.duckdb"
    plan, summary = import_files([EN_LIST, FR_LIST], db, org)
    assert (summary.n_new, summary.n_duplicate) == (1, 1)
    assert titles(db) == ["Ukraine: what Europe can still do"]  # the first read is kept
    assert plan.duplicates[0].duplicate_of == "list_en.html"


def test_the_french_list_imported_later_finds_the_stored_english_entry(tmp_path, org):
    db = tmp_path / "media.duckdb"
    _, first = import_files([EN_LIST], db, org)
    _, second = import_files([FR_LIST], db, org)
    assert (first.n_new, second.n_new, second.n_duplicate) == (1, 0, 1)
    assert titles(db) == ["Ukraine: what Europe can still do"]


def fr_variant(**changes) -> tuple[str, bytes]:
    link, title, day, outlet, teaser = FR_ITEM
    item = (changes.get("link", link), title, changes.get("day", day),
            changes.get("outlet", outlet), changes.get("teaser", teaser))  # fmt: skip
    return ("list_fr.html", listing("Interventions médiatiques", [item]))


@pytest.mark.parametrize(
    "french",
    [
        fr_variant(day="14 mars 2025"),  # two days apart
        fr_variant(outlet="TV5Monde"),  # another outlet
        fr_variant(teaser="Élie Tenenbaum et Thomas Gomart expliquent ce que l'Europe peut faire."),
        fr_variant(teaser="Thomas Gomart explique ce que les Européens peuvent encore apporter."),
    ],
    ids=["two days apart", "another outlet", "an expert more", "another expert"],
)
def test_with_less_evidence_the_two_entries_stay_two(tmp_path, org, french):
    _, summary = import_files([EN_LIST, french], tmp_path / "media.duckdb", org)
    assert (summary.n_new, summary.n_duplicate) == (2, 0)


def test_two_entries_in_one_language_stay_two(tmp_path, org):
    other = ("https://www.ifri.org/en/media/ukraine-europes-next-steps",
             "Ukraine: Europe's next steps", "13 March 2025", "France 24",
             "Élie Tenenbaum explains what the Europeans will do next, and why.")  # fmt: skip
    files = [EN_LIST, ("list_en_2.html", listing("Media Interventions", [other]))]
    _, summary = import_files(files, tmp_path / "media.duckdb", org)
    assert (summary.n_new, summary.n_duplicate) == (2, 0)


def test_two_entries_linking_to_two_pages_of_the_outlet_stay_two(tmp_path, org):
    english = (
        "https://www.france24.com/en/europe/20250312-ukraine-what-europe-can-still-do",
        *EN_ITEM[1:],
    )
    french = fr_variant(link="https://www.france24.com/fr/europe/20250313-ukraine-ce-que-l-europe")
    files = [("list_en.html", listing("Media Interventions", [english])), french]
    _, summary = import_files(files, tmp_path / "media.duckdb", org)
    assert (summary.n_new, summary.n_duplicate) == (2, 0)


def test_the_rule_compares_languages_and_links_to_the_outlet_only(org):
    day = dt.date(2025, 3, 12)
    line = ("france-24", day, frozenset({"elie-tenenbaum"}))
    assert near_bylines(line) == [
        line,
        ("france-24", dt.date(2025, 3, 11), line[2]),
        ("france-24", dt.date(2025, 3, 13), line[2]),
    ]
    assert in_two_languages(("en", None), ("fr", None))
    assert in_two_languages(("en", "france24.com/a"), ("fr", None))
    assert in_two_languages(("en", "france24.com/a"), ("fr", "france24.com/a"))
    assert not in_two_languages(("en", "france24.com/en/a"), ("fr", "france24.com/fr/a"))
    assert not in_two_languages(("en", None), ("en", None))
    assert not in_two_languages((None, None), ("fr", None))
    key = dedupe_key("https://www.france24.com/en/x/?utm_source=a", "france-24", day, "x", [])
    assert outlet_page(key, org) == "france24.com/en/x"
    assert outlet_page(dedupe_key("https://www.ifri.org/en/x", "f", day, "x", []), org) is None
    assert outlet_page(dedupe_key("https://fr.ifri.org/x", "f", day, "x", []), org) is None
    assert outlet_page(dedupe_key(None, "france-24", day, "x", []), org) is None
