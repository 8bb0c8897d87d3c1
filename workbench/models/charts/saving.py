"""Writing charts to files that show Chinese on any machine: PNG, SVG and PDF.

How each format keeps the Chinese text:

* **PNG** is pixels: 300 dpi, enough for print at the size the chart is made. It is
  written as RGB (the charts are opaque) at zlib's fastest level: a quarter less data
  to compress than matplotlib's RGBA, and about twice as fast for files a tenth larger.
* **SVG** keeps text as paths (``svg.fonttype = "path"``). Referring to the font by name
  ("none") would make the file depend on the reader's fonts, and a viewer without a CJK
  font (many browsers on Linux, some converters, an image viewer on a bare PC) would
  draw boxes; SVG has no dependable way to embed a font either. Paths look the same
  everywhere, at the cost of text that cannot be selected.
* **PDF** embeds the subset of glyphs used as Type 3 fonts (``pdf.fonttype = 3``). Type 42
  puts the font file itself into the PDF, but matplotlib embeds it as a TrueType
  (``FontFile2``) font even when the outlines are CFF, as in Noto Sans SC, Noto Sans CJK and
  Source Han Sans, which PDF readers flag as a mismatch and some refuse. Type 3 glyphs are
  drawings valid for every font, and matplotlib adds a ToUnicode map, so the text can
  still be searched and copied.

Files are written without a creation date, so saving the same chart twice gives the same
bytes and a package can be compared with an earlier one.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from PIL import Image, PngImagePlugin

from workbench.models.errors import WorkbenchError

FORMATS = ("png", "svg", "pdf")
PNG_DPI = 300
SOFTWARE = "workbench"
PENDING_PNGS = 2
"""PNGs being compressed in the background at most (each holds its raw pixels, ~20 MB)."""

_RC = {"svg.fonttype": "path", "pdf.fonttype": 3, "svg.hashsalt": SOFTWARE}
"""``svg.hashsalt`` fixes the ids in the SVG, so equal charts give equal files."""
_METADATA = {
    "svg": {"Creator": SOFTWARE, "Date": None},
    "pdf": {"Creator": SOFTWARE, "Producer": SOFTWARE, "CreationDate": None},
}


class ChartSaveError(WorkbenchError, OSError):
    """A chart file that cannot be written; ``str()`` says which and why, in Chinese."""


def _check_formats(formats) -> tuple[str, ...]:
    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ChartSaveError(f"图表格式只能是 png、svg、pdf 中的一项或几项，收到：{'、'.join(map(str, unknown)) or '空'}")
    return formats


def _pixels(figure: Figure) -> tuple[bytes, tuple[int, int]]:
    """The figure drawn at :data:`PNG_DPI` as raw RGBA, with its size in pixels."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="rgba", dpi=PNG_DPI, facecolor="white")
    # matplotlib's own rule for the canvas size: inches × dpi, truncated after a 1e-8 nudge.
    size = (int(figure.get_figwidth() * PNG_DPI + 1e-8), int(figure.get_figheight() * PNG_DPI + 1e-8))
    pixels = buffer.getvalue()
    if len(pixels) == size[0] * size[1] * 4:
        return pixels, size
    buffer = io.BytesIO()  # should that rule ever change: let matplotlib say the size, at the price of a PNG
    figure.savefig(buffer, format="png", dpi=PNG_DPI, facecolor="white")
    with Image.open(buffer) as image:
        return image.convert("RGBA").tobytes(), image.size


def _png(pixels: bytes, size: tuple[int, int]) -> bytes:
    """Raw RGBA pixels as PNG bytes: RGB, 300 dpi, fastest compression.

    Runs in a worker thread too: Pillow releases the GIL while it compresses into memory.
    """
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", SOFTWARE)
    image = Image.frombuffer("RGBA", size, pixels, "raw", "RGBA", 0, 1).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="png", dpi=(PNG_DPI, PNG_DPI), pnginfo=info, compress_level=1)
    return out.getvalue()


def _write(path: Path, data: bytes) -> Path:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ChartSaveError(f"无法写入图表文件 {path}：{exc.strerror or exc}") from exc
    return path


def _save_vector(figure: Figure, path: Path, fmt: str) -> Path:
    try:
        with matplotlib.rc_context(_RC):
            figure.savefig(path, format=fmt, facecolor="white", metadata=_METADATA[fmt])
    except OSError as exc:
        raise ChartSaveError(f"无法写入图表文件 {path}：{exc.strerror or exc}") from exc
    return path


def _target(stem: Path, fmt: str) -> Path:
    path = stem.with_name(f"{stem.name}.{fmt}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ChartSaveError(f"无法写入图表文件 {path}：{exc.strerror or exc}") from exc
    return path


def save_figure(figure: Figure, stem: Path, formats=("png",)) -> list[Path]:
    """Write ``figure`` as ``stem.png`` (300 dpi), ``stem.svg`` and/or ``stem.pdf``.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
    stem : pathlib.Path
        Path without suffix; its folder is made if missing.
    formats : iterable of str
        Any of :data:`FORMATS`, written in this order.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ChartSaveError
        For an unknown format, or when a file cannot be written (folder read-only, disk full…).
    """
    formats = _check_formats(formats)
    written = []
    for fmt in formats:
        path = _target(Path(stem), fmt)
        written.append(_write(path, _png(*_pixels(figure))) if fmt == "png" else _save_vector(figure, path, fmt))
    return written


def write_charts(charts: Iterable, folder: Path, formats=("png",)) -> Iterator[tuple[int, int, str]]:
    """Build and save charts one after another; a generator yielding progress.

    While one chart is drawn, the PNG of the one before is compressed in a worker thread,
    so a package of twenty charts uses the second core. Only one figure exists at a time.

    Parameters
    ----------
    charts : iterable of ReportChart
        Anything with ``name`` (the file stem), ``title`` and ``make()``.
    folder : pathlib.Path
        Where the files go (made if missing).
    formats : iterable of str
        Any of :data:`FORMATS`.

    Yields
    ------
    tuple of (int, int, str)
        ``(done, total, message)`` after each chart is drawn.

    Returns
    -------
    dict of str to list of pathlib.Path
        Every chart's files, in chart order (``files = yield from write_charts(...)``).

    Raises
    ------
    ChartSaveError
        For an unknown format or a file that cannot be written.
    """
    formats = _check_formats(formats)
    charts = list(charts)
    written: dict[str, list[Path]] = {}
    pending: deque[Future] = deque()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="chart-png") as pool:
        try:
            for done, chart in enumerate(charts, start=1):
                figure = chart.make()
                files = written.setdefault(chart.name, [])
                for fmt in formats:
                    path = _target(Path(folder) / chart.name, fmt)
                    if fmt == "png":
                        while len(pending) >= PENDING_PNGS:
                            pending.popleft().result()
                        pixels = _pixels(figure)
                        pending.append(pool.submit(lambda p=path, px=pixels: _write(p, _png(*px))))
                    else:
                        _save_vector(figure, path, fmt)
                    files.append(path)
                del figure
                yield done, len(charts), f"图表 {done}/{len(charts)}：{chart.title}"
            while pending:
                pending.popleft().result()
        finally:  # stopped early or failed: every chart reported done still gets its files
            wait(pending)
    return written
