"""Filters as command-line options, made from its fields: a new filter needs no edit here.

    parser = argparse.ArgumentParser()
    add_filter_options(parser)
    filters, notices = filters_from(parser.parse_args())

`--from` / `--to` for the dates, one repeatable option per multi-value field in the singular
(`--outlet`, `--media-type`, `--country`, `--kind all` for every kind), `--text`. The values are
read the way a link is (Filters.from_query_params): the same checks, the same notices.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re
import typing

from queries.filters import Filters, parse_iso_date

DATE_OPTIONS = {"date_from": "from", "date_to": "to"}


def option_name(field: str) -> str:
    """outlets -> outlet, countries -> country, media_types -> media-type."""
    singular = re.sub(r"ies$", "y", field) if field.endswith("ies") else field.removesuffix("s")
    return singular.replace("_", "-")


def iso_date(text: str) -> dt.date:
    value = parse_iso_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)")
    return value


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (as in a link)")
    hints = typing.get_type_hints(Filters)
    for field in dataclasses.fields(Filters):
        if field.name in DATE_OPTIONS:
            group.add_argument(
                f"--{DATE_OPTIONS[field.name]}", dest=field.name, type=iso_date, help="YYYY-MM-DD"
            )
        elif typing.get_origin(hints[field.name]) is tuple:
            group.add_argument(
                f"--{option_name(field.name)}",
                dest=field.name,
                action="append",
                help=f"one of the {field.name.replace('_', ' ')} (repeatable)",
            )
        else:
            group.add_argument(f"--{option_name(field.name)}", dest=field.name)


def filters_from(args: argparse.Namespace) -> tuple[Filters, list[str]]:
    """The Filters the options name, and what was dropped or changed in reading them."""
    given = {
        field.name: getattr(args, field.name)
        for field in dataclasses.fields(Filters)
        if getattr(args, field.name) is not None
    }
    return Filters.from_query_params(Filters(**given).to_query_params())
