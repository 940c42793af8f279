"""Text a spreadsheet would run as a formula (CSV injection), and how to keep it text.

Every file the project writes for a spreadsheet (the dashboard's CSV and Excel downloads, the
edit history's CSV export) asks this module which cells to defuse, so the rule is one.
"""

from __future__ import annotations

import re

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def is_formula_like(value: object) -> bool:
    """True for text a spreadsheet would evaluate; a plain signed number like "-12.5" is not."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not PLAIN_NUMBER.fullmatch(value)
    )


def defuse(value: object) -> object:
    """The value, with a leading apostrophe when it is formula-like text (shown as text)."""
    return "'" + value if is_formula_like(value) else value
