"""How a spreadsheet was read, for a person: the layout recognised, the column each field came
from, how its dates are written, what was left out, and how many rows were social posts.

`summary()` is the line the import summary prints for the file; `explain()` is what
`python -m data.ingest --explain FILE` prints and the Import page shows before confirming.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field

from data.parsers.dates import ColumnDates

SAMPLE_CHARS = 70  # of a sample cell shown


@dataclass
class FieldReading:
    field: str
    columns: list[str]  # the headers it is read from, in order of preference
    how: str = ""  # 'first line', 'domain', 'roster names found in ...'
    sample: str = ""  # the sample row's cell, as written
    value: str = ""  # what the appearance holds from it


@dataclass
class SheetReport:
    source: str
    layout: str
    form: str  # FileForm, as text
    header_row: int  # 1 = the file's first row
    rows: int = 0  # rows under the header with something in them
    fields: list[FieldReading] = field(default_factory=list)
    dates: list[ColumnDates] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # headers of the columns not read
    sample_row: int | None = None
    social: Counter[str] = field(default_factory=Counter)  # platform ('' unnamed) -> rows
    date_means: str | None = None
    mapped: bool = False  # some columns named with --map

    @property
    def n_social(self) -> int:
        return sum(self.social.values())

    def summary(self) -> str:
        """'clips.csv: Meltwater (current export), 120 rows; 3 social posts (X (Twitter) 3),
        kept apart from press coverage'."""
        layout = self.layout + (", columns named with --map" if self.mapped else "")
        parts = [f"{self.source}: read as {layout}, {_plural(self.rows, 'row')}"]
        if self.n_social:
            parts.append(f"{_social(self.social)}, kept apart from press coverage (kind social)")
        if self.date_means:
            parts.append(f"the date of each row is {self.date_means}")
        for column in self.dates:
            if column.order:
                parts.append(f"{column.column} read {column.order} ({column.decided})")
        return "; ".join(parts)

    def explain(self) -> str:
        layout = self.layout + (" (columns named with --map)" if self.mapped else "")
        lines = [
            self.source,
            f"  layout     {layout}",
            f"  file       {self.form}; header on row {self.header_row}, "
            f"{_plural(self.rows, 'row')} under it",
        ]
        if self.sample_row:
            lines.append(f"  field          column{' ' * 26}sample (row {self.sample_row})")
        for reading in self.fields:
            columns = " / ".join(reading.columns) + (f" ({reading.how})" if reading.how else "")
            sample = _short(reading.sample)
            if reading.value and reading.value != reading.sample:
                value = _short(reading.value)
                sample = f"{sample} -> {value}" if sample else value
            lines.append(f"  {reading.field:<14} {columns:<32} {sample}".rstrip())
        for column in self.dates:
            lines.append(f"  dates      {column.describe()}")
        if self.date_means:
            lines.append(f"  dates      each row's date is {self.date_means}")
        if self.n_social:
            lines.append(f"  social     {_social(self.social)}, kept apart (kind social)")
        if self.left_out:
            lines += textwrap.wrap(
                ", ".join(self.left_out),
                width=100,
                initial_indent="  not read   ",
                subsequent_indent=" " * 13,
            )
        return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _social(platforms: Counter[str]) -> str:
    named = ", ".join(f"{name} {n:,}" for name, n in platforms.most_common() if name)
    total = _plural(sum(platforms.values()), "social post")
    return f"{total} ({named})" if named else total


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS - 1] + "…"
