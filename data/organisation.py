"""The organisation as configuration: a folder with organisation.toml, experts.csv, outlets.csv.

    organisation.toml   name = "...", [aliases] en = [...], fr = [...],
                        tags = [...] (optional: multi-word keywords, to split a keyword line)
    experts.csv         name,aliases,role,programme          (aliases joined by "|")
    outlets.csv         name,aliases,media_type,country,language

`data/reference/` is the demo organisation; `examples/ifri/` a real one.
"""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import duckdb

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
MEDIA_TYPES = ("print", "online", "tv", "radio", "podcast", "agency")


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


def load_organisation(folder: str | Path = REFERENCE_DIR) -> Organisation:
    folder = Path(folder)
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
        )
        for row in _read_csv(folder / "outlets.csv")
    )
    aliases = {lang: tuple(names) for lang, names in config.get("aliases", {}).items()}
    tags = tuple(config.get("tags", ()))
    return Organisation(config["name"], aliases, experts, outlets, folder, tags)


def upsert_reference(con: duckdb.DuckDBPyConnection, org: Organisation) -> None:
    """Make the store's outlets and experts (and their aliases) include the organisation's lists.

    Existing rows keep their ids; reference attributes win over what an import guessed.
    """
    from data.store import next_id

    for outlet in org.outlets:
        row = con.execute("SELECT outlet_id FROM outlets WHERE slug = ?", [outlet.slug]).fetchone()
        if row:
            outlet_id = row[0]
            con.execute(
                "UPDATE outlets SET name = ?, media_type = ?, country = ?, language = ?,"
                " confirmed = true WHERE outlet_id = ?",
                [outlet.name, outlet.media_type, outlet.country, outlet.language, outlet_id],
            )
        else:
            outlet_id = next_id(con, "outlets", "outlet_id")
            con.execute(
                "INSERT INTO outlets (outlet_id, slug, name, media_type, country, language)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [outlet_id, outlet.slug, outlet.name, outlet.media_type, outlet.country,
                 outlet.language],
            )
        for alias in (outlet.name, *outlet.aliases):
            con.execute(
                "INSERT OR REPLACE INTO outlet_aliases VALUES (?, ?)", [alias_key(alias), outlet_id]
            )
    for expert in org.experts:
        row = con.execute("SELECT expert_id FROM experts WHERE slug = ?", [expert.slug]).fetchone()
        if row:
            expert_id = row[0]
            con.execute(
                "UPDATE experts SET name = ?, role = ?, programme = ?, confirmed = true"
                " WHERE expert_id = ?",
                [expert.name, expert.role, expert.programme, expert_id],
            )
        else:
            expert_id = next_id(con, "experts", "expert_id")
            con.execute(
                "INSERT INTO experts (expert_id, slug, name, role, programme) VALUES (?, ?, ?, ?, ?)",
                [expert_id, expert.slug, expert.name, expert.role, expert.programme],
            )
        for alias in (expert.name, *expert.aliases):
            con.execute(
                "INSERT OR REPLACE INTO expert_aliases VALUES (?, ?)", [alias_key(alias), expert_id]
            )
