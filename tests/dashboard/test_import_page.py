"""The Import page: editors upload pages or spreadsheets, see what would change, then confirm;
they see past imports and what each refused, and can remove one import (the demo data is one).
Nothing is written before the editor confirms; a bad file never changes the store."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth import Role, hash_password
from dashboard.labels import as_markdown_text
from tests.bad_inputs import IMPORT, REJECT, corpus
from tests.dashboard.conftest import APP, metric
from tests.small_disk import files_on, fill, small_disk

PAGE = "views/import_data.py"
ROOT = Path(APP).resolve().parents[1]
TITLE = "Grids under strain: <b>Europe</b> and [its](https://evil.example) *nuclear* fleet"
ISSUED = dt.date(2026, 11, 3)
CORPUS = corpus(dt.date.today())
BAD_FILES = [case for case in CORPUS if case.expect == REJECT and not case.row]
OTHER_FILES = [case for case in CORPUS if case not in BAD_FILES]


def media_page(title: str = TITLE, day: dt.date = ISSUED, outlet: str = "Le Monde") -> bytes:
    """One appearance page in the "in the media" layout of the organisation's site."""
    return "\n".join(
        [
            str(day.day),
            f"{day:%b}",
            str(day.year),
            "media Montrevel Institute in the Media",
            f"Élodie MARCHAND-VASSEUR, interviewed by Jane Roe for {outlet}",
            "",
            title,
            "",
            "Élodie Marchand-Vasseur explained why the grid needs its baseload plants.",
            "",
            f"> Read the article on the {outlet} website",
            "",
            "Keywords",
            "Energy transition Europe",
        ]
    ).encode()


@pytest.fixture
def store(demo_db, tmp_path, monkeypatch) -> Path:
    db = tmp_path / "media.duckdb"
    shutil.copyfile(demo_db, db)
    monkeypatch.setenv("PRESSWATCH_DB", str(db))
    return db


