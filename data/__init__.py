"""The data layer: the DuckDB store, the organisation's reference data, parsers and ingest."""
