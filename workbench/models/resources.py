"""Lookup of the files shipped in ``resources/`` (the package ``workbench.resources``).

Everything goes through ``importlib.resources`` so that the same call works from a
source checkout, an installed wheel and a PyInstaller bundle.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

PACKAGE = "workbench.resources"


def resource(*parts: str) -> Traversable:
    """Return the shipped resource at ``parts`` (e.g. ``resource("plans")``)."""
    node = resources.files(PACKAGE)
    for part in parts:
        node = node.joinpath(part)
    return node


def read_text(*parts: str) -> str:
    """Return the text of a shipped UTF-8 resource file."""
    return resource(*parts).read_text(encoding="utf-8")