def open_app(secrets: dict | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = secrets or {"access": {"mode": "none"}}
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def import_page(at: AppTest | None = None) -> AppTest:
    at = at or open_app()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader[0].set_value(
        [(name, data, "application/octet-stream") for name, data in files]
    )
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def counts(at: AppTest) -> dict[str, int]:
    """The preview's three cards (rejected files show an error beside them, so no metric())."""
    cards = {m.label: int(m.value.replace(",", "")) for m in at.metric}
    return {label: cards[label] for label in ("New appearances", "Duplicates", "Rejected")}


# The page's tables, told apart by their columns, in page order (preview, then history).
TABLES = {
    "import_new": lambda cols: "Title" in cols and "Duplicate of" not in cols,
    "import_duplicates": lambda cols: "Duplicate of" in cols,
    "import_rejected": lambda cols: "Reason" in cols,  # the preview's comes first
    "import_history": lambda cols: "In the database now" in cols,
    "import_rejects": lambda cols: "Reason" in cols,  # the chosen past import's comes last
}


def table(at: AppTest, name: str) -> pd.DataFrame:
    frames = [d.value for d in at.dataframe if TABLES[name](set(d.value.columns))]
    return frames[-1] if name == "import_rejects" else frames[0]


def button_labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def shown_text(markdown: str) -> str:
    """What a reader sees of an escaped message: 'e\\.txt' reads 'e.txt'."""
    return markdown.replace("\\", "")


def digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


# ---------- upload, preview, confirm


def test_an_uploaded_page_is_previewed_as_new_and_nothing_is_written_before_confirming(store):
    before = digest(store)
    at = upload(import_page(), ("grids.txt", media_page()))

    assert counts(at) == {"New appearances": 1, "Duplicates": 0, "Rejected": 0}
    new = table(at, "import_new")
    assert new["Title"].tolist() == [TITLE]  # as written: a table cell is text, never HTML
    assert new["Outlet"].tolist() == ["Le Monde"]
    assert new["Experts"].tolist() == ["Élodie Marchand-Vasseur (interview)"]
    assert new["Date"].tolist() == [ISSUED]
    assert "Import 1 appearance" in button_labels(at)
    assert digest(store) == before


def test_confirming_imports_the_page_and_the_history_lists_the_run(store):
    at = upload(import_page(), ("grids.txt", media_page()))
    at.button(key="import_confirm").click().run()

    assert not at.exception
    ((run_id, origin, sources, n_new),) = query(
        store,
        "SELECT r.run_id, r.origin, r.sources, r.n_new FROM articles a"
        " JOIN ingest_runs r ON r.run_id = a.ingest_run_id WHERE a.title = ?",
        [TITLE],
    )
    assert (origin, sources, n_new) == ("import-page", "grids.txt", 1)
    assert f"Import {run_id}" in at.success[0].value
    history = table(at, "import_history")
    assert history.iloc[0][["Import", "From", "Files", "Rows added"]].tolist() == [
        run_id,
        "Import page",
        "grids.txt",
        1,
    ]
    assert not at.file_uploader[0].value  # a fresh uploader for the next files


def test_the_rest_of_the_dashboard_shows_the_import_without_a_restart(store):
    at = open_app(**{"from": "2026-11-01", "to": "2026-11-30"})
    before = metric(at, "Appearances")
    upload(import_page(at), ("grids.txt", media_page()))
    at.button(key="import_confirm").click().run()
    at.switch_page("views/overview.py").run()
    assert metric(at, "Appearances") == before + 1


def test_a_page_uploaded_again_is_shown_as_a_duplicate_of_the_store(store):
    at = upload(import_page(), ("grids.txt", media_page()))
    at.button(key="import_confirm").click().run()
    imported = digest(store)

    upload(at, ("grids-again.txt", media_page()))
    assert counts(at) == {"New appearances": 0, "Duplicates": 1, "Rejected": 0}
    duplicates = table(at, "import_duplicates")
    assert duplicates[["Duplicate of", "Title"]].values.tolist() == [["the store", TITLE]]
    assert not [label for label in button_labels(at) if label.startswith("Import ")]
    assert any("Nothing new to import" in i.value for i in at.info)
    assert digest(store) == imported


def test_the_same_appearance_in_two_files_of_one_upload_counts_once(store):
    at = upload(import_page(), ("en.txt", media_page()), ("copy.txt", media_page()))
    assert counts(at) == {"New appearances": 1, "Duplicates": 1, "Rejected": 0}
    assert table(at, "import_duplicates")["Duplicate of"].tolist() == ["en.txt"]


def test_new_outlets_are_listed_to_confirm_before_the_import(store):
    at = upload(import_page(), ("gazette.txt", media_page(outlet="La Gazette du Littoral")))
    assert counts(at)["New appearances"] == 1
    (outlets,) = [d.value for d in at.dataframe if "New outlet" in d.value.columns]
    assert outlets["New outlet"].tolist() == ["La Gazette du Littoral"]


def test_a_list_read_with_low_confidence_is_named_before_confirming_and_goes_in_flagged(store):
    # a list in a layout the site is not known to use: its heading, then each date above its item
    listing = (
        "In the media\n\n12 March 2026\nGrids under strain\nÉlodie Marchand-Vasseur on RFI.\n\n"
        "5 March 2026\nThe price of storage\nÉlodie Marchand-Vasseur told Reuters why.\n"
    ).encode()
    at = upload(import_page(), ("press.txt", listing))
    assert counts(at)["New appearances"] == 2
    (warning,) = [w.value for w in at.warning]
    assert "press.txt: read with low confidence" in shown_text(warning)
    assert "2 appearances flagged for review" in shown_text(warning)
    new = table(at, "import_new")
    assert new["Title"].tolist() == ["Grids under strain", "The price of storage"]  # no heading
    assert new["Date"].tolist() == [dt.date(2026, 3, 12), dt.date(2026, 3, 5)]
    assert all("not known to use" in why for why in new["To review"])
    at.button(key="import_confirm").click().run()
    assert "flagged for review: press.txt" in shown_text(at.success[0].value)


def test_the_first_import_creates_the_store(tmp_path, monkeypatch):
    store = tmp_path / "new" / "media.duckdb"
    monkeypatch.setenv("PRESSWATCH_DB", str(store))
    at = upload(import_page(), ("grids.txt", media_page()))
    assert any("first import creates it" in i.value for i in at.info)
    assert counts(at) == {"New appearances": 1, "Duplicates": 0, "Rejected": 0}
    at.button(key="import_confirm").click().run()

    assert not at.exception
    assert query(store, "SELECT title FROM articles") == [(TITLE,)]
    assert [t.value for t in at.title] == ["Import data"]
    assert table(at, "import_history")["Rows added"].tolist() == [1]


# ---------- bad input


@pytest.mark.parametrize("case", BAD_FILES, ids=str)
def test_a_bad_file_is_named_with_its_problem_and_the_store_is_unchanged(store, case):
    before = digest(store)
    at = upload(import_page(), (case.name, case.data))

    assert counts(at) == {"New appearances": 0, "Duplicates": 0, "Rejected": 1}
    (message,) = [shown_text(e.value) for e in at.error]
    expected = "the file is empty" if not case.data.strip() else case.reason
    assert case.name in message
    assert expected.lower() in message.lower()
    rejected = table(at, "import_rejected")
    assert rejected["File"].tolist() == [case.name]
    assert not [label for label in button_labels(at) if label.startswith("Import ")]
    assert digest(store) == before


def test_a_file_name_is_shown_as_written_never_as_markdown(store):
    name = "[click](https://evil.example) **now**.png"
    at = upload(import_page(), (name, b"\x89PNG\r\n\x1a\n"))
    assert as_markdown_text(name) in at.error[0].value  # escaped: reads as typed, no link
    assert table(at, "import_rejected")["File"].tolist() == [name]


@pytest.mark.parametrize("case", OTHER_FILES, ids=str)
def test_every_other_awkward_file_is_previewed_or_refused_by_name_without_a_crash(store, case):
    before = digest(store)
    at = upload(import_page(), (case.name, case.data))

    seen = counts(at)
    assert sum(seen.values()) > 0  # the file is accounted for: shown as new, duplicate or refused
    if case.expect == REJECT:  # one row of a sheet: refused with its number, the others go on
        rejected = table(at, "import_rejected")
        assert [case.name, str(case.row)] in rejected[["File", "Row"]].values.tolist()
        assert case.reason.lower() in " ".join(rejected["Reason"]).lower()
    if case.expect == IMPORT:
        assert seen["Rejected"] == 0 and seen["New appearances"] > 0
    assert digest(store) == before


def test_good_files_go_in_beside_a_bad_one_and_the_run_keeps_the_refusal(store):
    at = upload(import_page(), ("grids.txt", media_page()), ("photo.html", b"\x89PNG\r\n\x1a\n"))
    assert counts(at) == {"New appearances": 1, "Duplicates": 0, "Rejected": 1}
    at.button(key="import_confirm").click().run()

    assert query(store, "SELECT count(*) FROM articles WHERE title = ?", [TITLE]) == [(1,)]
    rejects = table(at, "import_rejects")
    assert rejects["File"].tolist() == ["photo.html"]
    assert "binary" in rejects["Reason"].iloc[0]


def test_a_bad_spreadsheet_row_is_rejected_with_its_row_number_and_the_good_rows_go_in(store):
    future = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    sheet = (
        "date,outlet,headline,experts\n"
        "2026-10-02,Le Monde,La flotte nucléaire en question,Élodie Marchand-Vasseur\n"
        f"{future},Le Figaro,Un article venu du futur,Élodie Marchand-Vasseur\n"
    ).encode()
    at = upload(import_page(), ("clippings.csv", sheet))
    assert counts(at) == {"New appearances": 1, "Duplicates": 0, "Rejected": 1}
    rejected = table(at, "import_rejected")
    assert rejected[["File", "Row"]].values.tolist() == [["clippings.csv", "3"]]
    assert "in the future" in rejected["Reason"].iloc[0]
    assert not at.error  # a row, not the file: the file's other rows still go in


def test_a_file_that_trips_the_reader_is_refused_alone_and_the_others_still_go_in(
    store, monkeypatch
):
    from data.ingest import reading

    real_parse_page = reading.parse_page

    def parse_page(text, name, ctx):  # a layout no parser foresaw, in one file only
        if name == "odd.txt":
            raise IndexError("list index out of range")
        return real_parse_page(text, name, ctx)

    monkeypatch.setattr(reading, "parse_page", parse_page)
    at = upload(
        import_page(), ("odd.txt", media_page("Another piece")), ("grids.txt", media_page())
    )
    assert counts(at) == {"New appearances": 1, "Duplicates": 0, "Rejected": 1}
    assert table(at, "import_new")["Title"].tolist() == [TITLE]
    assert "odd.txt" in shown_text(at.error[0].value)


def test_a_spreadsheet_with_unfamiliar_headers_goes_in_with_a_column_mapping(store):
    sheet = (
        "Quand;Organe;Intitulé;Qui\n"
        "2026-10-02;Le Monde;La flotte nucléaire en question;Élodie Marchand-Vasseur\n"
        "2026-10-09;Le Figaro;Le réseau sous tension;Élodie Marchand-Vasseur\n"
    ).encode()
    at = upload(import_page(), ("export.csv", sheet))
    assert counts(at)["Rejected"] == 1
    assert "no headline or outlet column" in shown_text(at.error[0].value)
    assert any("Organisation and spreadsheet columns" in c.value for c in at.caption)

    for field, header in (("date", "Quand"), ("outlet", "Organe"), ("title", "Intitulé")):
        at.text_input(key=f"import_map_{field}").input(header)
    at.run()
    assert counts(at) == {"New appearances": 2, "Duplicates": 0, "Rejected": 0}
    assert sorted(table(at, "import_new")["Title"]) == [
        "La flotte nucléaire en question",
        "Le réseau sous tension",
    ]


def test_the_organisation_is_chosen_among_configured_folders_never_typed(store, tmp_path):
    configured = tmp_path / "our-org"
    shutil.copytree(ROOT / "data" / "reference", configured)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PRESSWATCH_ORG", str(configured))
        at = import_page()
        choice = at.selectbox(key="import_org_folder")
        assert choice.options == [str(configured), "data/reference", "examples/ifri"]
        assert choice.value == str(configured)  # the one in use comes first
        assert not [t for t in at.text_input if t.key == "import_org_folder"]

        choice.set_value("examples/ifri").run()  # another configured organisation is used
        upload(at, ("grids.txt", media_page()))
        assert counts(at)["New appearances"] == 1
        assert not at.error


@pytest.mark.parametrize(
    ("spoil", "named"),
    [
        (lambda org: shutil.rmtree(org), "does not exist"),
        (
            lambda org: (org / "experts.csv").write_text(
                "name,aliases,role,programme\nJane Roe,,Fellow,Energy\nJohn Roe,,Fellow,Energy,x\n"
            ),
            "experts.csv row 3: more cells than the header has columns",
        ),
        (lambda org: (org / "organisation.toml").write_text("name = \n"), "is not valid TOML"),
    ],
)
def test_an_organisation_folder_that_cannot_be_used_is_named_and_nothing_is_planned(
    store, tmp_path, spoil, named
):
    configured = tmp_path / "no-such-organisation"
    shutil.copytree(ROOT / "data" / "reference", configured)
    spoil(configured)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PRESSWATCH_ORG", str(configured))
        at = upload(import_page(), ("grids.txt", media_page()))
    shown = shown_text(at.error[0].value)
    assert "The organisation settings cannot be used" in shown
    assert str(configured) in shown and named in shown
    assert not at.metric or "New appearances" not in [m.label for m in at.metric]


def test_an_import_onto_a_full_disk_says_so_and_leaves_the_store_as_it_was(
    demo_db, tmp_path, monkeypatch
):
    with small_disk(tmp_path / "disk") as disk:
        db = disk / "media.duckdb"
        db.write_bytes(demo_db.read_bytes())
        monkeypatch.setenv("PRESSWATCH_DB", str(db))
        before = digest(db)
        at = upload(import_page(), ("grids.txt", media_page()))
        assert counts(at)["New appearances"] == 1
        fill(disk, db.stat().st_size // 2)  # the copy of the store cannot be made
        at.button(key="import_confirm").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert f"The disk holding {db} is full: the import was not written" in shown_text(
            at.error[0].value
        )
        assert digest(db) == before
        assert files_on(disk) == ["media.duckdb"]


# ---------- removal


def test_the_page_says_the_demo_data_is_one_import_that_can_be_removed_here(store):
    at = import_page()
    assert any("demo data is one import" in i.value for i in at.info)


def test_removing_an_import_asks_first_then_removes_exactly_its_rows(store):
    at = upload(import_page(), ("grids.txt", media_page()))
    at.button(key="import_confirm").click().run()
    ((demo_run,),) = query(store, "SELECT run_id FROM ingest_runs WHERE origin = 'demo'")
    ((demo_rows, demo_appearances, total),) = query(
        store,
        "SELECT count(*) FILTER (WHERE ingest_run_id = ?),"
        " count(*) FILTER (WHERE ingest_run_id = ? AND kind = 'appearance'), count(*)"
        " FROM articles",
        [demo_run, demo_run],
    )

    at.selectbox(key="import_remove_run").set_value(demo_run).run()
    at.button(key="import_remove").click().run()
    (warning,) = [w.value for w in at.warning]
    assert f"{demo_appearances:,} appearances" in warning
    assert f"Yes, remove {demo_appearances:,} appearances" in button_labels(at)
    unchanged = digest(store)
    at.button(key="import_remove_cancel").click().run()
    assert not at.warning and digest(store) == unchanged

    at.button(key="import_remove").click().run()
    at.button(key="import_remove_confirm").click().run()
    assert not at.exception
    assert query(store, "SELECT count(*) FROM articles") == [(total - demo_rows,)]
    assert query(store, "SELECT count(*) FROM articles WHERE ingest_run_id = ?", [demo_run]) == [
        (0,)
    ]
    assert query(store, "SELECT count(*) FROM articles WHERE title = ?", [TITLE]) == [(1,)]
    assert f"{demo_appearances:,} appearances" in at.success[0].value
    history = table(at, "import_history")
    removed = history.loc[history["Import"] == demo_run].iloc[0]
    assert pd.notna(removed["Removed"]) and removed["In the database now"] == 0
    assert history.iloc[0]["From"] == "Removal"
    assert not any("Demo data" in i.value for i in at.info)  # the banner went with the demo


def test_a_removal_keeps_a_copy_of_the_store_as_it_was(store):
    at = import_page()
    ((total,),) = query(store, "SELECT count(*) FROM articles")
    at.button(key="import_remove").click().run()
    at.button(key="import_remove_confirm").click().run()
    (kept,) = store.parent.glob("media.backup-*.duckdb")
    assert query(kept, "SELECT count(*) FROM articles") == [(total,)]
    assert str(kept) in at.success[0].value


def test_a_store_from_before_the_removal_column_shows_the_same_history_once_migrated(
    store, tmp_path, monkeypatch
):
    from data.removal import remove_import
    from data.store import main as store_command
    from tests.data.test_removal import copy_at_version, import_clippings

    import_clippings(store)  # 2
    remove_import(2, store)  # 3
    import_clippings(store)  # 4
    remove_import(1, store)  # 5: the demo
    old = copy_at_version(store, tmp_path / "v3.duckdb", 3)  # removals noted in prose only
    assert store_command(["migrate", "--db", str(old)]) == 0

    def pages(db: Path) -> tuple[pd.DataFrame, list, pd.DataFrame]:
        monkeypatch.setenv("PRESSWATCH_DB", str(db))
        at = import_page()
        removable = at.selectbox(key="import_remove_run").options
        at.switch_page("views/about.py").run()
        assert not at.exception, [e.value for e in at.exception]
        (imports,) = [d.value for d in at.dataframe if "Duplicates skipped" in d.value.columns]
        return table(import_page(), "import_history"), removable, imports

    history, removable, imports = pages(store)
    assert history.loc[history["Import"].isin([1, 2]), "Removed"].notna().all()
    assert history.loc[history["Import"].isin([3, 4, 5]), "Removed"].isna().all()
    (only,) = removable  # the one import not removed yet
    assert only.startswith("Import 4 · ") and only.endswith(" · Command line · 3 appearances")
    assert imports.loc[imports["Import"] == 3, "Files"].tolist() == ["removed import 2: 3 rows"]
    migrated = pages(old)
    pd.testing.assert_frame_equal(migrated[0], history)
    assert migrated[1] == removable
    pd.testing.assert_frame_equal(migrated[2], imports)


def test_the_history_query_matches_the_store_counted_independently(store):
    import queries
    from dashboard.state import SQL_DIR
    from data.removal import remove_import

    at = upload(import_page(), ("grids.txt", media_page()), ("photo.html", b"\x89PNG\r\n\x1a\n"))
    at.button(key="import_confirm").click().run()
    remove_import(1, store)

    con = duckdb.connect(str(store), read_only=True)
    try:
        history = queries.run(con, "import_runs", folder=SQL_DIR, limit=10).set_index("run_id")
        runs = con.execute("SELECT * FROM ingest_runs").df().set_index("run_id")
        articles = con.execute("SELECT ingest_run_id, kind FROM articles").df()
        rejects = queries.run(con, "import_rejects", folder=SQL_DIR, run_id=2)
    finally:
        con.close()

    held = articles.groupby("ingest_run_id")["kind"]
    expected_appearances = held.apply(lambda k: (k == "appearance").sum())
    expected_own = held.apply(lambda k: (k != "appearance").sum())
    removals = runs[runs["origin"] == "removal"]
    removed = dict(zip(removals["removes_run_id"], removals["started_at"], strict=True))
    assert removed and all(  # the note, shown as the removal's files, names the same import
        note.startswith(f"removed import {run_id}:")
        for run_id, note in zip(removals["removes_run_id"], removals["sources"], strict=True)
    )
    assert sorted(history.index) == sorted(runs.index)
    for run_id, row in history.iterrows():
        assert row["appearances"] == expected_appearances.get(run_id, 0)
        assert row["own_content"] == expected_own.get(run_id, 0)
        assert row["n_new"] == runs.loc[run_id, "n_new"]
        assert (pd.isna(row["removed_at"]) and run_id not in removed) or (
            row["removed_at"] == removed[run_id]
        )
    assert list(history.index) == sorted(history.index, reverse=True)  # newest first
    assert rejects["source_file"].tolist() == ["photo.html"]
    assert rejects["row_number"].isna().all()  # the whole file


# ---------- who may use it


PASSWORDS = {"viewer": "viewers-read-the-coverage", "editor": "editors-feed-the-store-42"}


def signed_in(role: str) -> AppTest:
    secrets = {"access": {"mode": "password"}}
    secrets["access"].update({f"{r}_password_hash": hash_password(p) for r, p in PASSWORDS.items()})
    at = open_app(secrets)
    at.radio(key="presswatch_sign_in_role").set_value(Role(role))
    at.text_input[0].input(PASSWORDS[role])
    return at.button[0].click().run()


def open_address(at: AppTest, url_path: str) -> AppTest:
    """What typing /import_data in the address bar does: open the page registered at that path.
    (AppTest.switch_page finds pages by file, and a viewer's navigation holds no file for it.)"""
    (page_hash,) = [
        page_hash
        for page_hash, info in at._registered_pages.items()
        if info.get("url_pathname") == url_path
    ]
    at._page_hash = page_hash
    return at.run()


def test_a_viewer_who_opens_the_import_address_is_refused_politely(store):
    before = digest(store)
    at = open_address(signed_in("viewer"), "import_data")
    assert [t.value for t in at.title] == ["Editors only"]
    assert "editors only" in at.info[0].value
    assert not at.file_uploader and not at.exception
    assert digest(store) == before


def test_an_editor_who_opens_the_import_address_gets_the_page(store):
    at = open_address(signed_in("editor"), "import_data")
    assert [t.value for t in at.title] == ["Import data"]
    assert at.file_uploader


def test_a_vendor_export_is_explained_before_confirming(store):
    from tests import exports

    header = exports.MELTWATER_CURRENT
    rows = exports.rows_of(
        header,
        [
            {"Date": "02-Oct-2026 09:15AM", "Headline": "La flotte nucléaire en question",
             "URL": "https://www.lemonde.fr/flotte", "Source": "Le Monde",
             "Hit Sentence": "Élodie Marchand-Vasseur, de l'Institut Montrevel, ...",
             "Alternate Date Format": "02-Oct-26"},
            {"Date": "03-Oct-2026 10:00AM", "Headline": "", "Source": "Twitter",
             "URL": "https://x.com/montrevel/status/42", "Alternate Date Format": "03-Oct-26"},
        ],
    )  # fmt: skip
    data = exports.delimited(header, rows, "\t", "utf-16-le", bom=True)
    at = upload(import_page(), ("meltwater.csv", data))
    assert counts(at) == {"New appearances": 2, "Duplicates": 0, "Rejected": 0}
    (expander,) = [e for e in at.expander if "read as" in e.label]
    assert expander.label == "meltwater.csv: read as Meltwater (current export)"
    notes = shown_text(" ".join(m.value for m in expander.markdown))
    assert "UTF-16LE with BOM, tab-separated; header on row 1, 2 rows" in notes
    assert "DD-Mon-YYYY hh:mmAM (e.g. 02-Oct-2026 09:15AM)" in notes
    assert "1 social post: kept apart, not counted as coverage" in notes
    reading = expander.dataframe[0].value.set_index("Field")
    assert reading.loc["date", "Column"] == "Date / Alternate Date Format"
    assert reading.loc["date", "Read as"] == "2026-10-02"
    assert reading.loc["experts", "Read as"] == "Élodie Marchand-Vasseur"
    assert table(at, "import_new")["Kind"].tolist() == ["Appearance", "Social post"]
    assert not query(
        store, "SELECT 1 FROM articles WHERE url = 'https://x.com/montrevel/status/42'"
    )
