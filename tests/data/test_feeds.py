"""RSS and Atom feeds as imports (data/parsers/feed.py), into a real store: a Google Alerts feed
read right (title without markup or the outlet's name, link unwrapped, the day in the
organisation's time zone, the outlet from the link's site), an RSS 2.0 feed with <source>
elements, feeds sniffed whatever their name, and hostile feeds refused."""

import datetime as dt
import time
from pathlib import Path

import duckdb
import pytest

from data.ingest import apply_import, plan_import, read_paths
from data.ingest.planning import NO_OUTLET
from data.organisation import load_organisation
from data.parsers import Context
from data.parsers.feed import FeedError, looks_like_feed, parse_feed
from data.store import open_read_only

ROOT = Path(__file__).resolve().parents[2]
FEEDS = ROOT / "tests" / "fixtures" / "feeds"
ALERTS = FEEDS / "google_alerts.xml"
NEWS = FEEDS / "news_search.rss"


@pytest.fixture(scope="module")
def org():
    return load_organisation(ROOT / "examples" / "ifri")  # time_zone = "Europe/Paris"


def import_files(files, db, org):
    con = open_read_only(db) if db.exists() else None
    try:
        plan = plan_import(files, con, org)
    finally:
        if con is not None:
            con.close()
    return plan, apply_import(plan, db, origin="cli")


def stored(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT a.title, o.name, o.confirmed, a.published, a.url, a.language,"
            " (SELECT list(e.name ORDER BY e.name) FROM article_experts ae"
            "  JOIN experts e USING (expert_id) WHERE ae.article_id = a.article_id)"
            " FROM articles a JOIN outlets o USING (outlet_id) ORDER BY a.published, a.title"
        ).fetchall()
    finally:
        con.close()


def test_a_google_alerts_feed_is_stored_as_its_reader_would_write_it(tmp_path, org):
    db = tmp_path / "media.duckdb"
    plan, summary = import_files(read_paths([ALERTS]), db, org)
    assert (summary.n_new, summary.n_duplicate, summary.n_rejected) == (3, 0, 0)
    assert stored(db) == [
        # a link to the organisation's own site names no outlet, and its " | IFRI" goes
        ("Dissuasion nucléaire : le rôle de la France en Europe", NO_OUTLET, True,
         dt.date(2025, 7, 1), "https://www.ifri.org/fr/publications/dissuasion-nucleaire-role-"
         "france-europe", "fr", ["Héloïse Fayet"]),
        # markup and entities gone, " - Le Monde" split off, the link is Le Monde's own
        ("Sahel : l'Ifri s'inquiète d'un retrait précipité", "Le Monde", True,
         dt.date(2025, 7, 2), "https://www.lemonde.fr/afrique/article/2025/07/02/sahel-un-"
         "retrait-precipite_6611.html", "fr", ["Thomas Gomart"]),
        # 22:30 UTC on 2 July is 00:30 on 3 July in Paris; an unknown site is the outlet, to confirm
        ("Why Europe's armies are short of shells, by an Ifri analyst", "kyivindependent.com",
         False, dt.date(2025, 7, 3), "https://kyivindependent.com/why-europes-armies-are-short-"
         "of-shells/", "en", ["Élie Tenenbaum"]),
    ]  # fmt: skip
    assert plan.new_outlets == ["kyivindependent.com"]


def test_without_a_time_zone_a_time_stamp_falls_on_its_utc_day(org):
    ctx = Context.for_organisation(org)
    ctx.time_zone = None
    days = [a.date for a in parse_feed(ALERTS.read_bytes(), "alerts.xml", ctx)]
    assert days == [dt.date(2025, 7, 2), dt.date(2025, 7, 2), dt.date(2025, 7, 1)]


def test_an_rss_feed_names_outlets_by_source_by_site_and_never_by_an_aggregator(tmp_path, org):
    db = tmp_path / "media.duckdb"
    _, summary = import_files(read_paths([NEWS]), db, org)
    assert (summary.n_new, summary.n_rejected) == (3, 0)
    rows = {title: (outlet, day, url) for title, outlet, _, day, url, _, _ in stored(db)}
    assert rows == {
        # <source url="https://www.ft.com">; Google News' newer link, which hides its target, kept
        "Gas storage: Europe enters winter with full tanks": (
            "Financial Times", dt.date(2025, 10, 2),  # 23:15 GMT is the next day in Paris
            "https://news.google.com/rss/articles/NEWER-ID-THAT-DOES-NOT-CARRY-ITS-TARGET?oc=5"),
        # no <source>: the link's site; +0200 read as written
        "Chine : « Pékin joue la montre »": (
            "Le Figaro", dt.date(2025, 9, 30),
            "https://www.lefigaro.fr/international/chine-pekin-joue-la-montre-20250930"
            "?utm_source=rss&utm_medium=feed"),
        # a copy on msn.com: the outlet is the <source>, not MSN
        "Russia's Arctic ambitions": (
            "The Guardian", dt.date(2025, 9, 29),
            "https://www.msn.com/en-gb/news/world/russias-arctic-ambitions/ar-AA1xYz"),
    }  # fmt: skip
    languages = [language for *_, language, _ in stored(db)]
    assert sorted(languages) == ["en", "en", "fr"]  # each entry's own, not the feed's en-GB


