"""Importing into a real store: each appearance once, every reject recorded with its reason, new
names listed for review, and a failed import leaving the store exactly as it was."""

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from data.ingest import MAX_FILE_BYTES, apply_import, as_json, plan_import, read_paths
from data.organisation import load_organisation
from data.store import open_read_only

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "pages"
CSV = (
    "Date;Media;Headline;Spokesperson;Reach\n"
    "2024-03-05;Le Monde;L'Europe face à la Chine;Alice Ekman;1200000\n"
    "2024-03-06;Radio Montrevel;Le Japon et la Chine;Jeanne Lenoir;5000\n"
    "31/02/2024;RFI;Date impossible;;\n"
)

# What tests/fixtures/pages holds, read by hand: one row per appearance (file, title, outlet,
# date), each once. The English and French lists name one piece, the print page of the Figaro
# piece is its article page again, and listing_repeats.txt lists one item three times.
IN_PAGES = [
    ("both_languages/list_en.html", 'Europe\'s energy security: "The worst is behind us"',
     "Le Monde", dt.date(2024, 6, 10)),
    ("formats/french_frame_english_article.txt", "The West must not lose its nerve on Ukraine",
     "Gulf News", dt.date(2022, 11, 22)),
    ("formats/listing_new_fr.txt", "Nucléaire iranien : que peut encore l'Europe ?",
     "franceinfo", dt.date(2025, 2, 1)),
    ("formats/listing_new_fr.txt", "Ukraine : trois scénarios pour 2025", "France 24", None),
    ("formats/listing_new_fr.txt", "Élections allemandes : « La coalition sera longue à former »",
     "Le Monde", dt.date(2025, 3, 3)),
    ("formats/listing_old_fr.txt", "La dissuasion française à l'heure européenne", "Libération",
     None),
    ("formats/listing_old_fr.txt", "Le Japon face à la Chine", "Outlet not stated", None),
    ("formats/listing_old_fr.txt", "Le gaz russe, une arme à double tranchant", "RTL",
     dt.date(2022, 3, 14)),
    ("formats/listing_old_fr.txt", "[Vidéo] Trois questions à Thomas Gomart",
     "Outlet not stated", None),
    ("formats/listing_old_fr.txt",
     "[Webinaire] Les relations franco-allemandes après les élections", "Outlet not stated",
     dt.date(2025, 4, 2)),
    ("formats/listing_old_fr.txt", None, "Les Echos", None),  # a quotation, untitled
    ("formats/listing_repeats.txt", "Dimitri Minic: 'The army believes its own doctrine'",
     "Outlet not stated", dt.date(2023, 5, 5)),
    ("formats/listing_repeats.txt", "Moscow's Arctic ambitions meet their limits",
     "Outlet not stated", dt.date(2023, 10, 12)),
    ("formats/new_layout_fr.txt", "Nucléaire civil : la relance européenne est-elle crédible ?",
     "France Culture", None),
    ("formats/old_layout_en.txt", "Europe Needs Its Nuclear Fleet For A Stable Grid, Says Expert",
     "NucNet", dt.date(2023, 9, 11)),
    ("formats/old_layout_fr.txt", "Sahel : « La France doit repenser sa présence militaire »",
     "Ouest-France", dt.date(2024, 3, 4)),
    ("formats/old_layout_html.html", "Allemagne : l'après-Merkel a commencé", "RFI",
     dt.date(2021, 2, 9)),
    ("formats/plain_page.txt", "Chine : une diplomatie de la patience", "L'Express", None),
    ("formats/print_page.txt", None, "France Inter", dt.date(2019, 3, 12)),
    ("formats/print_page_english_oped.txt", None, "The Guardian", dt.date(2020, 2, 3)),
    ("formats/team_page.txt", None, "Financial Times", None),
    ("formats/third_party.md", "Afghanistan : le retour des talibans, un an après",
     "France Culture", None),
    ("formats/unknown_staff.txt", "Arctique : la course aux routes maritimes s'accélère",
     "Le Figaro", dt.date(2023, 10, 18)),
    ("two_formats/article_page.txt", "Guerre en Ukraine : Moscou a-t-il perdu l'initiative ?",
     "Le Figaro", dt.date(2022, 5, 16)),
]  # fmt: skip
DUPLICATES_IN_PAGES = 4  # list_fr.html, listing_repeats.txt twice, print_13427.txt


@pytest.fixture(scope="module")
def org():
    return load_organisation(ROOT / "examples" / "ifri")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_files(files, db, org):
    con = open_read_only(db) if db.exists() else None
    try:
        plan = plan_import(files, con, org)
    finally:
        if con is not None:
            con.close()
    return plan, apply_import(plan, db, origin="cli")


