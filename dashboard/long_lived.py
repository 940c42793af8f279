"""The server's long-lived objects, set aside from garbage collection once.

Streamlit collects garbage after every page run (`runner.postScriptGC`): a full pass over every
object the server holds, about 100 ms here, during which the server answers no request, the
chart library's download included. What is alive after the first page drawn to its end
(modules, Plotly's validators, the cached store results) lives about as long as the server, so
it is frozen once (`gc.freeze`) and later passes skip it: about 1 ms each
(bench/results/first_chart.md). The price, paid once: what that first visit's session holds in
reference cycles stays in memory after the session ends.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()
_frozen = False


def freeze_once() -> None:
    """Collect what is garbage now, then leave everything still alive out of later collections.
    Only the first call in a process does anything."""
    global _frozen
    with _lock:
        if _frozen:
            return
        gc.collect()
        gc.freeze()
        _frozen = True
