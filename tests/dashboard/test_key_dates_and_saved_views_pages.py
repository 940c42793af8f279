"""Key dates and saved views in the dashboard (AppTest on a copy of the demo store): an editor
adds a key date on the Import page and every timeline draws it; the sidebar's switch, kept in
the link, takes them off; a viewer cannot add one; anyone saves a view, listed as a link with
its page, filters and page choices; only an editor removes one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth import Role, hash_password
from data.key_dates import add_key_date
from data.saved_views import list_views, save_view
from data.store import open_read_only
from tests.dashboard.conftest import APP, draw, figures
from tests.dashboard.test_import_page import digest, open_address

VIEWER_PASSWORD = "viewers-read-the-coverage"
EDITOR_PASSWORD = "editors-feed-the-store-42"
TIMELINE = "Appearances per"


@pytest.fixture
def store(demo_db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "media.duckdb"
    path.write_bytes(demo_db.read_bytes())
    monkeypatch.setenv("PRESSWATCH_DB", str(path))
    return path


def marks(fig: dict) -> list[str]:
    """The key dates a figure draws: each dashed line's label."""
    lines = [s for s in fig["layout"].get("shapes", []) if s.get("name") == "key date"]
    notes = [a["text"] for a in fig["layout"].get("annotations", []) if a.get("name") == "key date"]
    assert len(lines) == len(notes)
    return notes


def timelines(at: AppTest) -> list[dict]:
    return [f for f in figures(at) if f["layout"]["title"]["text"].startswith(TIMELINE)]


def signed_in(role: Role, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {
        "access": {
            "mode": "password",
            "viewer_password_hash": hash_password(VIEWER_PASSWORD),
            "editor_password_hash": hash_password(EDITOR_PASSWORD),
        }
    }
    at.run()
    at.radio(key="presswatch_sign_in_role").set_value(role)
    at.text_input[0].input(EDITOR_PASSWORD if role is Role.EDITOR else VIEWER_PASSWORD)
    at.button[0].click().run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def recent_day() -> dt.date:
    """A day inside the default view (the last 12 whole months or so, whatever the preset)."""
    return dt.date.today().replace(day=1) - dt.timedelta(days=60)


def test_an_editor_adds_a_key_date_on_the_import_page_and_every_timeline_draws_it(store):
    day = recent_day()
    at = draw("views/import_data.py")
    at.date_input(key="key_date_day").set_value(day)
    at.text_input(key="key_date_label").input("Annual report <b>launch</b>")
    [b for b in at.button if b.label == "Add key date"][0].click().run()
    (done,) = at.success
    assert done.value.startswith(f"Added the key date {day:%-d %b %Y}: Annual report")
    label = f"{day.day} {day:%b %Y}: Annual report &lt;b&gt;launch&lt;/b&gt;"  # shown as text
    at.switch_page("views/overview.py").run()
    (overview,) = timelines(at)
    assert marks(overview) == [label]
    at.switch_page("views/coverage.py").run()
    assert [marks(f) for f in timelines(at)] == [[label]]
    at.switch_page("views/topics.py").run()
    (trends,) = [f for f in figures(at) if "month by month" in f["layout"]["title"]["text"]]
    assert marks(trends) == [label]


def test_a_key_date_outside_the_view_is_not_drawn(store):
    add_key_date(store, dt.date(2001, 5, 1), "Long ago", None, editor=True)
    (overview,) = timelines(draw())
    assert marks(overview) == []


def test_the_sidebar_switch_takes_key_dates_off_and_the_link_keeps_it(store):
    add_key_date(store, recent_day(), "Summit", None, editor=True)
    at = draw()
    assert len(marks(timelines(at)[0])) == 1
    at.toggle(key="_key_dates_shown").set_value(False).run()
    assert marks(timelines(at)[0]) == []
    assert at.query_params["key_dates"] == "off"
    linked = draw(key_dates="off")  # a fresh session from the link
    assert marks(timelines(linked)[0]) == []
    assert linked.toggle(key="_key_dates_shown").value is False


def test_a_link_with_an_unusable_switch_value_says_so_and_draws_them(store):
    add_key_date(store, recent_day(), "Summit", None, editor=True)
    at = draw(key_dates="maybe")
    assert any("Ignored key_dates='maybe'" in w.value for w in at.warning)
    assert len(marks(timelines(at)[0])) == 1


def test_a_viewer_is_refused_the_key_dates_form_and_nothing_is_written(store):
    before = digest(store)
    at = open_address(signed_in(Role.VIEWER), "import_data")
    assert [t.value for t in at.title] == ["Editors only"]
    assert "Add key date" not in [b.label for b in at.button]
    assert digest(store) == before


def test_an_editor_signed_in_gets_the_key_dates_form(store):
    at = open_address(signed_in(Role.EDITOR), "import_data")
    assert "Add key date" in [b.label for b in at.button]


def test_anyone_saves_the_view_on_screen_and_it_is_listed_as_a_link(store):
    at = signed_in(Role.VIEWER)
    at.switch_page("views/outlets.py").run()
    at.multiselect(key="filter_outlets").set_value(["le-monde"]).run()
    at.text_input(key="saved_name").input("Le Monde for the board")
    at.button(key="saved_save").click().run()
    assert not at.error, [e.value for e in at.error]
    (saved,) = list_views_of(store)
    assert (saved.name, saved.page, saved.saved_by) == (
        "Le Monde for the board",
        "outlets",
        "viewer",
    )
    assert saved.params()["outlets"] == "le-monde" and "from" in saved.params()
    listed = [m.value for m in at.sidebar.markdown if "Le Monde for the board" in m.value]
    assert listed == [f"- [Le Monde for the board](</outlets?{saved.query}>)"]
    assert "Remove" not in [b.label for b in at.button]  # a viewer removes none


def test_a_name_taken_is_refused_in_the_sidebar_saying_so(store):
    save_view(store, "Board", "", {"period": "all"}, None)
    at = draw()
    at.text_input(key="saved_name").input("board")
    at.button(key="saved_save").click().run()
    assert any("already called 'board'" in e.value for e in at.error)
    assert len(list_views_of(store)) == 1


def test_an_editor_removes_a_saved_view(store):
    save_view(store, "Board", "", {"period": "all"}, None)
    at = draw()
    at.button(key="saved_remove").click().run()
    assert list_views_of(store) == []
    assert not [m.value for m in at.sidebar.markdown if "Board" in m.value]


def list_views_of(store: Path):
    con = open_read_only(store)
    try:
        return list_views(con)
    finally:
        con.close()
