"""Helpers for tests on the demo project (the fixtures themselves are in tests/conftest.py)."""

from __future__ import annotations

import json

from workbench.models.resources import resource


def planted(kind: str) -> dict:
    """The first planted problem of this kind in the demo manifest."""
    manifest = json.loads(resource("demo", "manifest.json").read_text(encoding="utf-8"))
    return next(p for p in manifest["problems"] if p["kind"] == kind)

def cell_rc(cell: str) -> tuple[int, int]:
    """(row, column), zero-based, of an A1 address."""
    letters = "".join(ch for ch in cell if ch.isalpha())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(cell[len(letters):]) - 1, col - 1
