"""``workbench report``: being written (the helper owning this module replaces this text)."""

from __future__ import annotations


def add_parsers(subparsers) -> None:
    """Register the ``report`` subcommand on ``subparsers``."""
