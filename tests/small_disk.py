"""A real full disk for tests: a small tmpfs mounted for one test, filled to a chosen margin.

Mounting needs root (or CAP_SYS_ADMIN). Where the mount is refused the test is skipped, naming
why; with PRESSWATCH_REQUIRE_TMPFS=1 (set it where mounting is known to work) it fails instead.
CI=true alone says nothing about mount rights (a container may be root without them), so it is
not the switch.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REQUIRE = "PRESSWATCH_REQUIRE_TMPFS"
FILLER = "filler"


@contextmanager
def small_disk(folder: Path, size: str = "32m") -> Iterator[Path]:
    """`folder` as a tmpfs of `size`, unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        reason = f"cannot mount a tmpfs to fill: {mounted.stderr.strip() or mounted.returncode}"
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{reason} ({REQUIRE}=1)")
        pytest.skip(reason)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True)


def free_bytes(disk: Path) -> int:
    stat = os.statvfs(disk)
    return stat.f_bavail * stat.f_frsize


def fill(disk: Path, leave: int) -> None:
    """Fill the disk with a filler file until only `leave` bytes are free."""
    filler = disk / FILLER
    filler.unlink(missing_ok=True)
    with open(filler, "wb") as handle:
        handle.truncate(0)
        handle.write(b"\0" * max(free_bytes(disk) - leave, 0))


def files_on(disk: Path) -> list[str]:
    """What is on the disk besides the filler and the writer's lock file."""
    return sorted(p.name for p in disk.iterdir() if p.name != FILLER and p.suffix != ".lock")
