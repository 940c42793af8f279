"""An import plan written to the store in one transaction, set-based.

The plan becomes a few Arrow tables (`batch_tables`, pure), registered on the write connection;
data/ingest/sql/write.sql adds the new outlets, experts, topics and aliases, the appearances and
their links, the headlines stored bylines gain and the rejects, in a handful of statements
whatever the number of rows or names (one statement per row is ~100x slower for a clipping
export of thousands of rows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from data.ingest import sql, stored
from data.ingest.planning import NO_OUTLET, ImportPlan, Planned
from data.ingest.reading import Reject
from data.organisation import alias_key, slugify, upsert_reference
from data.store import next_id, write_batch


@dataclass
class RunSummary:
    run_id: int
    n_new: int
    n_duplicate: int
    n_rejected: int
    rejected: list[Reject]
    new_experts: list[str]
    new_outlets: list[str]
    warnings: list[str] = field(default_factory=list)  # files read with low confidence
    notes: list[str] = field(default_factory=list)  # how each spreadsheet was read

    def __str__(self) -> str:
        run = f"import {self.run_id}" if self.run_id else "nothing imported"
        lines = [
            f"{run}: {self.n_new} new, {self.n_duplicate} duplicates, {self.n_rejected} rejected"
        ]
        lines += [f"  read      {note}" for note in self.notes]
        lines += [f"  rejected  {reject}" for reject in self.rejected]
        lines += [f"  warning   {warning}" for warning in self.warnings]
        lines += [f"  new expert to confirm: {name}" for name in self.new_experts]
        lines += [f"  new outlet to confirm: {name}" for name in self.new_outlets]
        return "\n".join(lines)


def apply_import(
    plan: ImportPlan, db_path: str | Path | None = None, origin: str = "import-page"
) -> RunSummary:
    """Write the plan's new appearances, and the run and its rejects, in one transaction.

    A plan with nothing to add or count (every file refused) writes nothing at all: a refused
    import leaves the store byte for byte as it was. Its summary has run_id 0.
    """
    if not plan.new and not plan.duplicates:
        return RunSummary(
            0, 0, 0, len(plan.rejected), plan.rejected, [], [], plan.warnings, plan.notes
        )
    with write_batch(db_path) as con:
        return write_plan(con, plan, origin)


def write_plan(con: duckdb.DuckDBPyConnection, plan: ImportPlan, origin: str) -> RunSummary:
    """The plan written inside the caller's write (an import, or an appearance added by hand)."""
    started = dt.datetime.now()
    upsert_reference(con, plan.org)
    run_id = next_id(con, "ingest_runs", "run_id")
    # the store may have changed since the plan was made
    already = stored.keys(con, [p.key for p in plan.new])
    fresh = [p for p in plan.new if p.key not in already]
    tables = batch_tables(fresh, plan)
    for name, table in tables.items():
        con.register(name, table)
    sql.run(
        con,
        "write",
        run_id=run_id,
        started=started,
        origin=origin,
        sources="\n".join(plan.sources),
        first_outlet=next_id(con, "outlets", "outlet_id"),
        first_expert=next_id(con, "experts", "expert_id"),
        first_tag=next_id(con, "tags", "tag_id"),
        first_article=next_id(con, "articles", "article_id"),
    )
    for name in tables:
        con.unregister(name)
    n_duplicate = len(plan.duplicates) + len(already)
    sql.run(
        con,
        "finish_run",
        run_id=run_id,
        finished=dt.datetime.now(),
        n_new=len(fresh),
        n_duplicate=n_duplicate,
        n_rejected=len(plan.rejected),
    )
    return RunSummary(
        run_id,
        len(fresh),
        n_duplicate,
        len(plan.rejected),
        plan.rejected,
        plan.new_experts,
        plan.new_outlets,
        plan.warnings,
        plan.notes,
    )


def batch_tables(fresh: list[Planned], plan: ImportPlan) -> dict[str, pa.Table]:
    """The tables write.sql reads: the appearances to add (by position, in plan order), their
    expert mentions and topics, the headlines and the rejects."""
    a = [p.article for p in fresh]
    articles = {
        "position": (list(range(len(fresh))), pa.int64()),
        "title": ([x.title for x in a], pa.string()),
        "outlet": ([p.outlet for p in fresh], pa.string()),
        "outlet_key": ([alias_key(p.outlet) for p in fresh], pa.string()),
        "outlet_slug": ([slugify(p.outlet, "outlet") for p in fresh], pa.string()),
        "media_type": ([x.media_type for x in a], pa.string()),
        "country": ([x.country for x in a], pa.string()),
        # nothing to confirm about a missing outlet
        "outlet_confirmed": ([p.outlet == NO_OUTLET for p in fresh], pa.bool_()),
        "published": ([x.date for x in a], pa.date32()),
        "language": ([x.language for x in a], pa.string()),
        "url": ([x.url for x in a], pa.string()),
        "summary": ([x.summary for x in a], pa.string()),
        "kind": ([x.kind for x in a], pa.string()),
        "source_file": ([x.source for x in a], pa.string()),
        "source_format": ([x.source_format for x in a], pa.string()),
        "dedupe_key": ([p.key for p in fresh], pa.string()),
        "reach": ([x.reach for x in a], pa.int64()),
        "uncertain": ([x.uncertain for x in a], pa.string()),
        "source_row": ([x.row_number for x in a], pa.int32()),
    }
    mentions = [(i, n, m.name, m.role) for i, x in enumerate(a) for n, m in enumerate(x.experts)]
    experts = {
        "position": ([m[0] for m in mentions], pa.int64()),
        "ord": ([m[1] for m in mentions], pa.int32()),
        "name": ([m[2] for m in mentions], pa.string()),
        "alias_key": ([alias_key(m[2]) for m in mentions], pa.string()),
        "slug": ([slugify(m[2], "expert") for m in mentions], pa.string()),
        "role": ([m[3] for m in mentions], pa.string()),
    }
    topics = [(i, n, t) for i, x in enumerate(a) for n, t in enumerate(x.tags)]
    tags = {
        "position": ([t[0] for t in topics], pa.int64()),
        "ord": ([t[1] for t in topics], pa.int32()),
        "name": ([t[2] for t in topics], pa.string()),
        "slug": ([slugify(t[2], "topic") for t in topics], pa.string()),
    }
    headlines = {
        "ord": (list(range(len(plan.headlines))), pa.int32()),
        "stored_key": ([key for key, _ in plan.headlines], pa.string()),
        "title": ([copy.article.title for _, copy in plan.headlines], pa.string()),
        "url": ([copy.article.url for _, copy in plan.headlines], pa.string()),
        "dedupe_key": ([copy.key for _, copy in plan.headlines], pa.string()),
    }
    rejects = {
        "ord": (list(range(len(plan.rejected))), pa.int32()),
        "source_file": ([r.source for r in plan.rejected], pa.string()),
        "row_number": ([r.row_number for r in plan.rejected], pa.int32()),
        "reason": ([r.reason for r in plan.rejected], pa.string()),
    }
    return {
        f"batch_{name}": _table(columns)
        for name, columns in (
            ("articles", articles),
            ("experts", experts),
            ("tags", tags),
            ("headlines", headlines),
            ("rejects", rejects),
        )
    }


def _table(columns: dict[str, tuple[list, pa.DataType]]) -> pa.Table:
    return pa.table({name: pa.array(values, type=kind) for name, (values, kind) in columns.items()})
