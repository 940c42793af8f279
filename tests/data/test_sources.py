"""Following the organisation's own site: sources.toml, polite fetching, runs recorded like an
import, faults said plainly and nothing partial. Against a stand-in site on 127.0.0.1
(tests/sources_site.py); no request leaves the machine."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import socket
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest

from data import sync
from data.organisation import load_organisation
from data.removal import remove_import
from data.sources.config import SourcesError, load_sources
from data.sources.kept import Kept, SyncBusy
from data.sources.run import reparse, run_sync
from data.store import open_read_only
from tests.sources_site import Item, Site, make_item, sources_toml, standard_site

ROOT = Path(__file__).resolve().parents[2]
SINCE = dt.date(2024, 1, 1)


@pytest.fixture
def site():
    site = standard_site()
    site.start()
    yield site
    site.stop()


@pytest.fixture
def org_dir(tmp_path: Path, site: Site) -> Path:
    folder = tmp_path / "org"
    shutil.copytree(ROOT / "examples" / "ifri", folder)
    (folder / "sources.toml").write_text(sources_toml(site))
    return folder


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"


def sync_once(org_dir: Path, db: Path, **kwargs):
    return run_sync(load_organisation(org_dir), db, **kwargs)


def stored(db: Path) -> dict[str, tuple[str, dt.date | None, str | None]]:
    """title -> (outlet, date, language) of every appearance in the store."""
    con = open_read_only(db)
    try:
        rows = con.execute(
            "SELECT a.title, o.name, a.published, a.language FROM articles a"
            " JOIN outlets o USING (outlet_id)"
        ).fetchall()
    finally:
        con.close()
    return {title: (outlet, day, lang) for title, outlet, day, lang in rows}


def expected(site: Site) -> dict[str, tuple[str, dt.date, str]]:
    """What the site lists back to the configured date, and what its feed gives, from the
    site's own model. A feed entry's outlet is its link's site (news.example.com, no known
    outlet's), and its title keeps the " - Le Monde" that names another site than the link's."""
    listed = {
        item.title: (item.outlet or item.page_outlet, item.day, lang)
        for lang, items in site.lists.items()
        for item in items
        if item.day >= SINCE
    }
    fed = {title: (urlsplit(url).hostname, day, None) for title, url, day in site.feed_entries}
    return listed | fed


def digest(file: Path) -> str | None:
    return hashlib.sha256(file.read_bytes()).hexdigest() if file.exists() else None


def list_path(lang: str, page: int) -> str:
    return f"/{lang}/liste-des-interventions-mediatiques?page={page}"


# ----- configuration


def test_the_example_organisation_follows_its_three_lists_on_its_own_site():
    config = load_sources(ROOT / "examples" / "ifri")
    listings = {s.name: s for s in config.sources if s.kind == "listing"}
    assert {s.language for s in listings.values()} == {"en", "fr", "de"}
    for source in listings.values():
        assert source.first_url == (
            f"https://www.ifri.org/{source.language}/liste-des-interventions-mediatiques?page=0"
        )
        assert source.since == SINCE
        assert source.follows(
            "https://www.ifri.org/fr/espace-media/lifri-medias/mali-loperation-barkhane-mieux-pu"
        )
        assert not source.follows("https://www.lemonde.fr/international/article/x.html")
    assert config.fetch.interval("www.ifri.org") >= 5
    assert config.fetch.contact is None  # to be set by whoever runs it: nobody is impersonated


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[listing]]\nname = 'x'\n", "needs url"),
        ("[[listing]]\nname = 'Bad Name'\nurl = 'https://a.org/?page={page}'\n", "small letters"),
        ("[[listing]]\nname = 'a'\nurl = 'https://a.org/list'\n", "{page}"),
        ("[[listing]]\nname = 'a'\nurl = 'https://a.org/?page={page}'\nsince = '2024'\n", "date"),
        ("[[feed]]\nname = 'a'\nurl = 'ftp://a.org/f'\n", "http(s)"),
        ("[fetch]\ncontact = 'nobody'\n", "e-mail address"),
        ("[fetch]\ninterval = 3\n", "no setting interval"),
        (
            "[[feed]]\nname = 'a'\nurl = 'https://a.org/f'\n[[feed]]\nname = 'a'\n"
            "url = 'https://a.org/g'\n",
            "two sources are named",
        ),  # fmt: skip
        ("[listing\n", "not valid TOML"),
    ],
)
def test_a_wrong_sources_file_is_one_error_naming_the_file_and_the_problem(
    tmp_path: Path, text: str, message: str
):
    (tmp_path / "sources.toml").write_text(text)
    with pytest.raises(SourcesError) as caught:
        load_sources(tmp_path)
    assert str(tmp_path / "sources.toml") in str(caught.value)
    assert message in str(caught.value)


def test_nothing_is_fetched_without_a_contact_address(org_dir: Path, db: Path, site: Site):
    text = (org_dir / "sources.toml").read_text().replace('contact = "press@example.org"\n', "")
    (org_dir / "sources.toml").write_text(text)
    assert sync.main(["--org", str(org_dir), "--db", str(db), "--quiet"]) == 2
    assert site.paths() == []


# ----- runs


def test_a_first_run_reads_every_list_back_to_the_configured_date(
    org_dir: Path, db: Path, site: Site
):
    report = sync_once(org_dir, db)
    assert not report.failed
    assert stored(db) == expected(site)
    paths = site.paths()
    # English: 13 entries, five a page; page 2 holds only entries from before 2024: the last read
    assert [p for p in paths if p.startswith("/en/liste")] == [
        list_path("en", n) for n in (0, 1, 2)
    ]
    # French and German: read until a page past the end shows nothing
    assert [p for p in paths if p.startswith("/fr/liste")] == [
        list_path("fr", n) for n in (0, 1, 2)
    ]
    # the one entry without outlet is read on its own page, once
    assert paths.count("/en/espace-media/lifri-medias/why-deterrence-is-back") == 1
    assert stored(db)["Why deterrence is back in Europe"][:2] == (
        "Foreign Policy",
        dt.date(2025, 5, 9),
    )
    assert paths.count("/robots.txt") == 1
    assert report.record.import_run is not None


def test_every_request_names_the_product_and_the_contact(org_dir: Path, db: Path, site: Site):
    sync_once(org_dir, db)
    agents = {r.headers.get("User-Agent") for r in site.requests}
    assert len(agents) == 1
    (agent,) = agents
    assert agent.startswith("Presswatch/") and "contact: press@example.org" in agent


def test_a_second_run_asks_for_the_first_page_of_each_list_and_adds_nothing(
    org_dir: Path, db: Path, site: Site
):
    sync_once(org_dir, db)
    before = digest(db)
    site.clear()
    report = sync_once(org_dir, db)
    asked = [(r.path, r.status) for r in site.requests]
    assert asked == [
        ("/robots.txt", 200),
        (list_path("en", 0), 304),
        (list_path("fr", 0), 304),
        (list_path("de", 0), 304),
        ("/alerts/gomart.atom", 304),
    ]
    assert all("If-None-Match" in r.headers for r in site.requests[1:])
    assert report.n_new == 0 and report.record.import_run is None
    assert digest(db) == before  # not even a history row: nothing happened


def test_a_new_item_on_the_site_appears_after_the_next_run(org_dir: Path, db: Path, site: Site):
    sync_once(org_dir, db)
    fresh = make_item("fr", 99, dt.date(2025, 5, 31))
    site.lists["fr"].insert(0, fresh)
    site.clear()
    report = sync_once(org_dir, db)
    assert stored(db)[fresh.title] == (fresh.outlet, dt.date(2025, 5, 31), "fr")
    assert len(stored(db)) == len(expected(site))
    assert report.n_new == 1
    # page 0 changed; page 1 now starts with an entry already known, and the list stops there
    fr = [(r.path, r.status) for r in site.requests if r.path.startswith("/fr/")]
    assert fr == [(list_path("fr", 0), 200), (list_path("fr", 1), 200)]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket closes


FAULTS = {
    "500": ("page", "failed to answer (500 Internal Server Error)"),
    "slow": ("page", "no answer from 127.0.0.1 within 1 s"),
    "loop": ("page", "redirect loop"),
    "pdf": ("page", "is not an HTML page (Content-Type: application/pdf)"),
    "layout": ("first", "the site's layout may have changed"),
    "robots": ("robots", "robots.txt of 127.0.0.1 forbids /fr/liste-des-interventions"),
    "down": ("down", "could not connect to 127.0.0.1: the site is down or unreachable"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_fault_is_reported_and_leaves_the_store_as_it_was(
    org_dir: Path, db: Path, site: Site, fault: str
):
    sync_once(org_dir, db)
    before = digest(db)
    site.lists["fr"].insert(0, make_item("fr", 99, dt.date(2025, 5, 31)))  # page 1 gets read
    where, words = FAULTS[fault]
    if where == "page":  # the second page fails after the first was read: nothing of it goes in
        site.faults[list_path("fr", 1)] = fault
    elif where == "first":
        site.faults[list_path("fr", 0)] = fault
    elif where == "robots":
        site.robots = "User-agent: *\nDisallow: /fr/\n"
    else:
        text = (org_dir / "sources.toml").read_text()
        (org_dir / "sources.toml").write_text(
            text.replace(site.base + "/fr/", f"http://127.0.0.1:{closed_port()}/fr/")
        )
    report = sync_once(org_dir, db, only="site-fr")
    assert [s.name for s in report.failed] == ["site-fr"]
    assert words in report.failed[0].error
    assert "FAILED" in report.lines()[0] and "the store is as it was" in report.lines()[0]
    assert digest(db) == before
    record, outcome = Kept(db).last_by_source()["site-fr"]
    assert outcome.needs_attention and words in outcome.error


def test_a_failing_source_adds_nothing_while_the_others_go_in(org_dir: Path, db: Path, site: Site):
    site.faults[list_path("fr", 1)] = "500"
    report = sync_once(org_dir, db)
    assert [s.name for s in report.failed] == ["site-fr"]
    want = {t: v for t, v in expected(site).items() if v[2] != "fr"}
    assert stored(db) == want
    assert sync.main(["--org", str(org_dir), "--db", str(db), "--quiet"]) == 1  # said so


def test_retry_after_is_honoured(org_dir: Path, db: Path, site: Site):
    site.faults[list_path("de", 0)] = "429-once"
    report = sync_once(org_dir, db, only="site-de")
    assert not report.failed
    times = [r.at for r in site.requests if r.path == list_path("de", 0)]
    assert [r.status for r in site.requests if r.path == list_path("de", 0)] == [429, 200]
    assert times[1] - times[0] >= 1.0  # the site asked for one second


def test_one_request_per_interval_per_host(org_dir: Path, db: Path, site: Site):
    (org_dir / "sources.toml").write_text(sources_toml(site, interval=0.3))
    sync_once(org_dir, db)
    times = [r.at for r in site.requests]
    assert len(times) >= 10
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.3 - 0.01, gaps  # the server's clock: arrival times


def test_robots_crawl_delay_slows_the_run_beyond_the_interval(org_dir: Path, db: Path, site: Site):
    site.robots = "User-agent: *\nCrawl-delay: 1\n"
    sync_once(org_dir, db, only="site-de")
    times = [r.at for r in site.requests]
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 1.0 - 0.01


def test_a_sync_run_is_an_import_removable_like_any(org_dir: Path, db: Path, site: Site):
    report = sync_once(org_dir, db)
    con = open_read_only(db)
    origin, n_new = con.execute(
        "SELECT origin, n_new FROM ingest_runs WHERE run_id = ?", [report.record.import_run]
    ).fetchone()
    con.close()
    assert (origin, n_new) == ("sync", len(expected(site)))
    remove_import(report.record.import_run, db)
    assert stored(db) == {}


def test_reparse_reads_the_kept_pages_again_without_a_request(org_dir: Path, db: Path, site: Site):
    first = sync_once(org_dir, db)
    remove_import(first.record.import_run, db)  # as after a parser fix: read it all again
    site.clear()
    report = reparse(load_organisation(org_dir), first.record.run, db)
    assert site.paths() == []
    assert stored(db) == expected(site)
    assert report.record.reparse_of == first.record.run
    con = open_read_only(db)
    origin = con.execute(
        "SELECT origin FROM ingest_runs WHERE run_id = ?", [report.record.import_run]
    ).fetchone()[0]
    con.close()
    assert origin == "sync-reparse"


def test_the_command_line_reparses_a_kept_run(org_dir: Path, db: Path, site: Site, capsys):
    first = sync_once(org_dir, db)
    capsys.readouterr()
    site.clear()
    assert (
        sync.main(["--org", str(org_dir), "--db", str(db), "--reparse", str(first.record.run)]) == 0
    )
    out = capsys.readouterr().out
    assert f"reparse 2 of run {first.record.run}" in out and "nothing new to import" in out
    assert site.paths() == []


def test_two_runs_at_once_are_refused(org_dir: Path, db: Path, site: Site):
    with Kept(db).lock():
        with pytest.raises(SyncBusy, match="Another run of the sources is in progress"):
            sync_once(org_dir, db)
    assert site.paths() == [] and not db.exists()


def test_a_dry_run_writes_and_keeps_nothing(org_dir: Path, db: Path, site: Site, capsys):
    assert sync.main(["--org", str(org_dir), "--db", str(db), "--dry-run", "--quiet"]) == 0
    assert f"dry run: {len(expected(site))} new, nothing written" in capsys.readouterr().out
    assert not db.exists()
    assert Kept(db).records() == []


def test_the_command_line_shows_progress_and_the_outcome(
    org_dir: Path, db: Path, site: Site, capsys
):
    assert sync.main(["--org", str(org_dir), "--db", str(db), "--source", "site-en"]) == 0
    captured = capsys.readouterr()
    assert "site-en: page 0 read: 5 appearances, 5 new" in captured.err
    assert "site-en: 4 pages, 10 appearances read: 10 new" in captured.out
    assert "sync run 1: import 1" in captured.out


def test_a_page_over_the_size_limit_fails_its_source(
    org_dir: Path, db: Path, site: Site, monkeypatch
):
    monkeypatch.setenv("PRESSWATCH_MAX_FILE_MB", "1")
    site.lists["de"][0] = Item("x" * 2_000_000, dt.date(2025, 5, 1), "Die Zeit", "t", "big")
    report = sync_once(org_dir, db, only="site-de")
    assert "larger than 1 MB" in report.failed[0].error
    assert not db.exists()


def test_kept_pages_are_compressed_beside_the_store(org_dir: Path, db: Path, site: Site):
    report = sync_once(org_dir, db)
    folder = db.with_name("store.sources") / "runs" / str(report.record.run) / "pages"
    kept = sorted(folder.iterdir())
    # every page but robots.txt: three list pages a language, an item page, the feed
    assert len(kept) == sum(len(s.files) for s in report.record.sources) == 11
    assert all(p.read_bytes()[:2] == b"\x1f\x8b" for p in kept)  # gzip


def test_an_outdated_store_is_not_a_reason_to_fail(org_dir: Path, db: Path, site: Site):
    duckdb.connect(str(db)).close()  # an empty file: no schema yet
    report = sync_once(org_dir, db, only="site-de")
    assert not report.failed and len(stored(db)) == 6
