"""Writing a chart to files that show Chinese on any machine: PNG, SVG and PDF.

How each format keeps the Chinese text:

* **PNG** is pixels: 300 dpi, enough for print at the size the chart is made.
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

from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from workbench.models.errors import WorkbenchError

FORMATS = ("png", "svg", "pdf")
PNG_DPI = 300
SOFTWARE = "workbench"

_RC = {"svg.fonttype": "path", "pdf.fonttype": 3, "svg.hashsalt": SOFTWARE}
"""``svg.hashsalt`` fixes the ids in the SVG, so equal charts give equal files."""
_METADATA = {
    "png": {"Software": SOFTWARE},
    "svg": {"Creator": SOFTWARE, "Date": None},
    "pdf": {"Creator": SOFTWARE, "Producer": SOFTWARE, "CreationDate": None},
}

_EXTRA = {"png": {"pil_kwargs": {"compress_level": 1}}, "svg": {}, "pdf": {}}
"""zlib's fastest level: a third quicker to write than the default, files about a fifth larger."""


class ChartSaveError(WorkbenchError, OSError):
    """A chart file that cannot be written; ``str()`` says which and why, in Chinese."""


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
    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ChartSaveError(f"图表格式只能是 png、svg、pdf 中的一项或几项，收到：{'、'.join(map(str, unknown)) or '空'}")
    stem = Path(stem)
    written = []
    with matplotlib.rc_context(_RC):
        for fmt in formats:
            path = stem.with_name(f"{stem.name}.{fmt}")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                figure.savefig(path, format=fmt, dpi=PNG_DPI, facecolor="white", metadata=_METADATA[fmt], **_EXTRA[fmt])
            except OSError as exc:
                raise ChartSaveError(f"无法写入图表文件 {path}：{exc.strerror or exc}") from exc
            written.append(path)
    return written
