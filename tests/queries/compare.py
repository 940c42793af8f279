"""Comparing a query's DataFrame with the pandas reference, column by column."""

from __future__ import annotations

import pandas as pd


def normalise(series: pd.Series) -> list:
    """Plain Python values: dates as dates, NaN/NaT/None as None, numbers as numbers."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return [None if pd.isna(v) else pd.Timestamp(v).date() for v in series]
    out = []
    for value in series.astype(object):
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            out.append(None)
        elif hasattr(value, "item"):
            out.append(value.item())
        else:
            out.append(value)
    return out


def assert_same_rows(actual: pd.DataFrame, expected: pd.DataFrame, columns: list[str]) -> None:
    """Same rows in the same order, equal in every given column (floats to 1e-9)."""
    assert len(actual) == len(expected), (len(actual), len(expected))
    for column in columns:
        got, want = normalise(actual[column]), normalise(expected[column])
        for i, (g, w) in enumerate(zip(got, want, strict=True)):
            if isinstance(g, float) or isinstance(w, float):
                assert g is not None and w is not None and abs(g - w) < 1e-9, (column, i, g, w)
            else:
                assert g == w, (column, i, g, w)
