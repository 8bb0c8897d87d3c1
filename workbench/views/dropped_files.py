"""Files dragged onto the window: the one helper both the main window and 导入 use."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QUrl


def local_paths(urls: Iterable[QUrl]) -> list[Path]:
    """The local files and folders among dropped URLs."""
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and url.toLocalFile()]
