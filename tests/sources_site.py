"""A stand-in for the organisation's site, served on 127.0.0.1 from a thread of the test process.

Its pages are written for the project in the site's formats: the paged lists of media
appearances in English, French and German (logo, linked title, date line, "Nom du journal,
revue ou émission", outlet, "Accroche", teaser), item pages in the site's article layout (for
list entries that give no outlet or date), a Google Alerts style Atom feed and robots.txt. It
answers conditional requests (ETag, Last-Modified) with 304, records every request with the time
it arrived, and plays faults on chosen paths: 500, 429 with Retry-After, a slow answer, a
redirect loop, a PDF instead of a page, a new layout the parsers cannot read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

LIST_PATH = "/{lang}/liste-des-interventions-mediatiques"
HEADERS = {
    "en": (
        "Media Interventions",
        "Our researchers intervene in the public debate and bring their light to the French "
        "and international media. Discover all their media interventions.",
    ),
    "fr": (
        "Interventions médiatiques",
        "Nos chercheurs interviennent dans le débat public et apportent leur lumière dans les "
        "médias français et internationaux. Retrouvez toutes leurs interventions médiatiques.",
    ),
    "de": (
        "Medienauftritte",
        "Unsere wissenschaftlichen Mitarbeiter beteiligen sich an der öffentlichen Debatte und "
        "bringen ihre Expertise in die französischen und internationalen Medien ein.",
    ),
}
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}
OUTLET_MARK = "Nom du journal, revue ou émission"
LAST_MODIFIED = "Mon, 02 Jun 2025 08:00:00 GMT"


def date_line(day: dt.date, lang: str) -> str:
    month = MONTHS[lang].split()[day.month - 1]
    return f"{day.day:02d} {month} {day.year}"


@dataclass
class Item:
    """One appearance as the site lists it."""

    title: str
    day: dt.date
    outlet: str | None  # None: the list leaves it out, and links to the item page
    teaser: str
    slug: str
    byline: str | None = None  # on the item page: "Thomas GOMART, quoted in Foreign Policy"
    page_outlet: str | None = None  # the outlet the item page links to

    def link(self, lang: str) -> str:
        if self.outlet is None:
            return f"/{lang}/espace-media/lifri-medias/{self.slug}"  # the site's own page
        return f"https://news.example.com/{lang}/{self.slug}"


@dataclass(frozen=True)
class Request:
    at: float  # time.monotonic() when it arrived
    path: str  # with the query
    headers: dict[str, str]
    status: int


@dataclass
class Site:
    lists: dict[str, list[Item]]  # language -> items, newest first
    per_page: int = 5
    robots: str = "User-agent: *\nDisallow: /private/\n"
    feed_entries: list[tuple[str, str, dt.date]] = field(default_factory=list)  # title, url, day
    faults: dict[str, str] = field(default_factory=dict)  # path (with query) -> fault
    slow_seconds: float = 3.0
    requests: list[Request] = field(default_factory=list)
    fault_hits: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    # ----- running

    def start(self) -> str:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.answer(self)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self.base

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def list_url(self, lang: str) -> str:
        return self.base + LIST_PATH.format(lang=lang) + "?page={page}"

    def paths(self) -> list[str]:
        with self.lock:
            return [r.path for r in self.requests]

    def clear(self) -> None:
        with self.lock:
            self.requests.clear()

    # ----- pages

    def list_page(self, lang: str, page: int) -> str:
        title, blurb = HEADERS[lang]
        items = self.lists[lang][page * self.per_page : (page + 1) * self.per_page]
        blocks = []
        for item in items:
            outlet = f"<p>{OUTLET_MARK}</p><p>{html.escape(item.outlet)}</p>" if item.outlet else ""
            blocks.append(
                '<div class="views-row">'
                f'<p>Logo</p><img src="/logos/{item.slug}.png" alt="">'
                f'<h3><a href="{html.escape(item.link(lang))}">{html.escape(item.title)}</a></h3>'
                + f"<p>{date_line(item.day, lang)}</p>"
                + f"{outlet}<p>Accroche</p><p>{html.escape(item.teaser)}</p></div>"
            )
        return (
            f'<!doctype html><html lang="{lang}"><head><title>{title} | Ifri</title></head>'
            f"<body><h1>{title}</h1><p>{blurb}</p>" + "\n".join(blocks) + "</body></html>"
        )

    def item_page(self, lang: str, slug: str) -> str | None:
        for item in self.lists.get(lang, []):
            if item.slug == slug and item.outlet is None:
                break
        else:
            return None
        month = MONTHS["en"].split()[item.day.month - 1][:3].lower()
        outlet = item.page_outlet or ""
        return (
            "<!doctype html><html><body>"
            f'<div class="date"><span>{item.day.day:02d}</span><br><span>{month}</span><br>'
            f"<span>{item.day.year}</span></div>"
            "<h2>media Ifri in the Media</h2>"
            f"<p>{html.escape(item.byline or '')}</p>"
            f"<h1>{html.escape(item.title)}</h1><p>{html.escape(item.teaser)}</p>"
            f'<p><a href="https://news.example.com/{slug}">&gt; Read the article on the '
            f"{html.escape(outlet)} website</a></p></body></html>"
        )

    def feed(self) -> str:
        entries = "".join(
            f"<entry><id>tag:alerts,{i}</id><title>{html.escape(title)}</title>"
            f'<link href="{html.escape(url)}"/><published>{day.isoformat()}T08:00:00Z</published>'
            '<content type="html">Thomas Gomart</content></entry>'
            for i, (title, url, day) in enumerate(self.feed_entries)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Google Alert - Thomas Gomart</title>'
            f"{entries}</feed>"
        )

    # ----- answering

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        arrived = time.monotonic()
        path = handler.path
        asked = path.replace("&via=1", "").replace("?via=1", "")  # a redirect loop's two ends
        fault = self.faults.get(asked) or self.faults.get(urlsplit(asked).path)
        status, headers, body = self._respond(path, fault, handler)
        with self.lock:
            self.requests.append(Request(arrived, path, dict(handler.headers), status))
        if fault == "slow":
            time.sleep(self.slow_seconds)
        try:
            handler.send_response(status)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a slow answer)

    def _respond(
        self, path: str, fault: str | None, handler: BaseHTTPRequestHandler
    ) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            hits = self.fault_hits[path] = self.fault_hits.get(path, 0) + 1
        if fault == "500":
            return 500, {"Content-Type": "text/html"}, b"<h1>Internal Server Error</h1>"
        if fault == "429-once" and hits == 1:
            return 429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"slow down"
        if fault == "loop":
            target = path + ("&" if "?" in path else "?") + "via=1"
            back = path.replace("&via=1", "").replace("?via=1", "")
            return 302, {"Location": back if "via=1" in path else target}, b""
        if fault == "pdf":
            return 200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        if fault == "layout":
            shell = '<!doctype html><html><body><div id="app"></div><script src="/app.js">'
            return 200, {"Content-Type": "text/html; charset=utf-8"}, (shell + "</script>").encode()
        found = self._page(path)
        if found is None:
            return 404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"
        content_type, text = found
        body = text.encode()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        headers = {"Content-Type": content_type, "ETag": etag, "Last-Modified": LAST_MODIFIED}
        if handler.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, headers, body

    def _page(self, path: str) -> tuple[str, str] | None:
        parts = urlsplit(path)
        if parts.path == "/robots.txt":
            return "text/plain", self.robots
        if parts.path == "/alerts/gomart.atom":
            return "application/atom+xml; charset=utf-8", self.feed()
        for lang in self.lists:
            if parts.path == LIST_PATH.format(lang=lang):
                query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
                return "text/html; charset=utf-8", self.list_page(lang, int(query.get("page", 0)))
            prefix = f"/{lang}/espace-media/lifri-medias/"
            if parts.path.startswith(prefix):
                page = self.item_page(lang, parts.path[len(prefix) :])
                return None if page is None else ("text/html; charset=utf-8", page)
        return None


def detail_item(title: str, day: dt.date, outlet: str, byline: str, teaser: str, slug: str) -> Item:
    """A list entry without its outlet and date, whose item page gives them (byline, date)."""
    return Item(title, day, None, teaser, slug, byline=byline, page_outlet=outlet)


OUTLETS = {
    "en": ["Financial Times", "The Guardian", "Politico", "Newsweek", "BBC", "The Economist"],
    "fr": ["Le Monde", "Les Echos", "RFI", "France Culture", "Le Figaro", "La Croix"],
    "de": ["Der Spiegel", "Die Zeit", "Deutsche Welle", "Frankfurter Allgemeine Zeitung"],
}
EXPERTS = ["Thomas Gomart", "Marc Hecker", "Laurence Nardon", "Alice Ekman", "Hans Stark"]
TEASERS = {
    "en": "{expert}, researcher at Ifri, comments on the week's events in {topic}.",
    "fr": "{expert}, chercheur à l'Ifri, revient sur les événements de la semaine : {topic}.",
    "de": "{expert}, Forscher am Ifri, ordnet die Ereignisse der Woche ein: {topic}.",
}
TOPICS = {
    "en": ["energy security", "the war in Ukraine", "China's trade policy", "the Sahel", "NATO"],
    "fr": ["la sécurité énergétique", "la guerre en Ukraine", "la politique commerciale chinoise",
           "le Sahel", "l'OTAN"],
    "de": ["die Energiesicherheit", "der Krieg in der Ukraine", "die chinesische Handelspolitik",
           "die Sahelzone", "die NATO"],
}  # fmt: skip
TITLES = {
    "en": "What comes next for {topic} ({n})",
    "fr": "Que va-t-il se passer pour {topic} ? ({n})",
    "de": "Wie es weitergeht: {topic} und die Folgen für Europa ({n})",
}


def make_item(lang: str, n: int, day: dt.date) -> Item:
    expert = EXPERTS[n % len(EXPERTS)]
    topic = TOPICS[lang][n % len(TOPICS[lang])]
    outlet = OUTLETS[lang][n % len(OUTLETS[lang])]
    title = TITLES[lang].format(topic=topic, n=n)
    return Item(title, day, outlet, TEASERS[lang].format(expert=expert, topic=topic), f"{lang}-{n}")


def standard_site() -> Site:
    """Three lists: English with 13 entries (one given only on its item page, three before
    2024), French with 7, German with 6; five to a page; and a feed."""
    start = dt.date(2025, 5, 30)
    en = [make_item("en", n, start - dt.timedelta(days=7 * n)) for n in range(10)]
    en[3] = detail_item(
        "Why deterrence is back in Europe",
        dt.date(2025, 5, 9),
        "Foreign Policy",
        "Thomas GOMART, quoted in Foreign Policy",
        "Europe's debate on deterrence, seen from Paris.",
        "why-deterrence-is-back",
    )
    en += [make_item("en", n, dt.date(2023, 12, 20) - dt.timedelta(days=30 * (n - 10)))
           for n in range(10, 13)]  # fmt: skip
    fr = [make_item("fr", n, start - dt.timedelta(days=5 * n + 1)) for n in range(7)]
    de = [make_item("de", n, start - dt.timedelta(days=9 * n + 2)) for n in range(6)]
    feed = [("Gomart on Europe's energy - Le Monde", "https://news.example.com/feed-1",
             dt.date(2025, 5, 28))]  # fmt: skip
    return Site({"en": en, "fr": fr, "de": de}, feed_entries=feed)


def sources_toml(site: Site, interval: float = 0.05, **fetch: object) -> str:
    """The sources.toml of an organisation following `site`."""
    settings = {
        "contact": "press@example.org",
        "interval_seconds": interval,
        "timeout_seconds": 1,
        "retries": 1,
        "backoff_seconds": 0.05,
        **fetch,
    }
    lines = ["[fetch]", *(f"{k} = {_toml(v)}" for k, v in settings.items()), ""]
    for lang in site.lists:
        lines += [
            "[[listing]]",
            f'name = "site-{lang}"',
            f'url = "{site.list_url(lang)}"',
            f'language = "{lang}"',
            "since = 2024-01-01",
            f"item_pages = ['^{site.base}/{lang}/espace-media/lifri-medias/']",
            "",
        ]
    lines += ["[[feed]]", 'name = "alerts-gomart"', f'url = "{site.base}/alerts/gomart.atom"']
    return "\n".join(lines) + "\n"


def _toml(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)
