"""Load: many managers change filters at once while an import runs, against the real server.

    python -m bench.load [--sessions 25] [--seconds 60] [--baseline-seconds 20] [--write]

Starts `streamlit run dashboard/app.py` on a copy of the demo store (port on 127.0.0.1 only), then
drives it with websocket clients that speak Streamlit's own protocol, as the browser page does:
each one reruns the app with new widget values (the Period preset, outlets, media types) or moves
to another page, waits for the run to finish, and pauses 1-3 s as a person would. A baseline of
one session is measured first on the same server; then all sessions run together while
`python -m data.ingest` imports a generated clipping spreadsheet into the store.

A response time is from sending the new widget values to the server's "script finished" message:
the work the server does for one click (queries and figures), not the browser's drawing.
An error is any exception element, any `st.error` box, a run that does not finish within 60 s,
or a dropped connection. `--write` puts the figures into docs/reliability.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "reliability.md"
RUN_TIMEOUT_S = 60
THINK_TIME_S = (1.0, 3.0)  # default pause between two clicks of one person
PERIODS = ("Last 30 days", "Last 90 days", "Last 12 months", "This year", "Last year", "All time")
TODAY = dt.date.today()  # the dashboard measures periods from today: the data ends today too
IMPORT_ROWS = 2_000


# ---------- one session, speaking the browser's protocol


def _string(value: str) -> WidgetState:
    return WidgetState(string_value=value)


def _strings(values) -> WidgetState:
    state = WidgetState()
    state.string_array_value.data.extend(values)
    return state


def _picked(widget, default_index: int) -> list[str]:
    return [widget.options[default_index]] if 0 <= default_index < len(widget.options) else []


# The value a browser tab sends back for each kind of widget it shows (what it displays).
WIDGET_VALUES = {
    "selectbox": lambda w: _string(w.raw_value) if w.set_value else
    (_string(_picked(w, w.default)[0]) if _picked(w, w.default) else None),
    "multiselect": lambda w: _strings(w.raw_values if w.set_value else
                                      [w.options[i] for i in w.default]),
    "radio": lambda w: _string(w.raw_value) if w.set_value else
    (_string(_picked(w, w.default)[0]) if _picked(w, w.default) else None),
    "text_input": lambda w: _string(w.value if w.set_value else w.default),
    "text_area": lambda w: _string(w.value if w.set_value else w.default),
    "number_input": lambda w: WidgetState(double_value=w.value if w.set_value else w.default),
    "checkbox": lambda w: WidgetState(bool_value=w.value if w.set_value else w.default),
    "date_input": lambda w: _strings(w.value if w.set_value else w.default),
}  # fmt: skip


@dataclass
class RunResult:
    seconds: float
    errors: list[str] = field(default_factory=list)
    appearances: str | None = None  # the Overview's "Appearances" figure, when drawn
    texts: list[tuple[float, str]] = field(default_factory=list)  # (s after asking, alert or text)


class Session:
    """One browser tab's websocket: widget values in, page elements out.

    `headers` are sent with the connection (a browser's Cookie, a proxy's X-Forwarded-For),
    `source` is the local address to connect from (any of 127.0.0.0/8 reaches the server), and
    `host` the name the server is asked for.
    """

    def __init__(
        self, port: int, *, headers: dict[str, str] | None = None, source: str | None = None,
        host: str = "127.0.0.1",
    ) -> None:  # fmt: skip
        self.url = f"ws://{host}:{port}/_stcore/stream"
        self.connect_options: dict = {"host": "127.0.0.1", "port": port}
        if headers:
            self.connect_options["additional_headers"] = headers
        if source:
            self.connect_options["local_addr"] = (source, 0)
        self.ws = None
        self.widgets: dict[str, tuple[str, list[str]]] = {}  # label -> (widget id, options)
        self.pages: dict[str, str] = {}  # page name -> page script hash
        self.states: dict[str, WidgetState] = {}  # every widget's value, as the page sends them
        self.shown: dict[str, WidgetState] = {}  # the values of the widgets the last run drew
        self.page_hash = ""
        self.sent = 0.0  # when the last rerun was asked for

    async def open(self) -> RunResult:
        self.ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, **self.connect_options
        )
        return await self.rerun()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self) -> RunResult:
        message = BackMsg()
        client = message.rerun_script
        client.query_string = ""
        client.page_script_hash = self.page_hash
        client.widget_states.widgets.extend(self.states.values())
        started = self.sent = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        result = RunResult(seconds=0.0)
        self.shown = {}
        try:
            await asyncio.wait_for(self._read_until_finished(result), RUN_TIMEOUT_S)
            self.states = self.shown
        except TimeoutError:
            result.errors.append(f"no answer within {RUN_TIMEOUT_S} s")
        except websockets.ConnectionClosed as exc:
            result.errors.append(f"connection closed ({exc})")
        result.seconds = time.perf_counter() - started
        return result

    async def _read_until_finished(self, result: RunResult) -> None:
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                self.pages = {p.page_name: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._read_element(msg.delta.new_element, result)
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    result.errors.append("the app failed to compile")
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return

    def _read_element(self, element, result: RunResult) -> None:
        kind = element.WhichOneof("type")
        if kind in ("alert", "markdown"):
            body = element.alert.body if kind == "alert" else element.markdown.body
            result.texts.append((time.perf_counter() - self.sent, body))
        if kind == "exception":
            result.errors.append(f"exception: {element.exception.message[:200]}")
        elif kind == "alert" and element.alert.format == Alert.ERROR:
            result.errors.append(f"error box: {element.alert.body[:200]}")
        elif kind == "button":
            self.widgets[element.button.label] = (element.button.id, [])
        elif kind == "metric" and element.metric.label == "Appearances":
            result.appearances = element.metric.body
        elif kind in WIDGET_VALUES:
            widget = getattr(element, kind)
            state = WIDGET_VALUES[kind](widget)
            if state is not None:
                state.id = widget.id
                self.shown[widget.id] = state
            if kind in ("selectbox", "multiselect", "radio", "text_input"):
                self.widgets[widget.label] = (widget.id, list(getattr(widget, "options", [])))

    # ---------- what a manager does

    def choose(self, label: str, values: list[str] | str) -> bool:
        if label not in self.widgets:
            return False
        widget_id, _ = self.widgets[label]
        state = WidgetState(id=widget_id)
        if isinstance(values, str):
            state.string_value = values
        else:
            state.string_array_value.data.extend(values)
        self.states[widget_id] = state
        return True

    def options(self, label: str) -> list[str]:
        return self.widgets.get(label, ("", []))[1]

    def go_to(self, page: str) -> bool:
        if page not in self.pages:
            return False
        self.page_hash = self.pages[page]
        return True

    async def sign_in(self, role: str, password: str) -> RunResult:
        """Fill the sign-in form (role as shown, e.g. "Editor") and press its button."""
        self.choose("Sign in as", role)
        self.choose("Password", password)
        press = WidgetState(id=self.widgets["Sign in"][0], trigger_value=True)
        self.states[press.id] = press
        return await self.rerun()


async def manager(
    port: int, seconds: float, seed: int, timings: list, errors: list, think=THINK_TIME_S
) -> None:
    """One person: open the dashboard, then change one thing at a time until the time is up."""
    rng = random.Random(seed)
    session = Session(port)
    try:
        first = await session.open()
    except OSError as exc:
        errors.append(f"could not connect: {exc}")
        return
    timings.append(("open", first.seconds))
    errors.extend(first.errors)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            await asyncio.sleep(rng.uniform(*think))
            action = rng.choice(("period", "outlets", "media", "page", "page"))
            if action == "period":
                acted = session.choose("Period", rng.choice(PERIODS))
            elif action == "outlets":
                outlets = session.options("Outlets")
                acted = session.choose("Outlets", rng.sample(outlets, min(len(outlets), 2)))
            elif action == "media":
                media = session.options("Media types")
                acted = session.choose("Media types", rng.sample(media, min(len(media), 1)))
            else:
                pages = [p for p in session.pages if p != "Import data"]
                acted = bool(pages) and session.go_to(rng.choice(pages))
            if not acted:
                continue
            result = await session.rerun()
            timings.append((action, result.seconds))
            errors.extend(result.errors)
            if result.errors and "connection closed" in result.errors[-1]:
                return
    finally:
        await session.close()


async def overview_figure(port: int) -> str | None:
    """The Appearances figure a newly opened dashboard shows (default filters, Overview)."""
    session = Session(port)
    try:
        return (await session.open()).appearances
    finally:
        await session.close()


async def crowd(
    port: int, sessions: int, seconds: float, seed: int = 0, think=THINK_TIME_S
) -> dict:
    timings: list[tuple[str, float]] = []
    errors: list[str] = []
    await asyncio.gather(
        *(manager(port, seconds, seed + i, timings, errors, think) for i in range(sessions))
    )
    return {"timings": timings, "errors": errors}


# ---------- the server, the store and the import


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def dashboard_server(db: Path, workdir: Path, access: str = '[access]\nmode = "none"\n'):
    port = free_port()
    secrets = workdir / "secrets.toml"
    secrets.write_text(access)  # by default no sign-in: the crowd measures the dashboard
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false", "--secrets.files", str(secrets),
    ]  # fmt: skip
    log = open(workdir / "server.log", "w")
    env = {**os.environ, "PRESSWATCH_DB": str(db)}
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start; see {log.name}") from None
                time.sleep(0.3)
        yield server, port
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def clipping_spreadsheet(path: Path, rows: int, today: dt.date) -> Path:
    """A clipping export as editors receive them: recent appearances in known outlets."""
    outlets = ("Le Monde", "Financial Times", "Les Echos", "Reuters", "France Culture")
    rng = random.Random(7)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["date", "outlet", "title", "url", "language"])
        for i in range(rows):
            day = today - dt.timedelta(days=rng.randrange(0, 300))
            out.writerow(
                [day.isoformat(), rng.choice(outlets), f"Load test appearance {i}",
                 f"https://news.example.org/load/{i}", "en"]
            )  # fmt: skip
    return path


def start_import(db: Path, workdir: Path) -> subprocess.Popen:
    sheet = clipping_spreadsheet(workdir / "clippings.csv", IMPORT_ROWS, TODAY)
    log = open(workdir / "import.log", "w")
    return subprocess.Popen(
        [sys.executable, "-m", "data.ingest", "--db", str(db), str(sheet)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# ---------- figures


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(timings: list[tuple[str, float]]) -> dict[str, tuple[int, float, float]]:
    """action -> (count, p50 ms, p95 ms); "all" excludes the first page load."""
    groups: dict[str, list[float]] = {}
    for action, seconds in timings:
        groups.setdefault(action, []).append(seconds * 1000)
        if action != "open":
            groups.setdefault("all", []).append(seconds * 1000)
    return {
        a: (len(v), statistics.median(v), percentile(v, 0.95)) for a, v in sorted(groups.items())
    }


def table(rows: dict[str, tuple[int, float, float]]) -> list[str]:
    lines = ["| action | runs | p50 ms | p95 ms |", "|---|---:|---:|---:|"]
    for action, (count, p50, p95) in rows.items():
        lines.append(f"| {action} | {count} | {p50:,.0f} | {p95:,.0f} |")
    return lines


def report(args, baseline: dict, loaded: dict, import_info: str, rss: float) -> str:
    base, load = summary(baseline["timings"]), summary(loaded["timings"])
    ratio = load["all"][1] / base["all"][1] if "all" in base and "all" in load else float("nan")
    lines = [
        f"Measured {dt.date.today().isoformat()} on {os.cpu_count()} cores, demo store "
        f"(20,000 appearances), `python -m bench.load --sessions {args.sessions} "
        f"--seconds {args.seconds:g} --think {args.think[0]:g}-{args.think[1]:g}`.",
        "",
        f"- Sessions: {args.sessions} at once for {args.seconds:g} s, each changing one filter "
        f"or page every {args.think[0]:g}-{args.think[1]:g} s; {import_info}.",
        f"- Errors: **{len(loaded['errors'])}** under load, {len(baseline['errors'])} in the "
        "baseline (exception elements, error boxes, runs without an answer in 60 s, dropped "
        "connections).",
        f"- Median response under load: {load.get('all', (0, 0.0))[1]:,.0f} ms, "
        f"{ratio:.1f}x the one-session baseline ({base.get('all', (0, 0.0))[1]:,.0f} ms) "
        "measured on the same server just before.",
        f"- Server peak memory: {rss:,.0f} MB. Machine load average when the run began: "
        f"{args.load_before:.1f} (other work competing for the {os.cpu_count()} cores).",
        "",
        f"One session alone ({args.baseline_seconds:g} s):",
        "",
        *table(base),
        "",
        f"{args.sessions} sessions while the import runs:",
        "",
        *table(load),
    ]
    if loaded["errors"]:
        lines += ["", "Errors seen:", ""] + [f"- {e}" for e in sorted(set(loaded["errors"]))[:20]]
    return "\n".join(lines)


def write_report(text: str, scenario: str) -> None:
    """Put the figures into docs/reliability.md, replacing those of an earlier run like it."""
    start, end = f"<!-- load {scenario}: start -->", f"<!-- load {scenario}: end -->"
    REPORT.parent.mkdir(exist_ok=True)
    current = REPORT.read_text() if REPORT.exists() else "# Reliability\n\n## Load\n\n"
    block = f"{start}\n{text}\n{end}"
    if start in current and end in current:
        before, rest = current.split(start, 1)
        current = before + block + rest.split(end, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + block + "\n"
    REPORT.write_text(current)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--baseline-seconds", type=float, default=20)
    parser.add_argument(
        "--think",
        type=lambda text: tuple(float(x) for x in text.split("-")),
        default=THINK_TIME_S,
        metavar="MIN-MAX",
        help="seconds a person pauses between two clicks (default 1-3)",
    )
    parser.add_argument("--write", action="store_true", help="write docs/reliability.md")
    args = parser.parse_args(argv)
    args.load_before = os.getloadavg()[0]

    from data.demo import build_demo

    with tempfile.TemporaryDirectory(prefix="presswatch-load-") as tmp:
        workdir = Path(tmp)
        db = workdir / "media.duckdb"
        build_demo(db, today=TODAY)
        with dashboard_server(db, workdir) as (server, port):
            asyncio.run(crowd(port, 1, 5, seed=1000))  # warm: imports, caches, first queries
            baseline = asyncio.run(crowd(port, 1, args.baseline_seconds, seed=2000))
            before = asyncio.run(overview_figure(port))
            importer = start_import(db, workdir)
            loaded = asyncio.run(crowd(port, args.sessions, args.seconds, think=args.think))
            importer.wait(timeout=600)
            after = asyncio.run(overview_figure(port))
            rss = peak_rss_mb(server.pid)
        log = (workdir / "import.log").read_text()[-400:]
        if importer.returncode == 0:
            import_info = f"an import of {IMPORT_ROWS:,} spreadsheet rows ran meanwhile"
        else:
            import_info = f"the import meanwhile FAILED (exit {importer.returncode}): {log!r}"
        text = report(args, baseline, loaded, import_info, rss)
        if loaded["errors"] or baseline["errors"]:
            print((workdir / "server.log").read_text()[-4000:], file=sys.stderr)
        text += (
            f"\n\nA dashboard opened before the import showed {before} appearances (last 12 "
            f"months); one opened after it, on the same server without a restart, {after}."
        )
    print(text)
    if args.write:
        write_report(text, scenario=f"{args.think[0]:g}-{args.think[1]:g}")
        print(f"\nWritten to {REPORT.relative_to(ROOT)}")
    healthy = not loaded["errors"] and importer.returncode == 0 and after != before
    return 0 if healthy else 1


if __name__ == "__main__":
    raise SystemExit(main())
