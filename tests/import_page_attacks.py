"""The hostile files of tests/bad_inputs.py uploaded, one by one, to the Import page in Streamlit's
AppTest, in a process of their own so its time and memory can be measured:

    python -m tests.import_page_attacks STORE REPORT.json

For each file the report holds the seconds the page took, the process's peak memory while the page
read it (VmHWM, reset before each file), what the page said (errors and the rejected table) and any
exception; and the memory held before the first file and after the last.
tests/dashboard/test_import_page_under_attack.py runs it and checks the bounds.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")


def memory_kb(field: str) -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"{field}:\s*(\d+) kB", status).group(1))


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # "5": the peak (VmHWM) starts again from now


def attack(at_class, case) -> dict:
    at = at_class.from_file(APP, default_timeout=120)
    at.secrets = {"access": {"mode": "none"}}
    at.run()
    at.switch_page("views/import_data.py").run()
    reset_peak()
    start = time.monotonic()
    at.file_uploader[0].set_value([(case.name, case.data, "application/octet-stream")])
    at.run()
    seconds = time.monotonic() - start
    said = [e.value for e in at.error] + [
        str(reason)
        for frame in at.dataframe
        if "Reason" in frame.value.columns
        for reason in frame.value["Reason"]
    ]
    return {
        "name": case.name,
        "seconds": seconds,
        "peak_kb": memory_kb("VmHWM"),
        "said": "\n".join(said).replace("\\", ""),  # as read: 'e\\.txt' shows 'e.txt'
        "exceptions": [e.value for e in at.exception],
        "new": sum(
            int(m.value.replace(",", "")) for m in at.metric if m.label == "New appearances"
        ),
    }


def main(store: str, report: str) -> None:
    os.environ["PRESSWATCH_DB"] = store
    from streamlit.testing.v1 import AppTest

    from tests.bad_inputs import attacks

    cases = attacks()
    attack(AppTest, cases[0])  # the page and its libraries loaded once before measuring
    held_before = memory_kb("VmRSS")
    results = []
    while cases:  # each file let go once read, as the server lets go of an upload
        results.append(attack(AppTest, cases.pop(0)))
    Path(report).write_text(
        json.dumps(
            {"cases": results, "held_before_kb": held_before, "held_after_kb": memory_kb("VmRSS")}
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
