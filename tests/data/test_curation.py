"""Editors' corrections: each a recorded edit, kept over re-imports, undone exactly, counted as
the dashboard counts (every write here checks the store's rules, rollups included)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from data import curation
from data.curate import main as curate
from data.curation import CurationError
from data.ingest import apply_import, plan_import
from data.model import Article, ExpertMention
from data.organisation import load_organisation
from data.removal import remove_import
from data.store import open_read_only
from queries import run
from queries.filters import Filters

TODAY = dt.date(2026, 11, 27)
CLIPPINGS = (
    "date,outlet,headline,experts,tags,url\n"
    "2026-10-02,Le Monde,Grids under strain,Élodie Marchand-Vasseur,Energy transition,"
    "https://www.lemonde.fr/a/grids-under-strain\n"
    "2026-10-05,Gazette du Littoral,Un port en mutation,Jeanne Nouvelle-Venue,Ports du Nord,"
    "https://gazette.example/port\n"
    "2026-10-06,Gazette du Littoral,Sans auteur connu,,Ports du Nord,\n"
)
MORE = (
    "date,outlet,headline,experts,tags,url\n"
    "2026-10-09,Gazette du Littoral,Le port rouvre,Jeanne Nouvelle-Venue,Ports,"
    "https://gazette.example/rouvre\n"
    "2026-10-09,Le Figaro,Sur le nucléaire,Bastien Lefranc-Oudard,Energy,"
    "https://www.lefigaro.fr/nucleaire\n"
)
GRIDS = "url:lemonde.fr/a/grids-under-strain"
PORT = "url:gazette.example/port"
UNSIGNED = "title:gazette-du-littoral|2026-10-06|sans auteur connu"


def do_import(db: Path, text: str, name: str = "clippings.csv") -> int:
    con = open_read_only(db) if db.exists() else None
    try:
        plan = plan_import([(name, text.encode())], con, load_organisation(), today=TODAY)
    finally:
        if con is not None:
            con.close()
    return apply_import(plan, db, origin="cli").run_id


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "media.duckdb"
    do_import(path, CLIPPINGS)
    return path


def one(db: Path, sql: str, params: list | None = None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def values(db: Path, key: str) -> dict:
    con = open_read_only(db)
    try:
        return curation.appearance_values(con, [key])[key]
    finally:
        con.close()


def counts_by_outlet(db: Path) -> dict[str, int]:
    con = open_read_only(db)
    try:
        frame = run(con, "top_outlets", Filters(), limit=50)
    finally:
        con.close()
    return dict(zip(frame["slug"], frame["appearances"], strict=True))


# ---------- edits and undo


def test_an_edit_sets_the_value_and_records_who_when_before_after_and_why(db):
    [edit_id] = curation.edit_appearance(
        db, GRIDS, {"published": "2026-09-30"}, "claire", "the page says 30 Sept", TODAY
    )
    assert values(db, GRIDS)["published"] == dt.date(2026, 9, 30)
    con = open_read_only(db)
    try:
        row = curation.history(con).iloc[0]
    finally:
        con.close()
    assert (row.edit_id, row.who, row.record_key, row.field) == (
        edit_id,
        "claire",
        GRIDS,
        "published",
    )
    assert (row.before, row.after, row.why) == (
        '"2026-10-02"',
        '"2026-09-30"',
        "the page says 30 Sept",
    )
    assert row.label == "Grids under strain"


def test_undo_gives_back_the_reading_and_keeps_the_edit_in_the_history(db):
    first = curation.edit_appearance(db, GRIDS, {"title": "Grids, under strain"}, "a")[0]
    second = curation.edit_appearance(db, GRIDS, {"title": "The grid under strain"}, "b")[0]
    curation.undo(db, first, "c")  # the later edit stays in force
    assert values(db, GRIDS)["title"] == "The grid under strain"
    curation.undo(db, second, "c")
    assert values(db, GRIDS)["title"] == "Grids under strain"
    undone = one(db, "SELECT edit_id, undone_by IS NOT NULL FROM edits WHERE field = 'title'")
    assert sorted(undone) == [(first, True), (second, True)]
    with pytest.raises(CurationError, match="undone already"):
        curation.undo(db, first, "c")


def test_an_edit_is_checked_as_an_import_is(db):
    with pytest.raises(CurationError, match="in the future"):
        curation.edit_appearance(db, GRIDS, {"published": "2999-01-01"}, "a")
    with pytest.raises(CurationError, match="role"):
        curation.edit_appearance(db, GRIDS, {"experts": [("Élodie Marchand-Vasseur", "boss")]}, "a")
    with pytest.raises(CurationError, match="No outlet"):
        curation.edit_appearance(db, GRIDS, {"outlet": "Nowhere Herald"}, "a")
    assert one(db, "SELECT count(*) FROM edits") == [(0,)]


def test_experts_and_topics_are_set_with_their_roles(db):
    curation.edit_appearance(
        db,
        GRIDS,
        {
            "experts": [
                ("Élodie Marchand-Vasseur", "interview"),
                ("Bastien Lefranc-Oudard", "quoted"),
            ],
            "topics": ["Energy transition", "Grids"],
        },
        "a",
    )
    got = values(db, GRIDS)
    assert got["experts"] == (
        ("bastien-lefranc-oudard", "quoted"),
        ("elodie-marchand-vasseur", "interview"),
    )
    assert set(got["topics"]) == {"Energy transition", "Grids"}


# ---------- what survives


def test_an_edit_survives_a_reimport_of_the_same_source(db):
    curation.edit_appearance(db, GRIDS, {"published": "2026-09-30", "title": "Grids"}, "a")
    do_import(db, CLIPPINGS)
    assert values(db, GRIDS)["published"] == dt.date(2026, 9, 30)
    assert one(db, "SELECT count(*) FROM articles") == [(3,)]


def test_an_edit_survives_the_removal_and_reimport_of_its_own_source(db):
    curation.edit_appearance(db, GRIDS, {"published": "2026-09-30"}, "a")
    curation.exclude(db, PORT, "not about us", "a")
    remove_import(1, db)
    assert one(db, "SELECT count(*) FROM articles") == [(0,)]
    do_import(db, CLIPPINGS)  # read again: a new row, the same key
    assert values(db, GRIDS)["published"] == dt.date(2026, 9, 30)
    assert values(db, PORT)["excluded"] == "not about us"


def test_an_edit_survives_the_removal_of_another_import(db):
    other = do_import(db, MORE, "more.csv")
    curation.edit_appearance(db, GRIDS, {"title": "Grids"}, "a")
    remove_import(other, db)
    assert values(db, GRIDS)["title"] == "Grids"


def test_an_edited_outlet_attribute_survives_the_reference_lists_next_load(db):
    curation.set_outlet(db, "le-monde", "a", tier=2, media_type="online")
    do_import(db, MORE, "more.csv")  # every import loads the organisation's lists again
    assert one(db, "SELECT tier, media_type FROM outlets WHERE slug = 'le-monde'") == [
        (2, "online")
    ]


# ---------- exclusion


def test_an_excluded_appearance_leaves_every_count_and_comes_back(db):
    before = counts_by_outlet(db)
    con = open_read_only(db)
    try:
        kpis = run(con, "kpis", Filters())
    finally:
        con.close()
    curation.exclude(db, GRIDS, "a press release, not coverage", "a")
    after = counts_by_outlet(db)
    assert after.get("le-monde", 0) == before["le-monde"] - 1
    con = open_read_only(db)
    try:
        assert run(con, "kpis", Filters())["appearances"].iloc[0] == kpis["appearances"].iloc[0] - 1
        experts = run(con, "top_experts", Filters(), limit=50)  # read from the rollup
        assert "elodie-marchand-vasseur" not in set(experts["slug"])
    finally:
        con.close()
    with pytest.raises(CurationError, match="already excluded"):
        curation.exclude(db, GRIDS, "twice", "a")
    curation.include(db, GRIDS, "a")
    assert counts_by_outlet(db) == before


# ---------- merges


def test_merging_an_unknown_outlet_moves_its_appearances_and_the_next_import_resolves_to_it(db):
    curation.merge(db, "outlet", "Gazette du Littoral", "Le Figaro", "a", "the same paper")
    assert counts_by_outlet(db)["le-figaro"] == 2
    assert one(db, "SELECT count(*) FROM outlets WHERE slug = 'gazette-du-littoral'") == [(0,)]
    do_import(db, MORE, "more.csv")
    rows = one(
        db,
        "SELECT o.slug FROM articles a JOIN outlets o USING (outlet_id) WHERE a.url = ?",
        ["https://gazette.example/rouvre"],
    )
    assert rows == [("le-figaro",)]
    assert one(db, "SELECT count(*) FROM outlets WHERE slug = 'gazette-du-littoral'") == [(0,)]


def test_a_reimport_after_a_merge_finds_the_appearance_it_keyed_under_the_merged_outlet(db):
    curation.merge(db, "outlet", "gazette-du-littoral", "le-figaro", "a")
    do_import(db, CLIPPINGS)  # the unsigned row is keyed on its outlet, now read as Le Figaro
    assert one(db, "SELECT count(*) FROM articles") == [(3,)]
    assert values(db, UNSIGNED)["outlet"] == "le-figaro"


def test_undoing_a_merge_brings_the_outlet_back_with_its_appearances(db):
    edit = curation.merge(db, "outlet", "gazette-du-littoral", "le-figaro", "a")
    curation.undo(db, edit, "a")
    assert counts_by_outlet(db)["gazette-du-littoral"] == 2
    assert "le-figaro" not in counts_by_outlet(db)
    do_import(db, MORE, "more.csv")  # its name resolves to it again
    assert counts_by_outlet(db)["gazette-du-littoral"] == 3


def test_merging_an_expert_keeps_the_name_as_an_alias_for_the_next_import(db):
    curation.merge(db, "expert", "Jeanne Nouvelle-Venue", "Bastien Lefranc-Oudard", "a")
    assert values(db, PORT)["experts"] == (("bastien-lefranc-oudard", "quoted"),)
    do_import(db, MORE, "more.csv")
    linked = one(
        db,
        "SELECT e.slug FROM articles a JOIN article_experts USING (article_id)"
        " JOIN experts e USING (expert_id) WHERE a.url = ?",
        ["https://gazette.example/rouvre"],
    )
    assert linked == [("bastien-lefranc-oudard",)]
    assert one(db, "SELECT count(*) FROM experts WHERE slug = 'jeanne-nouvelle-venue'") == [(0,)]


def test_merging_topics_and_renaming_one(db):
    do_import(db, MORE, "more.csv")
    curation.merge(db, "topic", "Ports", "Ports du Nord", "a")
    curation.rename_topic(db, "ports-du-nord", "Ports of the North", "a")
    got = one(
        db,
        "SELECT t.slug, t.name, count(*) FROM article_tags JOIN tags t USING (tag_id) GROUP BY ALL"
        " ORDER BY 1",
    )
    assert ("ports-du-nord", "Ports of the North", 3) in got
    assert all(slug != "ports" for slug, *_ in got)


def test_confirming_an_expert_takes_them_out_of_the_queue(db):
    con = open_read_only(db)
    try:
        waiting = [item.key for item in curation.queue(con)["unconfirmed_expert"]]
    finally:
        con.close()
    assert waiting == ["jeanne-nouvelle-venue"]
    curation.confirm_expert(db, "jeanne-nouvelle-venue", "a", "Research Fellow", "Ports")
    con = open_read_only(db)
    try:
        assert curation.queue(con)["unconfirmed_expert"] == []
    finally:
        con.close()
    assert one(
        db,
        "SELECT role, programme, confirmed FROM experts WHERE slug = ?",
        ["jeanne-nouvelle-venue"],
    ) == [("Research Fellow", "Ports", True)]


# ---------- an appearance added by hand


def test_an_appearance_added_by_hand_is_checked_counted_and_undone(db):
    live = Article(
        title="Live on the evening news",
        outlet="France 24",
        date=dt.date(2026, 10, 20),
        experts=[ExpertMention("Élodie Marchand-Vasseur", "on-air")],
        kind="appearance",
    )
    edit = curation.add_by_hand(db, live, "a", load_organisation(), "live, not clipped", TODAY)
    assert counts_by_outlet(db)["france-24"] == 1
    with pytest.raises(CurationError, match="in the store already"):
        curation.add_by_hand(db, live, "a", load_organisation(), today=TODAY)
    with pytest.raises(CurationError, match="in the future"):
        future = Article(title="x", outlet="RFI", date=dt.date(2999, 1, 1))
        curation.add_by_hand(db, future, "a", load_organisation(), today=TODAY)
    curation.undo(db, edit, "a")
    assert "france-24" not in counts_by_outlet(db)


# ---------- the queue


def test_the_queue_lists_unknown_outlets_with_their_evidence(db):
    con = open_read_only(db)
    try:
        items = curation.queue(con)
    finally:
        con.close()
    [outlet] = items["unknown_outlet"]
    assert (outlet.key, outlet.appearances) == ("gazette-du-littoral", 2)
    assert "clippings.csv, row 3: Un port en mutation" in outlet.evidence
    assert [item.key for item in items["no_expert"]] == [UNSIGNED]


def test_an_english_and_a_french_entry_for_one_appearance_are_paired_and_can_be_dismissed(
    db,
):
    pair = (
        "date,outlet,headline,experts,language,url\n"
        "2026-11-03,Le Monde,Why Europe's grids fail,Élodie Marchand-Vasseur,en,https://a.example/en\n"
        "2026-11-04,Le Monde,Pourquoi les réseaux européens lâchent,Élodie Marchand-Vasseur,fr,"
        "https://a.example/fr\n"
    )
    do_import(db, pair, "pair.csv")
    con = open_read_only(db)
    try:
        [item] = curation.queue(con)["duplicate"]
    finally:
        con.close()
    assert "two languages" in item.detail["why"]
    curation.not_duplicates(db, item.detail["first"], item.detail["second"], "a")
    con = open_read_only(db)
    try:
        assert curation.queue(con)["duplicate"] == []
    finally:
        con.close()


@pytest.mark.parametrize(
    ("first", "second", "paired"),
    [
        (("Grids under strain", ["A"], "en"), ("Grids under strain!", [], "en"), True),
        (("Why Europe fails", ["A"], "en"), ("Pourquoi l'Europe échoue", ["A"], "fr"), True),
        (("Putin and NATO in Ukraine", [], "en"), ("Poutine, l'OTAN et Ukraine", [], "fr"), False),
        (
            ("Macron meets Scholz in Berlin", [], "en"),
            ("Macron et Scholz à Berlin", [], "fr"),
            True,
        ),
        (("Oil prices", ["A"], "en"), ("Elections in Chile", ["A"], "en"), False),
        (  # the two name their expert, and nothing else alike
            ("Markets and Camille Dupont-Leroy", ["Camille Dupont-Leroy"], "en"),
            ("Elections in Chile with Camille Dupont-Leroy", ["Camille Dupont-Leroy"], "en"),
            False,
        ),
        (  # the same, with names a title's words would split
            ("Ana Pérez-García: Oil", ["Ana Pérez-García"], "en"),
            ("Ana Pérez-García: Chile", ["Ana Pérez-García"], "en"),
            False,
        ),
        (  # one interview titled with its expert's name alone
            ("Ana Pérez-García", ["Ana Pérez-García"], "en"),
            ("Ana Perez-Garcia", ["Ana Pérez-García"], "en"),
            True,
        ),
        (  # a web title and a print title of one interview
            ("Camille Dupont-Leroy: « Europe must prepare for a long war »", ["C"], "en"),
            ("« Europe must prepare for a long war », says Camille Dupont-Leroy", ["C"], "en"),
            True,
        ),
        (("Oil prices", [], "en"), ("Elections in Chile", [], "en"), False),
    ],
)
def test_what_makes_two_appearances_likely_one(first, second, paired):
    assert (curation.duplicate_reason(first, second) is not None) is paired


# ---------- the command line


def test_the_command_line_merges_excludes_undoes_and_exports(db, tmp_path, capsys):
    base = ["--db", str(db), "--who", "claire"]
    assert curate([*base, "merge", "outlet", "Gazette du Littoral", "Le Figaro"]) == 0
    assert curate([*base, "exclude", GRIDS, "--why", "press release"]) == 0
    assert counts_by_outlet(db) == {"le-figaro": 2}
    assert curate([*base, "undo", "1"]) == 0
    assert counts_by_outlet(db) == {"gazette-du-littoral": 2}
    assert curate([*base, "undo", "1"]) == 1
    assert "undone already" in capsys.readouterr().err
    out = tmp_path / "edits.csv"
    assert curate([*base, "export", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("edit_id,who,made_at,record_kind")
    assert len(lines) == 4  # two edits and one undo


def test_a_spreadsheet_of_corrections_names_each_refused_row_and_makes_the_others(
    db, tmp_path, capsys
):
    sheet = tmp_path / "corrections.csv"
    sheet.write_text(
        "action,record,value,why\n"
        f"date,{GRIDS},2026-09-30,page says so\n"
        "merge-outlet,Gazette du Littoral,Nowhere Herald,\n"
        f"exclude,{PORT},,not about us\n"
        "shout,1,,\n",
        encoding="utf-8",
    )
    assert curate(["--db", str(db), "--who", "claire", "apply", str(sheet)]) == 1
    out = capsys.readouterr().out
    assert f"{sheet}, row 3: refused: No outlet 'Nowhere Herald'" in out
    assert f"{sheet}, row 5: refused: 'shout' is not an action" in out
    assert values(db, GRIDS)["published"] == dt.date(2026, 9, 30)
    assert values(db, PORT)["excluded"] == "not about us"
