#!/usr/bin/env python3
"""Build the one-folder bundle with PyInstaller and run its self-test.

    python installers/build_bundle.py [--dist DIR] [--no-self-test] [--offline]

Run it with the project's environment (``.venv``; PyInstaller comes with the ``test``
extra, which ``python3 dev.py setup`` installs). The bundle lands in ``build/dist/workbench`` (on
Windows, feed that folder to ``installers/workbench.iss``). ``--offline`` runs the self-test
inside a network namespace with no interfaces (``unshare -n``, Linux, needs root), which
is how the bundle is shown to need no network. Exit status 0 when the build and the
self-test passed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installers" / "workbench.spec"


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; return the bundle folder."""
    subprocess.run([sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work)], cwd=ROOT, check=True)
    return dist / "workbench"


def self_test(bundle: Path, out: Path, offline: bool) -> dict:
    """Run the bundle's ``workbench --self-test``; return its JSON report (``ok`` false on failure)."""
    exe = bundle / ("workbench.exe" if os.name == "nt" else "workbench")
    command = [str(exe), "--self-test", "--out", str(out)]
    if offline:
        command = ["unshare", "-n", "--", *command]
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # A fresh home: the self-test builds its demo project where a new user's would be.
    env["WORKBENCH_HOME"] = tempfile.mkdtemp(prefix="workbench-bundle-home-")
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    print(done.stdout, end="")
    print(done.stderr, end="", file=sys.stderr)
    report_path = out / "self-test.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.is_file() else {"ok": False}
    report["exit_status"] = done.returncode
    report["ok"] = bool(report.get("ok")) and done.returncode == 0
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "build" / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--no-self-test", action="store_true")
    parser.add_argument("--offline", action="store_true", help="run the self-test under `unshare -n`")
    args = parser.parse_args(argv)
    if args.offline and not shutil.which("unshare"):
        print("unshare is missing (util-linux): cannot run the self-test without network", file=sys.stderr)
        return 2
    bundle = build(args.dist, args.work)
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    print(f"bundle: {bundle} ({size / 1e6:.0f} MB)")
    if args.no_self_test:
        return 0
    report = self_test(bundle, args.dist / "self-test", args.offline)
    print(f"self-test: {'passed' if report['ok'] else 'FAILED'}; startup {report.get('startup_seconds')} s")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
