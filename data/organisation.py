"""The organisation as configuration: a folder with organisation.toml, experts.csv, outlets.csv.

    organisation.toml   name = "...", [aliases] en = [...], fr = [...],
                        tags = [...] (optional: multi-word keywords, to split a keyword line)
    experts.csv         name,aliases,role,programme          (aliases joined by "|")
    outlets.csv         name,aliases,media_type,country,language[,tier]   (tier: 1, 2 or 3)

`data/reference/` is the demo organisation; `examples/ifri/` a real one.
"""

from __future__ import annotations

import csv
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"


def fold(text: str) -> str:
    """Lower case without accents: 'Moïsi' -> 'moisi'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def alias_key(name: str) -> str:
    """The form names are matched on: folded, punctuation and hyphens as spaces, one space."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(name)).split())


def slugify(name: str) -> str:
    """A stable, URL-safe id: 'Le Monde diplomatique' -> 'le-monde-diplomatique'."""
    return alias_key(name).replace(" ", "-").replace("_", "-") or "unnamed"


@dataclass(frozen=True)
class OutletRef:
    name: str
    aliases: tuple[str, ...] = ()
    media_type: str | None = None
    country: str | None = None
    language: str | None = None
    tier: int | None = None  # 1, 2 or 3 by reach (data/vocabulary.py TIERS); None: not ranked

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class ExpertRef:
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    programme: str | None = None

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class Organisation:
    name: str
    aliases: dict[str, tuple[str, ...]]  # language -> names the organisation goes by
    experts: tuple[ExpertRef, ...]
    outlets: tuple[OutletRef, ...]
    folder: Path
    tags: tuple[str, ...] = ()

    def all_aliases(self) -> tuple[str, ...]:
        return (self.name, *(a for names in self.aliases.values() for a in names))


def _split_aliases(cell: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (cell or "").split("|") if a.strip())


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def organisation_folder() -> Path:
    """The organisation in use: $PRESSWATCH_ORG, else the demo organisation (data/reference)."""
    return Path(os.environ.get("PRESSWATCH_ORG") or REFERENCE_DIR)


def load_organisation(folder: str | Path | None = None) -> Organisation:
    folder = Path(folder) if folder else organisation_folder()
    config = tomllib.loads((folder / "organisation.toml").read_text(encoding="utf-8"))
    experts = tuple(
        ExpertRef(
            name=row["name"],
            aliases=_split_aliases(row.get("aliases")),
            role=row.get("role") or None,
            programme=row.get("programme") or None,
        )
        for row in _read_csv(folder / "experts.csv")
    )
    outlets = tuple(
        OutletRef(
            name=row["name"],
            aliases=_split_aliases(row.get("aliases")),
            media_type=row.get("media_type") or None,
            country=row.get("country") or None,
            language=row.get("language") or None,
            tier=int(row["tier"]) if row.get("tier") else None,
        )
        for row in _read_csv(folder / "outlets.csv")
    )
    aliases = {lang: tuple(names) for lang, names in config.get("aliases", {}).items()}
    tags = tuple(config.get("tags", ()))
    return Organisation(config["name"], aliases, experts, outlets, folder, tags)


def upsert_reference(con: duckdb.DuckDBPyConnection, org: Organisation) -> None:
    """Make the store's outlets and experts (and their aliases) include the organisation's lists.

    Existing rows keep their ids; reference attributes win over what an import guessed. Set-based
    (a few statements, not a few per row), so every import can afford it.
    """
    from data.store import next_id

    outlets = pd.DataFrame(
        [
            (i, o.slug, o.name, o.media_type, o.country, o.language, o.tier)
            for i, o in enumerate(org.outlets)
        ],
        columns=["position", "slug", "name", "media_type", "country", "language", "tier"],
    ).astype({"tier": "Int64"})
    con.register("ref_outlets", outlets.drop_duplicates("slug", keep="last"))
    con.register("ref_outlet_aliases", _alias_frame(org.outlets))
    con.execute(
        "UPDATE outlets SET name = r.name, media_type = r.media_type, country = r.country,"
        " language = r.language, tier = r.tier, confirmed = true"
        " FROM ref_outlets r WHERE outlets.slug = r.slug"
    )
    con.execute(
        "INSERT INTO outlets (outlet_id, slug, name, media_type, country, language, tier)"
        " SELECT $first + row_number() OVER (ORDER BY position) - 1, slug, name, media_type,"
        " country, language, tier"
        " FROM ref_outlets WHERE slug NOT IN (SELECT slug FROM outlets)",
        {"first": next_id(con, "outlets", "outlet_id")},
    )
    con.execute(
        "INSERT OR REPLACE INTO outlet_aliases (alias_key, outlet_id)"
        " SELECT a.alias_key, o.outlet_id FROM ref_outlet_aliases a JOIN outlets o USING (slug)"
    )

    experts = pd.DataFrame(
        [(i, e.slug, e.name, e.role, e.programme) for i, e in enumerate(org.experts)],
        columns=["position", "slug", "name", "role", "programme"],
    )
    con.register("ref_experts", experts.drop_duplicates("slug", keep="last"))
    con.register("ref_expert_aliases", _alias_frame(org.experts))
    con.execute(
        "UPDATE experts SET name = r.name, role = r.role, programme = r.programme,"
        " confirmed = true FROM ref_experts r WHERE experts.slug = r.slug"
    )
    con.execute(
        "INSERT INTO experts (expert_id, slug, name, role, programme)"
        " SELECT $first + row_number() OVER (ORDER BY position) - 1, slug, name, role, programme"
        " FROM ref_experts WHERE slug NOT IN (SELECT slug FROM experts)",
        {"first": next_id(con, "experts", "expert_id")},
    )
    con.execute(
        "INSERT OR REPLACE INTO expert_aliases (alias_key, expert_id)"
        " SELECT a.alias_key, e.expert_id FROM ref_expert_aliases a JOIN experts e USING (slug)"
    )
    for view in ("ref_outlets", "ref_outlet_aliases", "ref_experts", "ref_expert_aliases"):
        con.unregister(view)


def _alias_frame(entries: tuple[OutletRef, ...] | tuple[ExpertRef, ...]) -> pd.DataFrame:
    """(alias_key, slug) for every spelling of every entry; a later entry wins a shared spelling."""
    pairs = [(alias_key(a), e.slug) for e in entries for a in (e.name, *e.aliases)]
    frame = pd.DataFrame(pairs, columns=["alias_key", "slug"])
    return frame.drop_duplicates("alias_key", keep="last")
