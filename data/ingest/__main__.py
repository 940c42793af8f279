"""python -m data.ingest: the command line, data/ingest/cli.py."""

from data.ingest.cli import main

raise SystemExit(main())
