"""Random sequences of edits, merges, exclusions and undos, interleaved with imports, re-imports
and removals, leave the store equal to an independent recomputation from the edit history and
the imports: each appearance's value is the latest edit in force, else what its last import
read, named through the merges in force. Every write checks the store's rules, the rollups'
recount included (tests/conftest.py), and the counts the pages show are recounted here."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import curation
from data.dedupe import normalise_url
from data.ingest import apply_import, plan_import
from data.integrity import check_integrity
from data.organisation import load_organisation, slugify
from data.removal import remove_import
from data.store import open_read_only
from data.vocabulary import ROLES
from queries import run
from queries.filters import Filters

REFERENCE_OUTLETS = {"Le Monde": "le-monde", "Le Figaro": "le-figaro"}
ROSTER = {
    "Élodie Marchand-Vasseur": "elodie-marchand-vasseur",
    "Bastien Lefranc-Oudard": "bastien-lefranc-oudard",
}
PINNED_TOPICS = ("Energy", "Ports")  # carried by the first import, never removed nor edited
TOPICS = (*PINNED_TOPICS, "Grids", "Harbours")


@dataclass(frozen=True)
class Record:
    name: str
    outlet: str
    expert: str | None
    topic: str
    day: int

    @property
    def url(self) -> str:
        return f"https://news.example/{self.name}"

    @property
    def key(self) -> str:
        return "url:" + normalise_url(self.url)

    @property
    def title(self) -> str:
        return f"Story {self.name}"


PINNED = [
    Record("p1", "Le Monde", "Élodie Marchand-Vasseur", "Energy", 1),
    Record("p2", "Le Figaro", None, "Ports", 2),
]
RECORDS = [
    Record("r1", "Gazette du Littoral", "Jeanne Nouvelle-Venue", "Grids", 3),
    Record("r2", "Nordic Ledger Weekly", "Bastien Lefranc-Oudard", "Harbours", 4),
    Record("r3", "Gazette du Littoral", "Paul Inconnu-Tartempion", "Ports", 5),
    Record("r4", "Le Monde", "Jeanne Nouvelle-Venue", "Harbours", 6),
    Record("r5", "Nordic Ledger Weekly", None, "Grids", 7),
]
FILES = [RECORDS[0:2], RECORDS[1:4], [RECORDS[4], RECORDS[0]]]
KNOWN_DAY = dt.date(2025, 1, 1)


def sheet(records: list[Record]) -> bytes:
    lines = ["date,outlet,headline,experts,tags,url"]
    for r in records:
        day = (KNOWN_DAY + dt.timedelta(days=r.day)).isoformat()
        lines.append(f"{day},{r.outlet},{r.title},{r.expert or ''},{r.topic},{r.url}")
    return ("\n".join(lines) + "\n").encode()


# ---------- the independent recomputation


@dataclass
class Model:
    """What the store must hold, from the imports and the edit history alone."""

    raw: dict[str, dict] = field(default_factory=dict)  # key -> values its last import read
    run_of: dict[str, int] = field(default_factory=dict)  # key -> the import that holds it
    runs: dict[int, list[str]] = field(default_factory=dict)  # live import -> keys it added
    outlet_alias: dict[str, str] = field(default_factory=dict)  # unknown name -> outlet slug
    expert_alias: dict[str, str] = field(default_factory=dict)
    outlets: set[str] = field(default_factory=set)  # the unknown outlets in the store
    experts: set[str] = field(default_factory=set)  # the unconfirmed experts in the store
    tags: set[str] = field(default_factory=set)
    edits: dict[int, dict] = field(default_factory=dict)  # in force: id -> the edit

    def merges(self, kind: str) -> dict[str, str]:
        return {
            e["key"]: e["after"]
            for e in self.edits.values()
            if e["kind"] == kind and e["field"] == "merged_into"
        }

    def value(self, key: str, name: str):
        chosen = self.raw[key][name]
        for edit in sorted(self.edits.values(), key=lambda e: e["id"]):
            if edit["kind"] == "appearance" and edit["key"] == key and edit["field"] == name:
                chosen = edit["after"]
        if name == "outlet":
            return self.merges("outlet").get(chosen, chosen)
        if name == "experts":
            into, roles = self.merges("expert"), {}
            for slug, role in sorted(chosen):
                roles.setdefault(into.get(slug, slug), role)
            return tuple(sorted(roles.items()))
        if name == "topics":
            into = self.merges("topic")
            return frozenset(into.get(slug, slug) for slug in chosen)
        return chosen

    def appearances(self) -> dict[str, tuple]:
        return {
            key: tuple(self.value(key, name) for name in FIELDS)
            for key in self.raw
            if key in self.run_of
        }

    def after_write(self) -> None:
        """What every write's replay does beyond the values: merged records go."""
        self.outlets -= set(self.merges("outlet"))
        self.experts -= set(self.merges("expert"))
        self.tags -= set(self.merges("topic"))
        for key in self.run_of:
            self.tags |= self.value(key, "topics")

    def imported(self, run_id: int, records: list[Record]) -> None:
        added = []
        for r in records:
            if r.key in self.run_of:
                continue  # a duplicate
            outlet = REFERENCE_OUTLETS.get(r.outlet) or self.outlet_alias.get(r.outlet)
            if outlet is None:
                outlet = self.outlet_alias[r.outlet] = slugify(r.outlet, "outlet")
                self.outlets.add(outlet)
            experts = ()
            if r.expert:
                slug = ROSTER.get(r.expert) or self.expert_alias.get(r.expert)
                if slug is None:
                    slug = self.expert_alias[r.expert] = slugify(r.expert, "expert")
                    self.experts.add(slug)
                experts = ((slug, "quoted"),)
            topic = slugify(r.topic, "topic")
            self.tags.add(topic)
            self.raw[r.key] = {
                "title": r.title,
                "outlet": outlet,
                "published": KNOWN_DAY + dt.timedelta(days=r.day),
                "experts": experts,
                "topics": frozenset({topic}),
                "excluded": None,
            }
            self.run_of[r.key] = run_id
            added.append(r.key)
        self.runs[run_id] = added
        self.after_write()

    def removed(self, run_id: int) -> None:
        for key in self.runs.pop(run_id):
            del self.run_of[key]
        # the removal's cleanup, before its replay: what no appearance uses goes
        left = list(self.run_of)
        used_outlets = {self.value(k, "outlet") for k in left}
        used_experts = {slug for k in left for slug, _ in self.value(k, "experts")}
        self.tags = {slug for k in left for slug in self.value(k, "topics")}
        for names, alias, used in (
            (self.outlets, self.outlet_alias, used_outlets),
            (self.experts, self.expert_alias, used_experts),
        ):
            for slug in set(names) - used:
                names.discard(slug)
                for name in [n for n, s in alias.items() if s == slug]:
                    del alias[name]
        self.after_write()

    def merged(self, edit_id: int, kind: str, gone: str, kept: str) -> None:
        alias = {"outlet": self.outlet_alias, "expert": self.expert_alias}.get(kind, {})
        moved = [name for name, slug in alias.items() if slug == gone]
        for name in moved:
            alias[name] = kept
        self.edits[edit_id] = {
            "id": edit_id, "kind": kind, "key": gone, "field": "merged_into", "after": kept,
            "aliases": moved,
        }  # fmt: skip
        self.after_write()

    def undone(self, edit_id: int) -> None:
        edit = self.edits.pop(edit_id)
        if edit["field"] == "merged_into":
            kind, gone = edit["kind"], edit["key"]
            {"outlet": self.outlets, "expert": self.experts, "topic": self.tags}[kind].add(gone)
            alias = {"outlet": self.outlet_alias, "expert": self.expert_alias}.get(kind, {})
            for name in edit["aliases"]:
                alias[name] = gone
        self.after_write()


