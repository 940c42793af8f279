"""The Review page: editors see what waits (with where each item came from) and put it right in
one click, correct or exclude one appearance, add one by hand, and read, filter, undo and export
the history of edits. Every change goes through data.curation and says what it did; a viewer
who types the page's address is refused."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth import Role, hash_password
from data import curation
from data.ingest import apply_import, plan_import
from data.organisation import load_organisation
from data.store import open_read_only
from tests.dashboard.conftest import APP

PAGE = "views/review.py"
TODAY = dt.date.today()
CLIPPINGS = (
    "date,outlet,headline,experts,tags,url\n"
    f"{TODAY - dt.timedelta(days=9)},Gazette du Littoral,Un port en mutation,"
    "Jeanne Nouvelle-Venue,Ports du Nord,https://gazette.example/port\n"
    f"{TODAY - dt.timedelta(days=8)},Gazette du Littoral,Le port rouvre,,Ports du Nord,"
    "https://gazette.example/rouvre\n"
)
PORT = "url:gazette.example/port"
REOPENS = "url:gazette.example/rouvre"


@pytest.fixture
def store(demo_db, tmp_path, monkeypatch) -> Path:
    """The demo store, then an import naming an outlet and an expert that are not in the lists."""
    db = tmp_path / "media.duckdb"
    shutil.copyfile(demo_db, db)
    con = open_read_only(db)
    try:
        plan = plan_import([("clips.csv", CLIPPINGS.encode())], con, load_organisation())
    finally:
        con.close()
    apply_import(plan, db, origin="cli")
    monkeypatch.setenv("PRESSWATCH_DB", str(db))
    return db


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def appearances_of(db: Path, slug: str) -> int:
    """Counted appearances of an outlet, straight from the table (not the page's queries)."""
    [(n,)] = query(
        db,
        "SELECT count(a.article_id) FROM outlets o LEFT JOIN articles a"
        " ON a.outlet_id = o.outlet_id AND NOT a.excluded WHERE o.slug = ?",
        [slug],
    )
    return n


def waiting(db: Path) -> dict[str, list]:
    con = open_read_only(db)
    try:
        return curation.queue(con)
    finally:
        con.close()


def check(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def review_page(secrets: dict | None = None, who: str | None = "Claire") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets = secrets or {"access": {"mode": "none"}}
    at.run()
    at.switch_page(PAGE).run()
    if who is not None:
        at.text_input(key="review_who").input(who).run()
    return check(at)


def section(at: AppTest, name: str) -> AppTest:
    at.session_state["review_section"] = name
    return check(at.run())


def kind(at: AppTest, name: str) -> AppTest:
    at.radio(key="review_kind").set_value(name)
    return check(at.run())


def button(at: AppTest, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r} in {[b.label for b in at.button]}"
    return matches[0]


def menu_title(at: AppTest, url_path: str) -> str:
    [title] = [
        p["page_name"] for p in at._registered_pages.values() if p["url_pathname"] == url_path
    ]
    return title


def shown(markdown: str) -> str:
    return markdown.replace("\\", "")


# ---------- the queue


def test_the_menu_entry_counts_what_waits_and_the_queue_shows_where_each_came_from(store):
    at = review_page()
    total = sum(len(items) for items in waiting(store).values())
    assert menu_title(at, "review") == f"Review ({total:,})"
    # outlets not in the list first: the one the import found, with its file and rows
    assert at.radio(key="review_kind").value == "unknown_outlet"
    captions = [shown(c.value) for c in at.caption]
    assert "From clips.csv, row 2: Un port en mutation" in captions
    assert "From clips.csv, row 3: Le port rouvre" in captions
    labels = at.radio(key="review_kind").options
    assert "Outlets not in the list (1)" in labels and "Experts to confirm (1)" in labels


def test_merging_an_unknown_outlet_moves_its_appearances_and_undo_brings_it_back(store):
    kept_before = appearances_of(store, "le-monde")
    at = review_page()
    at.selectbox(key="review_merge_outlet_gazette-du-littoral").set_value("le-monde").run()
    check(button(at, "Merge").click().run())
    assert "Merged Gazette du Littoral into Le Monde" in shown(at.success[0].value)
    assert appearances_of(store, "le-monde") == kept_before + 2
    assert not query(store, "SELECT 1 FROM outlets WHERE slug = 'gazette-du-littoral'")
    assert at.radio(key="review_kind").options[0] == "Outlets not in the list (0)"
    assert menu_title(at, "review").startswith("Review (")

    check(button(at, "Undo").click().run())
    assert shown(at.success[0].value).startswith("Undone")
    assert appearances_of(store, "le-monde") == kept_before
    assert appearances_of(store, "gazette-du-littoral") == 2
    assert at.radio(key="review_kind").options[0] == "Outlets not in the list (1)"


def test_an_outlet_right_as_it_is_goes_into_the_list_with_its_profile(store):
    at = review_page()
    at.selectbox(key="review_media_gazette-du-littoral").set_value("print")
    at.selectbox(key="review_country_gazette-du-littoral").set_value("FR")
    at.selectbox(key="review_tier_gazette-du-littoral").set_value("3").run()
    check(button(at, "Add to the outlet list").click().run())
    assert query(
        store,
        "SELECT confirmed, media_type, country, tier FROM outlets WHERE slug = ?",
        ["gazette-du-littoral"],
    ) == [(True, "print", "FR", 3)]
    assert not waiting(store)["unknown_outlet"]


def test_confirming_an_expert_records_role_and_programme(store):
    at = kind(review_page(), "unconfirmed_expert")
    at.text_input(key="review_role_jeanne-nouvelle-venue").input("Research Fellow")
    at.text_input(key="review_programme_jeanne-nouvelle-venue").input("Ports").run()
    check(button(at, "Confirm").click().run())
    assert "Jeanne Nouvelle-Venue is in the roster now" in shown(at.success[0].value)
    assert query(
        store, "SELECT confirmed, role, programme FROM experts WHERE slug = 'jeanne-nouvelle-venue'"
    ) == [(True, "Research Fellow", "Ports")]


def test_a_likely_duplicate_is_dismissed_or_excluded_as_a_copy_of_the_other(store):
    pairs = waiting(store)["duplicate"]
    second = pairs[1].detail
    at = kind(review_page(), "duplicate")
    check(button(at, "Not a duplicate").click().run())
    assert [p.key for p in waiting(store)["duplicate"]] == [p.key for p in pairs[1:]]

    at = kind(at, "duplicate")
    check(
        button(at, f"The same: keep {second['first_id']}, exclude {second['second_id']}")
        .click()
        .run()
    )
    assert query(
        store, "SELECT exclusion_reason FROM articles WHERE dedupe_key = ?", [second["second"]]
    ) == [(f"a duplicate of appearance {second['first_id']}",)]


def test_an_appearance_right_as_it_is_leaves_the_queue(store):
    at = kind(review_page(), "no_expert")
    assert any("Le port rouvre" in shown(m.value) for m in at.markdown)
    check(button(at, "Right as it is").click().run())
    assert REOPENS not in [item.key for item in waiting(store)["no_expert"]]


def test_the_buttons_wait_for_a_name_and_a_refused_edit_says_why(store):
    at = review_page(who=None)
    assert "Type your name" in at.info[-1].value
    assert button(at, "Merge").disabled
    at = review_page()
    at = section(at, "Edit an appearance")
    at.text_input(key="review_find").input("Le port rouvre").run()
    at = check(at)
    [save] = [b for b in at.button if b.label == "Save the changes"]
    check(save.click().run())  # nothing changed in the form
    assert at.error[0].value.startswith("Nothing was changed: Nothing to change")
    assert not at.exception


# ---------- one appearance


def edit_page(at: AppTest, ref: str) -> AppTest:
    at = section(at, "Edit an appearance")
    at.text_input(key="review_find").input(ref).run()
    return check(at)


def form_widget(at: AppTest, kind_: str, name: str):
    """A widget of the edit form, whose keys carry the appearance and the store's version."""
    found = [w for w in at.get(kind_) if str(w.key or "").startswith(f"review_f_{name}_")]
    return found[0]


def test_editing_an_appearance_sets_its_fields_and_the_history_can_undo_it(store):
    [(article_id,)] = query(store, "SELECT article_id FROM articles WHERE dedupe_key = ?", [PORT])
    at = edit_page(review_page(), str(article_id))
    form_widget(at, "text_input", "title").input("Un port en pleine mutation")
    form_widget(at, "date_input", "date").set_value(TODAY - dt.timedelta(days=10))
    form_widget(at, "text_input", "why").input("the page says so")
    check(button(at, "Save the changes").click().run())
    assert f"Appearance {article_id} is corrected" in shown(at.success[0].value)
    assert query(store, "SELECT title, published FROM articles WHERE dedupe_key = ?", [PORT]) == [
        ("Un port en pleine mutation", TODAY - dt.timedelta(days=10))
    ]
    # the form shows the new values
    assert form_widget(at, "text_input", "title").value == "Un port en pleine mutation"

    at = section(at, "History")
    rows = at.dataframe[0].value
    assert set(rows["Field"][:2]) == {"title", "published"}
    assert set(rows["Who"][:2]) == {"Claire"}
    title_edit = int(rows.loc[rows["Field"] == "title", "Edit"].iloc[0])
    at.selectbox(key="review_undo_edit").set_value(title_edit).run()
    check(button(at, "Undo").click().run())
    assert f"Edit {title_edit} is undone" in shown(at.success[0].value)
    assert query(store, "SELECT title, published FROM articles WHERE dedupe_key = ?", [PORT]) == [
        ("Un port en mutation", TODAY - dt.timedelta(days=10))
    ]


def test_an_excluded_appearance_leaves_the_counts_says_why_and_comes_back(store):
    at = edit_page(review_page(), "Le port rouvre")
    reason = [w for w in at.text_input if str(w.key).startswith("review_reason_")][0]
    reason.input("a press release").run()
    check(button(at, "Exclude").click().run())
    assert appearances_of(store, "gazette-du-littoral") == 1
    assert "Left out of every count: a press release" in shown(at.warning[0].value)
    check(button(at, "Bring it back into the counts").click().run())
    assert appearances_of(store, "gazette-du-littoral") == 2


def test_an_appearance_added_by_hand_is_checked_and_stored_as_its_own_import(store):
    at = section(review_page(), "Add by hand")
    at.text_input(key="review_add_title").input("Live on the morning show")
    at.selectbox(key="review_add_outlet").set_value("Le Monde")
    at.date_input(key="review_add_date").set_value(TODAY - dt.timedelta(days=1))
    check(button(at, "Add the appearance").click().run())
    assert "Live on the morning show is added" in shown(at.success[0].value)
    assert query(
        store,
        "SELECT o.slug, a.published, r.origin FROM articles a JOIN outlets o USING (outlet_id)"
        " JOIN ingest_runs r ON r.run_id = a.ingest_run_id"
        " WHERE a.title = 'Live on the morning show'",
    ) == [("le-monde", TODAY - dt.timedelta(days=1), "hand")]

    at = section(at, "Add by hand")  # a link that is no web address: refused, with the reason
    at.text_input(key="review_add_title").input("Live again")
    at.selectbox(key="review_add_outlet").set_value("Le Monde")
    at.text_input(key="review_add_url").input("call the studio")
    check(button(at, "Add the appearance").click().run())  # a form's values go with its button
    assert at.error[0].value.startswith("Nothing was changed: This appearance cannot be added")
    assert not query(store, "SELECT 1 FROM articles WHERE title = 'Live again'")


# ---------- the history


def test_the_history_filters_by_who_and_its_csv_keeps_formulas_as_text(store):
    curation.exclude(store, PORT, '=HYPERLINK("http://evil.example")', "=cmd|' /C calc'!A0")
    curation.mark_checked(store, REOPENS, "no_expert", "Claire")
    at = section(review_page(), "History")
    assert len(at.dataframe[0].value) == 2
    at.selectbox(key="review_h_who").set_value("Claire").run()
    assert list(check(at).dataframe[0].value["Who"]) == ["Claire"]
    at.selectbox(key="review_h_who").set_value(None).run()
    [download] = [d for d in at.get("download_button") if "CSV" in d.proto.label]
    assert download.proto.label == "CSV (2 edits)"
    con = open_read_only(store)
    try:
        data = curation.export_csv(curation.history(con))
    finally:
        con.close()
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0][:2] == ["edit_id", "who"]
    assert "'=cmd|' /C calc'!A0" in rows[2] and not any(c.startswith("=") for r in rows for c in r)


# ---------- who may use it


PASSWORDS = {"viewer": "viewers-read-the-coverage", "editor": "editors-feed-the-store-42"}


def signed_in(role: str) -> AppTest:
    secrets = {"access": {"mode": "password"}}
    secrets["access"].update({f"{r}_password_hash": hash_password(p) for r, p in PASSWORDS.items()})
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets = secrets
    at.run()
    at.radio(key="presswatch_sign_in_role").set_value(Role(role))
    at.text_input[0].input(PASSWORDS[role])
    return at.button[0].click().run()


def open_address(at: AppTest, url_path: str) -> AppTest:
    (page_hash,) = [
        h for h, info in at._registered_pages.items() if info["url_pathname"] == url_path
    ]
    at._page_hash = page_hash
    return at.run()


def test_a_viewer_who_opens_the_review_address_is_refused_and_changes_nothing(store):
    before = store.read_bytes()
    at = signed_in("viewer")
    assert menu_title(at, "review") == "Review"  # hidden, and no count computed for a viewer
    at = open_address(at, "review")
    assert [t.value for t in at.title] == ["Editors only"]
    assert not at.main.radio and not at.main.text_input and not at.main.button
    assert not [b for b in at.button if b.label in ("Merge", "Undo")]
    assert store.read_bytes() == before


def test_an_editor_who_opens_the_review_address_gets_the_queue(store):
    at = open_address(signed_in("editor"), "review")
    assert [t.value for t in at.title] == ["Review"]
    assert at.radio(key="review_kind").options[0] == "Outlets not in the list (1)"


def test_the_editors_name_is_kept_across_pages(store):
    at = review_page()
    at.switch_page("views/outlets.py").run()
    at = check(at.switch_page(PAGE).run())
    assert at.text_input(key="review_who").value == "Claire"
    assert not [i for i in at.info if "Type your name" in i.value]