def test_the_same_story_through_an_alert_and_in_a_spreadsheet_is_stored_once(tmp_path, org):
    db = tmp_path / "media.duckdb"
    sheet = (
        "date,outlet,title,url\n"
        "2025-07-02,Le Monde,Sahel : un retrait précipité,"
        "https://lemonde.fr/afrique/article/2025/07/02/sahel-un-retrait-precipite_6611.html"
        "?utm_source=newsletter\n"
    )
    _, first = import_files([("clippings.csv", sheet.encode())], db, org)
    _, second = import_files(read_paths([ALERTS]), db, org)
    assert (first.n_new, second.n_new, second.n_duplicate) == (1, 2, 1)
    _, third = import_files(read_paths([ALERTS]), db, org)  # and a re-import adds nothing
    assert (third.n_new, third.n_duplicate) == (0, 3)


def test_a_feed_saved_under_a_page_name_is_read_as_a_feed(org):
    ctx = Context.for_organisation(org)
    data = NEWS.read_bytes()
    assert looks_like_feed(data) and looks_like_feed(b"\xef\xbb\xbf  <!-- x -->\n" + data[38:])
    assert looks_like_feed("\ufeff".encode("utf-16-le") + data.decode().encode("utf-16-le"))
    assert not looks_like_feed(b"<?xml version='1.0'?><html><body>Feed</body></html>")
    assert not looks_like_feed(b"Minutes of the board: <rss> is a format.")
    plan = plan_import([("saved.txt", data), ("saved.html", ALERTS.read_bytes())], None, org)
    assert len(plan.new) == 6 and not plan.rejected
    assert {p.article.source_format for p in plan.new} == {"feed"}
    assert parse_feed(data, "x.rss", ctx)[0].title.startswith("Gas storage")


HEAD = b'<?xml version="1.0"?>\n'
ITEM = b"<item><title>A sound entry</title><link>https://www.lemonde.fr/a</link></item>"


def billion_laughs() -> bytes:
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    body = b'<rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>'
    return HEAD + b"<!DOCTYPE rss [" + entities + b"]>" + body


@pytest.mark.parametrize(
    "data, reason",
    [
        (billion_laughs(), "declares its own XML entities"),
        (HEAD + b'<!DOCTYPE rss [<!ENTITY a "' + b"A" * 100_000 + b'">]><rss version="2.0">'
         b"<channel><item><title>" + b"&a;" * 100_000 + b"</title></item></channel></rss>",
         "declares its own XML entities"),  # quadratic blow-up
        (HEAD + b'<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0">'
         b"<channel><item><title>&x;</title></item></channel></rss>",
         "declares its own XML entities"),
        (HEAD + b'<rss version="2.0"><channel>' + ITEM * 10_001 + b"</channel></rss>",
         "more than 10,000 entries (the limit, PRESSWATCH_MAX_ENTRIES)"),
        (HEAD + b'<rss version="2.0"><channel><item><title>A</title><x>' + b"<y/>" * 300_000
         + b"</x></item></channel></rss>",
         "more than 200,000 elements (the limit, PRESSWATCH_MAX_ELEMENTS)"),
        (b"<?xml version='1.0'?><html><body>Not a feed</body></html>", "not an RSS or Atom feed"),
    ],
)  # fmt: skip
def test_a_hostile_or_wrong_feed_is_refused_at_once_with_nothing_imported(
    tmp_path, org, data, reason
):
    db = tmp_path / "media.duckdb"
    start = time.monotonic()
    plan, summary = import_files([("feed.xml", data)], db, org)
    assert time.monotonic() - start < 10  # refused before parsing, not after expanding
    assert summary.n_new == 0 and len(plan.rejected) == 1
    assert reason in plan.rejected[0].reason and plan.rejected[0].source == "feed.xml"


def test_a_feed_without_entries_says_so(org):
    empty = HEAD + b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    plan = plan_import([("quiet.rss", empty)], None, org)
    assert [r.reason for r in plan.rejected] == ["this feed has no entry"]


def test_an_entry_that_cannot_be_stored_is_refused_alone(org):
    future = (dt.date.today() + dt.timedelta(days=40)).strftime("%a, %d %b %Y 12:00:00 GMT")
    feed = (HEAD + b'<rss version="2.0"><channel>' + ITEM
            + b"<item><title>Tomorrow</title><pubDate>" + future.encode() + b"</pubDate></item>"
            + b"</channel></rss>")  # fmt: skip
    with pytest.raises(FeedError):
        parse_feed(b"<html></html>", "x.xml", Context.for_organisation(org))
    plan = plan_import([("two.rss", feed)], None, org)
    assert [p.article.title for p in plan.new] == ["A sound entry"]
    assert len(plan.rejected) == 1 and "Tomorrow: date" in plan.rejected[0].reason