FIELDS = ("title", "outlet", "published", "experts", "topics", "excluded")


def stored(db: Path) -> dict[str, tuple]:
    con = open_read_only(db)
    try:
        keys = [k for (k,) in con.execute("SELECT dedupe_key FROM articles").fetchall()]
        found = curation.appearance_values(con, keys)
    finally:
        con.close()
    return {
        key: (
            v["title"],
            v["outlet"],
            v["published"],
            v["experts"],
            frozenset(slugify(t, "topic") for t in v["topics"]),
            v["excluded"],
        )
        for key, v in found.items()
    }


def check(db: Path, model: Model) -> None:
    expected = model.appearances()
    assert stored(db) == expected
    con = duckdb.connect(str(db), read_only=True)
    try:
        check_integrity(con, recount_rollups=True)
        unknown = {
            s for (s,) in con.execute("SELECT slug FROM outlets WHERE NOT confirmed").fetchall()
        }
        unconfirmed = {
            s for (s,) in con.execute("SELECT slug FROM experts WHERE NOT confirmed").fetchall()
        }
        tags = {s for (s,) in con.execute("SELECT slug FROM tags").fetchall()}
    finally:
        con.close()
    assert (unknown, unconfirmed, tags) == (model.outlets, model.experts, model.tags)
    counted = [v for v in expected.values() if v[5] is None]
    by_outlet: dict[str, int] = {}
    by_expert: dict[str, int] = {}
    for v in counted:
        by_outlet[v[1]] = by_outlet.get(v[1], 0) + 1
        for slug, _ in v[3]:
            by_expert[slug] = by_expert.get(slug, 0) + 1
    con = open_read_only(db)
    try:
        outlets = run(con, "top_outlets", Filters(), limit=100)
        experts = run(con, "top_experts", Filters(), limit=100)  # from the rollup
    finally:
        con.close()
    assert dict(zip(outlets["slug"], outlets["appearances"], strict=True)) == by_outlet
    assert dict(zip(experts["slug"], experts["appearances"], strict=True)) == by_expert


