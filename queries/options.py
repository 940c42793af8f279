"""Filters as command-line options, made from the registry: a new filter needs no edit here.

    parser = argparse.ArgumentParser()
    add_filter_options(parser)
    filters, notices = filters_from(parser.parse_args())

`--from` / `--to` for the dates, one repeatable option per dimension of queries/dimensions.py
named by its code (`--outlet`, `--media-type`, `--tier`, `--kind all` for every kind), `--text`.
The values are read the way a link is (Filters.from_query_params): the same checks, the same
notices.
"""

from __future__ import annotations

import argparse
import datetime as dt

from queries.dimensions import DIMENSIONS, Dimension
from queries.filters import Filters, parse_iso_date

DATE_OPTIONS = {"date_from": "from", "date_to": "to"}


def option_name(dimension: Dimension) -> str:
    """media_type -> media-type: the option is `--media-type`."""
    return dimension.code.replace("_", "-")


def iso_date(text: str) -> dt.date:
    value = parse_iso_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)")
    return value


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (as in a link)")
    group.add_argument("--from", dest="date_from", type=iso_date, help="first day, YYYY-MM-DD")
    group.add_argument(
        "--to", dest="date_to", type=iso_date, help="last day (included), YYYY-MM-DD"
    )
    for dimension in DIMENSIONS:
        what = "code" if dimension.coded else "slug"
        if dimension.codes:
            what += ": " + ", ".join(dimension.codes)
        group.add_argument(
            f"--{option_name(dimension)}",
            dest=dimension.field,
            action="append",
            help=f"{dimension.singular.lower()} {what} (repeatable)",
        )
    group.add_argument("--text", help="words in the title or summary (case and accents ignored)")


def filters_from(args: argparse.Namespace) -> tuple[Filters, list[str]]:
    """The Filters the options name, and what was dropped or changed in reading them."""
    fields = [*DATE_OPTIONS, *(d.field for d in DIMENSIONS), "text"]
    given = {field: getattr(args, field) for field in fields if getattr(args, field) is not None}
    return Filters.from_query_params(Filters(**given).to_query_params())