def stored_appearances(db) -> list[tuple]:
    """(file under tests/fixtures/pages, title, outlet, date) of every stored appearance."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT a.source_file, a.title, o.name, a.published"
            " FROM articles a JOIN outlets o USING (outlet_id)"
        ).fetchall()
    finally:
        con.close()
    named = [(str(Path(file).relative_to(PAGES)), *rest) for file, *rest in rows]
    return sorted(named, key=repr)  # repr: titles and dates may be None


def query(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def test_every_page_goes_in_once_and_the_counts_match_what_was_read(tmp_path, org):
    db = tmp_path / "media.duckdb"
    _, summary = import_files(read_paths([PAGES]), db, org)
    assert (summary.n_new, summary.n_duplicate) == (len(IN_PAGES), DUPLICATES_IN_PAGES)
    assert stored_appearances(db) == sorted(IN_PAGES, key=repr)


def test_same_appearance_in_english_and_french_lists_is_stored_once(tmp_path, org):
    db = tmp_path / "media.duckdb"
    _, summary = import_files(read_paths([PAGES / "both_languages"]), db, org)
    assert (summary.n_new, summary.n_duplicate) == (1, 1)
    stored = query(db, "SELECT dedupe_key FROM articles")
    assert stored["dedupe_key"].tolist() == [
        "url:lemonde.fr/international/article/2024/06/10/energie-europe_123.html"
    ]


def test_print_page_and_article_page_of_one_appearance_are_stored_once(tmp_path, org):
    db = tmp_path / "media.duckdb"
    _, summary = import_files(read_paths([PAGES / "two_formats"]), db, org)
    assert (summary.n_new, summary.n_duplicate) == (1, 1)
    stored = query(db, "SELECT title, published FROM articles")
    assert stored["title"].tolist() == ["Guerre en Ukraine : Moscou a-t-il perdu l'initiative ?"]


def test_print_page_first_then_article_page_gives_one_row_with_the_headline(tmp_path, org):
    db = tmp_path / "media.duckdb"
    _, first = import_files(read_paths([PAGES / "two_formats" / "print_13427.txt"]), db, org)
    _, second = import_files(read_paths([PAGES / "two_formats" / "article_page.txt"]), db, org)
    assert (first.n_new, second.n_new, second.n_duplicate) == (1, 0, 1)
    stored = query(db, "SELECT title FROM articles")
    assert stored["title"].tolist() == ["Guerre en Ukraine : Moscou a-t-il perdu l'initiative ?"]
    _, third = import_files(read_paths([PAGES / "two_formats"]), db, org)
    assert (third.n_new, third.n_duplicate) == (0, 2)


def test_in_one_import_the_copy_with_a_headline_is_the_one_kept(tmp_path, org):
    db = tmp_path / "media.duckdb"
    files = read_paths([PAGES / "two_formats"])
    plan, summary = import_files(list(reversed(files)), db, org)  # print page first
    assert (summary.n_new, summary.n_duplicate) == (1, 1)
    assert [p.article.source_format for p in plan.new] == ["article_page"]


def test_two_headlines_on_the_same_day_in_the_same_outlet_are_two_pieces(tmp_path, org):
    page = (PAGES / "two_formats" / "article_page.txt").read_text(encoding="utf-8")
    other = page.replace("Guerre en Ukraine : Moscou a-t-il perdu l'initiative ?", "Autre sujet")
    files = [("a.txt", page.encode()), ("b.txt", other.encode())]
    _, summary = import_files(files, tmp_path / "media.duckdb", org)
    assert (summary.n_new, summary.n_duplicate) == (2, 0)


def test_a_list_repeating_an_item_stores_it_once(tmp_path, org):
    db = tmp_path / "media.duckdb"
    _, summary = import_files(read_paths([PAGES / "formats" / "listing_repeats.txt"]), db, org)
    assert (summary.n_new, summary.n_duplicate) == (2, 2)


def test_reimporting_the_same_files_adds_nothing(tmp_path, org):
    db = tmp_path / "media.duckdb"
    files = read_paths([PAGES])
    _, first = import_files(files, db, org)
    _, second = import_files(files, db, org)
    assert second.n_new == 0
    assert second.n_duplicate == first.n_new + first.n_duplicate
    runs = query(db, "SELECT run_id, n_new, n_duplicate FROM ingest_runs ORDER BY run_id")
    assert runs["n_new"].tolist() == [first.n_new, 0]


def test_rejects_are_recorded_with_file_row_and_reason_and_good_rows_go_in(tmp_path, org):
    db = tmp_path / "media.duckdb"
    files = [
        ("clippings.csv", CSV.encode()),
        ("empty.txt", b"\n\n"),
        ("notes.docx", b"PK..."),
    ]
    plan, summary = import_files(files, db, org)
    assert summary.n_new == 2
    rejects = query(db, "SELECT source_file, row_number, reason FROM ingest_rejects ORDER BY 1")
    assert rejects["source_file"].tolist() == ["clippings.csv", "empty.txt", "notes.docx"]
    assert rejects["row_number"].tolist()[0] == 4
    assert "31/02/2024" in rejects["reason"][0]
    assert "no media appearance" in rejects["reason"][1]
    assert "not a page or spreadsheet" in rejects["reason"][2]
    assert query(db, "SELECT n_rejected FROM ingest_runs")["n_rejected"].tolist() == [3]


def test_new_experts_and_outlets_are_listed_and_stored_unconfirmed(tmp_path, org):
    db = tmp_path / "media.duckdb"
    files = [("clippings.csv", CSV.encode())] + read_paths(
        [PAGES / "formats" / "unknown_staff.txt"]
    )
    plan, _ = import_files(files, db, org)
    assert plan.new_experts == ["Jeanne Durand-Vial", "Jeanne Lenoir"]
    assert plan.new_outlets == ["Radio Montrevel"]
    experts = query(db, "SELECT name FROM experts WHERE NOT confirmed ORDER BY name")
    assert experts["name"].tolist() == ["Jeanne Durand-Vial", "Jeanne Lenoir"]
    outlets = query(db, "SELECT name FROM outlets WHERE NOT confirmed")
    assert outlets["name"].tolist() == ["Radio Montrevel"]


def test_reach_and_expert_roles_are_stored(tmp_path, org):
    db = tmp_path / "media.duckdb"
    import_files([("clippings.csv", CSV.encode())], db, org)
    reach = query(db, "SELECT sum(reach) AS total FROM articles")["total"][0]
    assert reach == 1_200_000 + 5000
    roles = query(
        db,
        "SELECT e.name, ae.role FROM article_experts ae JOIN experts e USING (expert_id)"
        " ORDER BY e.name",
    )
    assert roles.values.tolist() == [["Alice Ekman", "quoted"], ["Jeanne Lenoir", "quoted"]]


def test_a_logo_naming_a_known_outlet_gives_the_item_its_outlet(tmp_path, org):
    db = tmp_path / "media.duckdb"
    import_files(read_paths([PAGES / "formats" / "listing_new_fr.txt"]), db, org)
    stored = query(
        db,
        "SELECT o.name FROM articles a JOIN outlets o USING (outlet_id)"
        " WHERE a.title = 'Ukraine : trois scénarios pour 2025'",
    )
    assert stored["name"].tolist() == ["France 24"]


def test_undated_appearances_are_kept_undated(tmp_path, org):
    db = tmp_path / "media.duckdb"
    import_files(read_paths([PAGES]), db, org)
    undated = sorted((row for row in IN_PAGES if row[3] is None), key=repr)
    assert [row for row in stored_appearances(db) if row[3] is None] == undated
    assert len(undated) == 9
    latest = query(db, "SELECT max(published) AS d FROM articles")["d"][0]
    assert latest.date() <= dt.date.today()


def test_planning_writes_nothing(tmp_path, org):
    db = tmp_path / "media.duckdb"
    import_files([("clippings.csv", CSV.encode())], db, org)
    before = digest(db)
    con = open_read_only(db)
    plan = plan_import(read_paths([PAGES]), con, org)
    con.close()
    assert len(plan.new) > 0
    assert digest(db) == before


def test_a_failed_import_leaves_the_store_byte_identical(tmp_path, org):
    db = tmp_path / "media.duckdb"
    import_files([("clippings.csv", CSV.encode())], db, org)
    before = digest(db)
    con = open_read_only(db)
    plan = plan_import(read_paths([PAGES]), con, org)
    con.close()
    plan.new[-1].key = None  # articles.dedupe_key is NOT NULL: the last insert fails
    with pytest.raises(duckdb.Error):
        apply_import(plan, db)
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["media.duckdb", "media.duckdb.lock"]


def test_a_file_over_the_size_limit_is_rejected_unread(tmp_path, org):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    plan = plan_import(read_paths([big]), None, org)
    assert [(r.source, r.reason) for r in plan.rejected] == [
        (str(big), "file is larger than 20 MB")
    ]


def test_import_while_a_reader_is_open_shows_new_data_to_the_next_reader(tmp_path, org):
    db = tmp_path / "media.duckdb"
    import_files([("clippings.csv", CSV.encode())], db, org)
    reader = open_read_only(db)
    import_files(read_paths([PAGES / "formats" / "print_page.txt"]), db, org)
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    reader.close()
    fresh = open_read_only(db)
    assert fresh.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    fresh.close()


def test_dry_run_json_of_a_planned_appearance_has_the_documented_keys(org):
    plan = plan_import(read_paths([PAGES / "formats" / "print_page.txt"]), None, org)
    record = as_json(plan.extracted[0])
    assert json.loads(json.dumps(record)) == {
        "source": str(PAGES / "formats" / "print_page.txt"),
        "title": None,
        "outlet": "France Inter",
        "outlet_stored": "France Inter",
        "date": "2019-03-12",
        "experts": ["Thomas Gomart"],
        "tags": [],
        "language": "fr",
        "url": None,
        "kind": "appearance",
        "duplicate": False,
        "uncertain": None,
    }


def test_a_store_copied_elsewhere_imports_the_same(tmp_path, org):
    db = tmp_path / "a.duckdb"
    import_files([("clippings.csv", CSV.encode())], db, org)
    copy = tmp_path / "b.duckdb"
    shutil.copyfile(db, copy)
    _, summary = import_files([("clippings.csv", CSV.encode())], copy, org)
    assert (summary.n_new, summary.n_duplicate) == (0, 2)