# ---------- the steps

OPS = (
    "import", "remove", "title", "date", "outlet", "experts", "topics", "exclude",
    "merge_outlet", "merge_expert", "merge_topic", "undo",
)  # fmt: skip
steps = st.lists(
    st.tuples(st.sampled_from(OPS), st.integers(0, 63), st.integers(0, 63)), max_size=9
)


def do_import(db: Path, records: list[Record]) -> int:
    con = open_read_only(db) if db.exists() else None
    try:
        plan = plan_import([("sheet.csv", sheet(records))], con, load_organisation())
    finally:
        if con is not None:
            con.close()
    return apply_import(plan, db, origin="cli").run_id


def step(db: Path, model: Model, op: str, i: int, j: int) -> None:
    present = sorted(model.run_of)
    editable = [k for k in present if k not in {r.key for r in PINNED}]
    who = "property"
    if op == "import":
        run_id = do_import(db, FILES[i % len(FILES)])
        model.imported(run_id, FILES[i % len(FILES)])
    elif op == "remove":
        live = sorted(r for r in model.runs if r != 1)
        if live:
            remove_import(live[i % len(live)], db)
            model.removed(live[i % len(live)])
    elif op in ("title", "date", "outlet", "experts", "topics"):
        targets = editable if op in ("outlet", "experts", "topics") else present
        if not targets:
            return
        key = targets[i % len(targets)]
        name, value, model_value = _change(op, j)
        if _same(model.value(key, name), model_value, name, model):
            return
        [edit_id] = curation.edit_appearance(db, key, {name: value}, who)
        model.edits[edit_id] = {
            "id": edit_id, "kind": "appearance", "key": key, "field": name, "after": model_value,
        }  # fmt: skip
        model.after_write()
    elif op == "exclude" and present:
        key = present[i % len(present)]
        if model.value(key, "excluded") is None:
            edit_id, after = curation.exclude(db, key, f"reason {j}", who), f"reason {j}"
        else:
            edit_id, after = curation.include(db, key, who), None
        model.edits[edit_id] = {
            "id": edit_id, "kind": "appearance", "key": key, "field": "excluded", "after": after,
        }  # fmt: skip
        model.after_write()
    elif op.startswith("merge_"):
        kind = op.removeprefix("merge_")
        gone_from = sorted({"outlet": model.outlets, "expert": model.experts}.get(kind, ()))
        kept_from = {
            "outlet": sorted(REFERENCE_OUTLETS.values()),
            "expert": sorted(ROSTER.values()),
            "topic": [slugify(t, "topic") for t in PINNED_TOPICS],
        }[kind]
        if kind == "topic":
            gone_from = sorted(model.tags - set(kept_from))
        if gone_from:
            gone, kept = gone_from[i % len(gone_from)], kept_from[j % len(kept_from)]
            model.merged(curation.merge(db, kind, gone, kept, who), kind, gone, kept)
    elif op == "undo" and model.edits:
        edit_id = sorted(model.edits)[i % len(model.edits)]
        curation.undo(db, edit_id, who)
        model.undone(edit_id)


def _change(op: str, j: int):
    """(field, the value the edit is given, the value as the model keeps it)."""
    if op == "title":
        return "title", f"Edited {j}", f"Edited {j}"
    if op == "date":
        day = None if j % 5 == 0 else KNOWN_DAY + dt.timedelta(days=j)
        return "published", day, day
    if op == "outlet":
        slug = sorted(REFERENCE_OUTLETS.values())[j % 2]
        return "outlet", slug, slug
    roles = list(ROLES)
    if op == "experts":
        chosen = [
            (slug, roles[(j >> 2) % len(roles)])
            for n, slug in enumerate(sorted(ROSTER.values()))
            if j >> n & 1
        ]
        return "experts", chosen, tuple(chosen)
    names = [t for n, t in enumerate(TOPICS) if j >> n & 1]
    return "topics", names, frozenset(slugify(t, "topic") for t in names)


def _same(now, wanted, name: str, model: Model) -> bool:
    """Whether the edit would change nothing (the store refuses it): as the store compares."""
    if name == "experts":
        return tuple(sorted(wanted)) == now
    if name == "topics":
        into = model.merges("topic")
        return frozenset(into.get(s, s) for s in wanted) == now
    if name == "outlet":
        return model.merges("outlet").get(wanted, wanted) == now
    return wanted == now


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(steps)
def test_the_store_equals_the_imports_with_the_edits_in_force_applied(sequence):
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "media.duckdb"
        model = Model()
        model.imported(do_import(db, PINNED), PINNED)
        for op, i, j in [("import", 0, 0), *sequence]:
            step(db, model, op, i, j)
        check(db, model)
