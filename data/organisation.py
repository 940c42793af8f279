"""The organisation as configuration: a folder with organisation.toml, experts.csv, outlets.csv.

    organisation.toml   name = "...", [aliases] en = [...], fr = [...],
                        tags = [...] (optional: multi-word keywords, to split a keyword line)
                        domains = [...] (optional: the organisation's own sites, "ifri.org")
                        time_zone = "Europe/Paris" (optional: the day a time stamp falls on)
    experts.csv         name,aliases,role,programme          (aliases joined by "|")
    outlets.csv         name,aliases,media_type,country,language[,tier][,domains]
                        (tier: 1, 2 or 3; domains: the outlet's own sites, joined by "|")

`data/reference/` is the demo organisation; `examples/ifri/` a real one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tomllib
import unicodedata
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from data.names import ascii_form, clean, latin_lookalike

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"


def fold(text: str) -> str:
    """Lower case without accents or invisible characters: 'Moïsi' -> 'moisi'."""
    decomposed = unicodedata.normalize("NFKD", clean(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=16384)  # an export repeats its outlets and people row after row
def alias_key(name: str) -> str:
    """The form names are matched on: folded, punctuation and hyphens as spaces, one space, a
    word that mixes Latin with look-alike letters of another script in Latin letters."""
    unmixed = re.sub(r"\w+", lambda word: latin_lookalike(word.group()), clean(name))
    return " ".join(re.sub(r"[^\w]+", " ", fold(unmixed)).split())


SLUG_MAX = 100  # queries/filters.py: the longest token a link may carry


def slugify(name: str, kind: str = "name") -> str:
    """A stable id every link accepts: 'Le Monde diplomatique' -> 'le-monde-diplomatique',
    'Известия' -> 'izvestiya'; '<kind>-<hash>' for a name with no Latin form."""
    key = alias_key(name)
    words = re.sub(r"[^a-z0-9_ ]+", " ", ascii_form(key).casefold()).split()
    slug = "-".join(words).replace("_", "-").strip("-")
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    if not slug:
        return f"{kind}-{digest}"
    if len(slug) > SLUG_MAX:  # cut, and told apart from other names sharing the start
        slug = f"{slug[: SLUG_MAX - 11].rstrip('-')}-{digest}"
    return slug


def programme_slug(programme: str) -> str:
    """A programme's (research centre's) id in a link: 'Security and Defence' ->
    'security-and-defence'."""
    return slugify(programme, "programme")


def slug_programmes(con: duckdb.DuckDBPyConnection) -> None:
    """Give every expert's programme its slug (experts.programme_slug), whoever wrote the
    programme: the roster, an import or an edit. A few distinct names: cheap on every write."""
    names = [
        row[0]
        for row in con.execute(
            "SELECT DISTINCT programme FROM experts WHERE programme IS NOT NULL"
        ).fetchall()
    ]
    if names:
        slugs = pd.DataFrame({"programme": names, "slug": [programme_slug(n) for n in names]})
        con.register("programme_slugs", slugs)
        con.execute(
            "UPDATE experts SET programme_slug = s.slug FROM programme_slugs s"
            " WHERE experts.programme = s.programme"
            " AND experts.programme_slug IS DISTINCT FROM s.slug"
        )
        con.unregister("programme_slugs")
    con.execute(
        "UPDATE experts SET programme_slug = NULL"
        " WHERE programme IS NULL AND programme_slug IS NOT NULL"
    )


@dataclass(frozen=True)
class OutletRef:
    name: str
    aliases: tuple[str, ...] = ()
    media_type: str | None = None
    country: str | None = None
    language: str | None = None
    tier: int | None = None  # 1, 2 or 3 by reach (data/vocabulary.py TIERS); None: not ranked
    domains: tuple[str, ...] = ()  # the outlet's own sites, 'lemonde.fr' (subdomains included)

    @property
    def slug(self) -> str:
        return slugify(self.name, "outlet")


@dataclass(frozen=True)
class ExpertRef:
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    programme: str | None = None

    @property
    def slug(self) -> str:
        return slugify(self.name, "expert")


@dataclass(frozen=True)
class Organisation:
    name: str
    aliases: dict[str, tuple[str, ...]]  # language -> names the organisation goes by
    experts: tuple[ExpertRef, ...]
    outlets: tuple[OutletRef, ...]
    folder: Path
    tags: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()  # the organisation's own sites: a link there names no outlet
    time_zone: str | None = None  # an IANA zone, 'Europe/Paris'; None: time stamps read in UTC

    def all_aliases(self) -> tuple[str, ...]:
        return (self.name, *(a for names in self.aliases.values() for a in names))


class OrganisationError(ValueError):
    """An organisation folder that cannot be used; the message names the file (and row) and why."""


def _split_aliases(cell: str | None) -> tuple[str, ...]:
    return tuple(a.strip() for a in (cell or "").split("|") if a.strip())


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise OrganisationError(f"{path} is missing.") from None
    except PermissionError:
        raise OrganisationError(f"{path} cannot be read: permission denied.") from None
    except IsADirectoryError:
        raise OrganisationError(f"{path} is a folder, not a file.") from None
    except UnicodeDecodeError as exc:
        raise OrganisationError(
            f"{path} is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8."
        ) from None
    except OSError as exc:
        raise OrganisationError(f"{path} cannot be read: {exc.strerror or exc}.") from None


def _read_csv(path: Path, header: str) -> list[tuple[int, dict[str, str]]]:
    """(row number, cells) per row, row 1 being the header; any bad row is an OrganisationError."""
    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""))
    rows = []
    try:
        if "name" not in (reader.fieldnames or ()):
            raise OrganisationError(f"{path}: the first row must be the header {header}.")
        for number, row in enumerate(reader, start=2):
            if None in row:
                raise OrganisationError(
                    f"{path} row {number}: more cells than the header has columns "
                    "(a comma in a name? put the name in double quotes)."
                )
            cells = {k: (v or "").strip() for k, v in row.items()}
            if not cells["name"]:
                raise OrganisationError(f"{path} row {number}: the name is empty.")
            rows.append((number, cells))
    except csv.Error as exc:
        raise OrganisationError(f"{path} row {reader.line_num}: {exc}.") from None
    return rows


def _tier(path: Path, number: int, cell: str) -> int | None:
    if not cell:
        return None
    if cell not in {"1", "2", "3"}:
        raise OrganisationError(f"{path} row {number}: the tier is 1, 2 or 3, not {cell!r}.")
    return int(cell)


def _strings(path: Path, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OrganisationError(f'{path}: {key} must be a list of names, e.g. {key} = ["..."].')
    return tuple(value)


_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


def _domains(where: str, cell: tuple[str, ...]) -> tuple[str, ...]:
    """Sites as 'lemonde.fr': lower case, no scheme, path or `www.`."""
    found = []
    for written in cell:
        site = written.strip().lower().removeprefix("www.")
        if not _DOMAIN.match(site):
            raise OrganisationError(
                f"{where}: {written!r} is not a domain; write the site's name alone, "
                "e.g. lemonde.fr (no https://, no path)."
            )
        found.append(site)
    return tuple(found)


def _time_zone(path: Path, value: object) -> str | None:
    if value is None:
        return None
    try:
        zoneinfo.ZoneInfo(str(value))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise OrganisationError(
            f"{path}: time_zone {value!r} is not a time zone; "
            'write e.g. time_zone = "Europe/Paris".'
        ) from None
    return str(value)


def _settings(path: Path) -> tuple[str, dict[str, tuple[str, ...]], tuple[str, ...], dict]:
    """The name, aliases by language and tags of organisation.toml, and its other settings."""
    try:
        config = tomllib.loads(_read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise OrganisationError(f"{path} is not valid TOML: {exc}.") from None
    name = config.get("name")
    if not isinstance(name, str) or not name.strip():
        raise OrganisationError(f'{path}: no name; write name = "The organisation\'s name".')
    aliases = config.get("aliases", {})
    if not isinstance(aliases, dict):
        raise OrganisationError(f"{path}: aliases must be a table, [aliases] with en = [...].")
    by_language = {
        lang: _strings(path, f"aliases.{lang}", names) for lang, names in aliases.items()
    }
    other = {
        "domains": _domains(str(path), _strings(path, "domains", config.get("domains", []))),
        "time_zone": _time_zone(path, config.get("time_zone")),
    }
    return name, by_language, _strings(path, "tags", config.get("tags", [])), other


def organisation_folder() -> Path:
    """The organisation in use: $PRESSWATCH_ORG, else the demo organisation (data/reference)."""
    return Path(os.environ.get("PRESSWATCH_ORG") or REFERENCE_DIR)


def load_organisation(folder: str | Path | None = None) -> Organisation:
    """The organisation configured in `folder`; OrganisationError names what is wrong in it."""
    folder = Path(folder) if folder else organisation_folder()
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise OrganisationError(f"The organisation folder {folder} {problem}.")
    name, aliases, tags, other = _settings(folder / "organisation.toml")
    experts_file, outlets_file = folder / "experts.csv", folder / "outlets.csv"
    experts = tuple(
        ExpertRef(
            name=row["name"],
            aliases=_split_aliases(row.get("aliases")),
            role=row.get("role") or None,
            programme=row.get("programme") or None,
        )
        for _, row in _read_csv(experts_file, "name,aliases,role,programme")
    )
    outlets = tuple(
        OutletRef(
            name=row["name"],
            aliases=_split_aliases(row.get("aliases")),
            media_type=row.get("media_type") or None,
            country=row.get("country") or None,
            language=row.get("language") or None,
            tier=_tier(outlets_file, number, row.get("tier", "")),
            domains=_domains(f"{outlets_file} row {number}", _split_aliases(row.get("domains"))),
        )
        for number, row in _read_csv(
            outlets_file, "name,aliases,media_type,country,language,tier,domains"
        )
    )
    _one_outlet_per_site(outlets_file, outlets)
    return Organisation(name, aliases, experts, outlets, folder, tags, **other)


def _one_outlet_per_site(path: Path, outlets: tuple[OutletRef, ...]) -> None:
    """A domain names one outlet: written for two, the outlet a link means would depend on order."""
    owner: dict[str, str] = {}
    for outlet in outlets:
        for site in outlet.domains:
            if owner.setdefault(site, outlet.name) != outlet.name:
                raise OrganisationError(
                    f"{path}: the domain {site} is given to both {owner[site]} and {outlet.name}; "
                    "keep it on one of them."
                )


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
