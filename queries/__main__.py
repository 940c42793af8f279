"""The query catalogue from a terminal, without a database.

    python -m queries list
    python -m queries render top_outlets --from 2025-01-01 --to 2025-12-31 --outlet le-monde

`render` prints the SQL as it runs for those filters and parameters (after the table macros it
calls, which the store keeps), then the values DuckDB binds to its parameters. The filter options
are made from the registry (queries/options.py), so a new filter needs no edit here. Exit
status 0, or 2 for a usage error (an unknown query, a parameter it does not take).
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap

import queries
from queries.filters import Filters, parse_iso_date
from queries.options import add_filter_options, filters_from


def _value(text: str) -> object:
    """A parameter's value as typed: 12, true/false, none, 2025-01-01, a,b (a list; one item:
    `a,`), else the text itself."""
    lowered = text.strip().lower()
    if lowered in ("none", "null"):
        return None
    if lowered in ("true", "false"):
        return lowered == "true"
    if re.fullmatch(r"-?\d+", lowered):
        return int(lowered)
    if "," in text:
        return [item.strip() for item in text.split(",") if item.strip()]
    return parse_iso_date(text) or text


def _param(text: str) -> tuple[str, object]:
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=VALUE")
    return name.strip(), _value(value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m queries", description="The query catalogue: list it, or print a query."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="every query, the parameters it takes and its grain")
    render = commands.add_parser(
        "render", help="print a query's SQL as it runs for these filters, and its parameters"
    )
    render.add_argument("name", help="a query (python -m queries list)")
    add_filter_options(render)
    params = render.add_argument_group("the query's parameters (defaults: queries.DEFAULTS)")
    for name, default in queries.DEFAULTS.items():
        choices = queries.CHOICES.get(name)
        shown = f"one of {', '.join(choices)}; " if choices else ""
        params.add_argument(
            f"--{name.replace('_', '-')}",
            dest=f"param_{name}",
            metavar=name.upper(),
            type=_value,
            default=argparse.SUPPRESS,  # absent, not None: `--limit none` means all rows
            help=f"{shown}default {default}",
        )
    params.add_argument(
        "--param",
        dest="params",
        type=_param,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="any parameter, e.g. expert=some-slug, experts=a,b (repeatable)",
    )
    render.add_argument(
        "--no-rollups", action="store_true", help="count from the appearances, never a rollup table"
    )
    return parser


def _grain(sql: str) -> str:
    """The first sentence after `Grain:` in a query's opening comment."""
    comment = " ".join(
        line.removeprefix("--").strip() for line in sql.splitlines() if line.startswith("--")
    )
    found = re.search(r"Grain: (.+?)\.(?:\s|$)", comment)
    return found.group(1) if found else ""


def list_queries() -> str:
    width = max(len(name) for name in queries.names()) + 2
    lines = []
    for name in queries.names():
        takes = ", ".join(sorted(queries.parameters(name))) or "-"
        grain = textwrap.fill(
            _grain(queries.sql_text(name)),
            100,
            initial_indent=" " * width,
            subsequent_indent=" " * width,
        )
        lines.append(f"{name:<{width}}{takes}\n{grain}")
    return "\n".join(lines)


def render_query(name: str, filters: Filters, *, use_rollups: bool, **params: object) -> str:
    sql, bound = queries.render(name, filters, use_rollups=use_rollups, **params)
    parts = []
    called = queries.macros_called(sql)
    if called:
        parts.append(
            f"-- data/macros.sql, the table macros the store keeps ({', '.join(called)}):\n"
            + queries.macros().strip()
        )
    parts.append(f"-- queries/{name}.sql as it runs:\n{sql.strip()};")
    shown = queries.parameter_lines(bound)
    parts.append("-- parameters, bound by DuckDB:\n" + re.sub(r"(?m)^", "-- ", shown or "(none)"))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "list":
        print(list_queries())
        return 0
    filters, notices = filters_from(args)
    for notice in notices:
        print(notice, file=sys.stderr)
    given = vars(args)
    params = {name: given[f"param_{name}"] for name in queries.DEFAULTS if f"param_{name}" in given}
    params.update(args.params)
    try:
        print(render_query(args.name, filters, use_rollups=not args.no_rollups, **params))
    except queries.UnknownQuery:
        print(f"No query {args.name!r}: python -m queries list names them.", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
