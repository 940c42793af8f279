"""Writing an import: each new outlet, expert and topic added once, under the spelling first read,
and found again by the next import; each link once; a plan made before another import landed
adds nothing twice."""

from pathlib import Path

import duckdb
import pytest

from data.ingest import apply_import, plan_import
from data.model import ExpertMention
from data.organisation import load_organisation

ROOT = Path(__file__).resolve().parents[2]
HEADER = "Date,Media,Headline,Spokesperson,Topics,Media type\n"


@pytest.fixture(scope="module")
def org():
    return load_organisation(ROOT / "examples" / "ifri")


def sheet(*rows: str) -> list[tuple[str, bytes]]:
    return [("clippings.csv", (HEADER + "\n".join(rows) + "\n").encode())]


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_new_outlet_spelled_three_ways_is_one_outlet_named_as_first_read(tmp_path, org):
    db = tmp_path / "media.duckdb"
    plan = plan_import(
        sheet(
            "2024-03-05,GAZETTE DE MONTREVEL,Le port,,,radio",
            "2024-03-06,Gazette de Montrevel,La gare,,,print",
            "2024-03-07,Gazette_de_Montrevel,Le marché,,,",
        ),
        None,
        org,
    )
    assert apply_import(plan, db).n_new == 3
    assert query(
        db, "SELECT name, media_type, confirmed FROM outlets WHERE slug = 'gazette-de-montrevel'"
    ) == [("GAZETTE DE MONTREVEL", "radio", False)]
    assert query(
        db,
        "SELECT DISTINCT o.name FROM articles a JOIN outlets o USING (outlet_id)",
    ) == [("GAZETTE DE MONTREVEL",)]
    assert query(
        db,
        "SELECT alias_key FROM outlet_aliases JOIN outlets USING (outlet_id)"
        " WHERE slug = 'gazette-de-montrevel'",
    ) == [("gazette de montrevel",)]

    again = plan_import(sheet("2024-04-01,Gazette de Montrevel,Le pont,,,"), None, org)
    apply_import(again, db)
    assert query(db, "SELECT count(*) FROM outlets WHERE name ILIKE 'gazette%'") == [(1,)]
    assert query(db, "SELECT count(DISTINCT outlet_id) FROM articles") == [(1,)]


def test_an_expert_named_twice_in_one_appearance_is_one_link_with_the_first_role(tmp_path, org):
    db = tmp_path / "media.duckdb"
    plan = plan_import(sheet("2024-03-05,RFI,Le port,Jeanne Lenoir; Paul Roux,,"), None, org)
    plan.new[0].article.experts = [
        ExpertMention("Jeanne Lenoir", "interview", in_roster=False),
        ExpertMention("JEANNE LENOIR", "quoted", in_roster=False),
        ExpertMention("Paul Roux", "mentioned", in_roster=False),
    ]
    apply_import(plan, db)
    assert query(
        db,
        "SELECT e.name, e.confirmed, ae.role FROM article_experts ae"
        " JOIN experts e USING (expert_id) ORDER BY e.name",
    ) == [("Jeanne Lenoir", False, "interview"), ("Paul Roux", False, "mentioned")]
    assert query(db, "SELECT count(*) FROM experts WHERE slug = 'jeanne-lenoir'") == [(1,)]


def test_a_topic_written_several_ways_is_one_topic_linked_once(tmp_path, org):
    db = tmp_path / "media.duckdb"
    plan = plan_import(
        sheet(
            '2024-03-05,RFI,Le port,,"Défense; défense; DEFENSE",',
            "2024-03-06,RFI,La gare,,Defense,",
        ),
        None,
        org,
    )
    apply_import(plan, db)
    assert query(db, "SELECT slug, name FROM tags") == [("defense", "Défense")]
    assert query(db, "SELECT count(*) FROM article_tags") == [(2,)]


def test_a_plan_made_before_another_import_landed_adds_nothing_twice(tmp_path, org):
    db = tmp_path / "media.duckdb"
    files = sheet("2024-03-05,RFI,Le port,Jeanne Lenoir,Défense,", "2024-03-06,RFI,La gare,,,")
    stale = plan_import(files, None, org)
    first = apply_import(plan_import(files, None, org), db)
    late = apply_import(stale, db)
    assert (first.n_new, late.n_new, late.n_duplicate) == (2, 0, 2)
    assert query(db, "SELECT count(*) FROM articles") == [(2,)]
    assert query(db, "SELECT count(*) FROM experts WHERE slug = 'jeanne-lenoir'") == [(1,)]
    assert query(db, "SELECT n_new, n_duplicate FROM ingest_runs ORDER BY run_id") == [
        (2, 0),
        (0, 2),
    ]
