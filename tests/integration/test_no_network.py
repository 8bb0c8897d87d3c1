"""No network, ever: the whole quarterly round (import → check → assess → report) runs in a
process where opening an internet socket or resolving a host name raises.

Python's audit hooks see every socket the process creates, its own and any library's, so
an update check or a font download hidden anywhere would fail this test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from workbench.models.resources import resource

GUARD = textwrap.dedent("""
    import socket, sys

    def guard(event, args):
        if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.connect",
                     "socket.sendto", "urllib.Request", "http.client.connect"):
            raise RuntimeError(f"network use: {event} {args!r}")
        if event == "socket.__new__" and len(args) > 1 and args[1] in (socket.AF_INET, socket.AF_INET6):
            raise RuntimeError(f"network use: {event} {args!r}")

    sys.addaudithook(guard)
    from workbench.cli import main

    for step in __STEPS__:
        status = main(step)
        print("STEP", step[0], status, flush=True)
        if status != 0:
            sys.exit(status)
""")


def test_import_check_assess_report_without_any_network(tmp_path):
    project = tmp_path / "离线.wbproj"
    workbooks = Path(str(resource("demo", "workbooks")))
    targets = next(Path(str(resource("demo", "targets"))).glob("*.xlsx"))
    quarters = sorted(p for p in workbooks.iterdir() if p.is_dir() and p.name <= "2019Q3")
    out = tmp_path / "材料"
    steps = [
        ["import", str(project), *map(str, quarters)],
        ["import", str(project), "--targets", str(targets)],
        ["check", str(project)],
        ["assess", str(project), "--period", "2019-09", "--json"],
        ["report", str(project), "--period", "2019-09", "--out", str(out)],
    ]
    script = GUARD.replace("__STEPS__", json.dumps(steps, ensure_ascii=False))
    env = {**os.environ, "WORKBENCH_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=600)
    assert "network use" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    assert [line.split()[1] for line in done.stdout.splitlines() if line.startswith("STEP")] == [
        "import", "import", "check", "assess", "report"]
    written = list(out.rglob("manifest.json"))
    assert len(written) == 1 and list(written[0].parent.glob("*.docx"))


def test_the_guard_does_catch_a_connection_attempt(tmp_path):
    """The guard itself works: without it the test above would pass vacuously."""
    script = GUARD.replace("__STEPS__", "[]") + "\nimport socket\nsocket.create_connection(('192.0.2.1', 80), 1)\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "WORKBENCH_HOME": str(tmp_path)})
    assert done.returncode != 0 and "network use" in done.stderr
