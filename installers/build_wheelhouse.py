#!/usr/bin/env python3
"""Download every wheel the workbench needs, for installing on PCs without network.

    python installers/build_wheelhouse.py [--out wheelhouse] [--dry-run]

Makes one folder per target (win_amd64 and manylinux x86_64, CPython 3.11 and 3.12), each
holding the workbench's own wheel and binary wheels of all its dependencies (read from
pyproject.toml), so that on the target PC

    pip install --no-index --find-links wheelhouse/win_amd64-cp311 workbench

installs it without network. ``--dry-run`` prints the pip commands only.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {
    "win_amd64": ["win_amd64"],
    "manylinux_x86_64": ["manylinux_2_28_x86_64", "manylinux2014_x86_64", "manylinux_2_17_x86_64"],
}
PYTHONS = ("3.11", "3.12")


def requirements() -> list[str]:
    """The runtime dependencies declared in pyproject.toml."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        return list(tomllib.load(f)["project"]["dependencies"])


def commands(out: Path) -> list[list[str]]:
    """The pip commands: one wheel of the workbench, then a download per target and Python."""
    pip = [sys.executable, "-m", "pip"]
    cmds = [[*pip, "wheel", "--no-deps", "--wheel-dir", str(out / "workbench"), str(ROOT)]]
    for target, platforms in TARGETS.items():
        for python in PYTHONS:
            tag = f"cp{python.replace('.', '')}"
            folder = out / f"{target}-{tag}"
            platform_args = [arg for p in platforms for arg in ("--platform", p)]
            cmds.append([*pip, "download", "--only-binary=:all:", *platform_args, "--python-version", python,
                         "--implementation", "cp", "--abi", tag, "--abi", "abi3", "--abi", "none",
                         "--dest", str(folder), *requirements()])
    return cmds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "wheelhouse")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    for cmd in commands(args.out):
        print(shlex.join(cmd))
        if not args.dry_run:
            subprocess.run(cmd, check=True)
    if not args.dry_run:
        own = next((args.out / "workbench").glob("workbench-*.whl"))
        for folder in args.out.iterdir():
            if folder.is_dir() and folder.name != "workbench":
                (folder / own.name).write_bytes(own.read_bytes())
        print(f"wheelhouse ready: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
