"""Invisible and look-alike characters in names: they never make a new expert or outlet, a name
of nothing but invisible characters is refused, and every name has a slug links keep."""

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import duckdb
import pytest

from data.ingest import apply_import, plan_import
from data.names import DEFAULT_IGNORABLE, clean
from data.organisation import load_organisation, slugify
from queries.filters import Filters

ROOT = Path(__file__).resolve().parents[2]
ORG = ROOT / "examples" / "ifri"
ROSTER = "Thomas Gomart"

# each attack: the roster name with invisible or look-alike characters in it
ATTACKS = {
    "word joiner": "Thomas\u2060 Gomart",
    "word joiner inside": "Tho\u2060mas Gomart",
    "soft hyphen": "Tho\u00admas Go\u00admart",
    "Arabic letter mark": "\u061cThomas Gomart",
    "combining grapheme joiner": "Th\u034fomas Gomart",
    "zero width space": "Thomas\u200b Gomart",
    "tag characters": "Thomas Gomart" + "".join(chr(0xE0000 + ord(c)) for c in "evil"),
    "Cyrillic a": "Thomas Gom\u0430rt",
    "Cyrillic o and Greek o": "Th\u043emas G\u03bfmart",
    "fullwidth letters": "\uff34homas Gomart",
    "Cyrillic capital T": "\u0422homas Gomart",
    "a whole word in Cyrillic look-alikes": "\u0422\u041d\u041e\u041c\u0410\u0405 GOMART",
}
INVISIBLE = {
    "Hangul filler": "\u3164",
    "halfwidth Hangul filler": "\uffa0",
    "joiners": "\u2060\u00ad",
}


@pytest.fixture(scope="module")
def org():
    return load_organisation(ORG)


