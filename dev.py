#!/usr/bin/env python3
"""Set up a local environment and run the workbench or its tests: one command each.

    python3 dev.py demo    # the GUI on the bundled demo project
    python3 dev.py test    # the whole test suite (pytest arguments may follow)

The first run creates ``.venv`` and installs the project with its test extra; later
runs reinstall only when pyproject.toml changed. Needs nothing but Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".workbench-installed"
PYTEST_NO_TESTS = 5


def _say(text: str) -> None:
    print(f"[dev.py] {text}", flush=True)


def ensure_environment() -> None:
    """Create ``.venv`` and install the project into it when missing or out of date."""
    if sys.version_info < (3, 11):
        sys.exit(f"需要 Python 3.11 或更高版本（当前 {sys.version.split()[0]}）")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PYTHON.exists():
        _say(f"creating {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    _say("installing workbench and its test dependencies (first run takes a few minutes)")
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def run_tests(extra: list[str]) -> int:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    code = subprocess.run([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT, env=env).returncode
    if code == PYTEST_NO_TESTS:
        _say("no tests were collected: that is a failure")
        return 1
    return code


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "setup"}:
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    ensure_environment()
    if command == "setup":
        return 0
    if command == "test":
        return run_tests(extra)
    return subprocess.run([str(PYTHON), "-m", "workbench", "demo", *extra], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