def sheet(rows: list[tuple[str, str, str]]) -> bytes:
    lines = ["Date,Outlet,Headline,Experts"]
    lines += [f"2024-03-{i + 1:02},{o},{h},{e}" for i, (o, h, e) in enumerate(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def import_sheet(tmp_path, org, data: bytes):
    db = tmp_path / "media.duckdb"
    plan = plan_import([("clippings.csv", data)], None, org)
    apply_import(plan, db, origin="cli")
    return plan, db


def stored(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def has_invisible(text: str) -> bool:
    return any(lo <= ord(c) <= hi for c in text for lo, hi in DEFAULT_IGNORABLE) or any(
        unicodedata.category(c) == "Cc" for c in text
    )


def test_every_attack_on_a_roster_name_resolves_to_the_roster_expert(tmp_path, org):
    rows = [("Le Monde", f"Headline {i}", name) for i, name in enumerate(ATTACKS.values())]
    plan, db = import_sheet(tmp_path, org, sheet(rows))
    assert plan.rejected == []
    assert plan.new_experts == []
    assert [p.article.expert_names for p in plan.new] == [[ROSTER]] * len(ATTACKS)
    per_expert = stored(
        db,
        "SELECT e.name, e.slug, count(*) FROM article_experts JOIN experts e USING (expert_id)"
        " GROUP BY ALL",
    )
    assert per_expert == [(ROSTER, "thomas-gomart", len(ATTACKS))]
    names = [
        n for (n,) in stored(db, "SELECT name FROM experts UNION ALL SELECT name FROM outlets")
    ]
    assert not [n for n in names if has_invisible(n)]


def test_a_new_expert_written_with_look_alikes_is_one_expert_stored_without_them(tmp_path, org):
    spellings = [
        "Jane Doe",
        "Jane\u00ad Doe",
        "J\u0430ne Doe",
        "Jane D\u043ee\u200f",
        "Jane\u2060Doe",
    ]
    rows = [("Le Monde", f"Piece {i}", s) for i, s in enumerate(spellings[:4])]
    plan, db = import_sheet(tmp_path, org, sheet(rows))
    assert plan.new_experts == ["Jane Doe"]
    assert stored(db, "SELECT name, slug FROM experts WHERE NOT confirmed") == [
        ("Jane Doe", "jane-doe")
    ]


def test_a_look_alike_outlet_is_the_roster_outlet(tmp_path, org):
    rows = [("Le M\u043ende", "A", ROSTER), ("Le\u2060 Monde\u00ad", "B", ROSTER)]
    plan, db = import_sheet(tmp_path, org, sheet(rows))
    assert plan.new_outlets == []
    assert {p.outlet for p in plan.new} == {"Le Monde"}


@pytest.mark.parametrize("what", INVISIBLE)
def test_an_invisible_expert_name_is_refused_naming_file_and_row(tmp_path, org, what):
    data = sheet([("Le Monde", "Good", ROSTER), ("Le Monde", "Bad", INVISIBLE[what])])
    plan, db = import_sheet(tmp_path, org, data)
    assert [str(r) for r in plan.rejected] == [
        f"clippings.csv, row 3: expert name {ascii(INVISIBLE[what])} has no visible character"
    ]
    assert [p.article.title for p in plan.new] == ["Good"]
    assert stored(db, "SELECT name FROM experts WHERE NOT confirmed") == []


def test_an_invisible_outlet_or_topic_is_refused(tmp_path, org):
    data = (
        "Date,Outlet,Headline,Experts,Tags\n"
        f"2024-03-01,\u3164,Outlet,{ROSTER},\n"
        f"2024-03-02,Le Monde,Topic,{ROSTER},Europe;\u2060\u00ad\n"
    ).encode()
    plan = plan_import([("clippings.csv", data)], None, org)
    assert [str(r) for r in plan.rejected] == [
        "clippings.csv, row 2: outlet name '\\u3164' has no visible character",
        "clippings.csv, row 3: topic name '\\u2060\\xad' has no visible character",
    ]


def test_the_command_line_refuses_the_invisible_expert_and_stores_no_twin(tmp_path):
    path = tmp_path / "clippings.csv"
    path.write_bytes(sheet([("Le Monde", "One", ATTACKS["Cyrillic a"]), ("RFI", "Two", "\u3164")]))
    db = tmp_path / "media.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "data.ingest", "--db", str(db), "--org", str(ORG), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert f"{path}, row 3: expert name '\\u3164' has no visible character" in done.stdout
    assert stored(
        db, "SELECT DISTINCT e.name FROM article_experts JOIN experts e USING (expert_id)"
    ) == [(ROSTER,)]


FOREIGN_OUTLETS = {
    "Greek": "Η Καθημερινή",
    "Cyrillic": "Известия",
    "Arabic": "الجزيرة",
    "Chinese": "人民日报",
}


def test_non_latin_outlets_get_slugs_a_link_keeps(tmp_path, org):
    rows = [(name, f"Piece {i}", ROSTER) for i, name in enumerate(FOREIGN_OUTLETS.values())]
    plan, db = import_sheet(tmp_path, org, sheet(rows))
    assert sorted(plan.new_outlets) == sorted(FOREIGN_OUTLETS.values())
    slugs = dict(stored(db, "SELECT name, slug FROM outlets WHERE NOT confirmed"))
    assert set(slugs) == set(FOREIGN_OUTLETS.values())
    assert slugs["Известия"] == "izvestiya"
    for slug in slugs.values():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]{0,99}", slug)
    link = Filters(outlets=tuple(slugs.values())).to_query_params()
    back, notices = Filters.from_query_params(link, known={"outlets": set(slugs.values())})
    assert notices == []
    assert set(back.outlets) == set(slugs.values())


def test_a_name_with_no_latin_form_gets_a_stable_fallback_slug():
    assert slugify("🙂", "outlet") == slugify("🙂", "outlet")
    assert re.fullmatch(r"outlet-[0-9a-f]{10}", slugify("🙂", "outlet"))
    assert slugify("🙂", "expert").startswith("expert-")
    long = "A" * 150
    assert len(slugify(long)) == 100 and slugify(long) != slugify(long + "B")


def _slug_before(name: str) -> str:
    """Slugs as they were before names were cleaned and transliterated."""
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    ).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", folded).split()).replace(" ", "-").replace("_", "-")


@pytest.mark.parametrize("folder", [ROOT / "data" / "reference", ORG], ids=["reference", "ifri"])
def test_the_slugs_of_latin_names_do_not_change(folder):
    org = load_organisation(folder)
    entries = [*org.experts, *org.outlets]
    assert len(entries) > 20
    assert [e.slug for e in entries] == [_slug_before(e.name) for e in entries]


def test_clean_keeps_what_a_name_says():
    assert clean("  Moïsi\u200b  Dominique ") == "Moïsi Dominique"
    assert clean("Ele\u034f\u0301na") == "Eléna"  # the accent finds its letter again
    assert clean("Le\tMonde\n") == "Le Monde"
    assert clean("ㅤ") == ""


def test_two_spellings_of_one_expert_in_one_row_are_one_mention(tmp_path, org):
    row = ("Le Monde", "Both", f"{ROSTER}; {ATTACKS['Cyrillic a']}")
    plan, db = import_sheet(tmp_path, org, sheet([row]))
    assert [p.article.expert_names for p in plan.new] == [[ROSTER]]
    assert stored(db, "SELECT count(*) FROM article_experts") == [(1,)]
