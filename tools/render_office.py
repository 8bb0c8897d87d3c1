"""Render .docx, .pptx and .xlsx files to PNG pages through LibreOffice, to look at them.

Usage::

    python tools/render_office.py FOLDER_OR_FILES... --out PNGDIR [--dpi 60] [--pages N]

Each file is converted to PDF by ``soffice --headless --convert-to pdf`` (with a profile of
its own in a temporary folder, so several runs can go side by side and it works as root),
then each PDF page to ``PNGDIR/<file stem>-<ext>-<page>.png`` by poppler's ``pdftoppm``.
Folders are searched recursively. The PNGs written are printed one per line; exit status
0 when every file rendered, 1 when some did not, 2 when soffice or pdftoppm is missing.

LibreOffice is not WPS or Microsoft Office: what it shows is a good check of layout,
fonts and overflowing text, not a proof of how Word draws the file.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUFFIXES = (".docx", ".pptx", ".xlsx")
WINDOWS_SOFFICE = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                   r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")


def find_soffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in WINDOWS_SOFFICE if os.path.isfile(p)), None)


def office_files(paths: list[Path]) -> list[Path]:
    """The office files named or inside the folders named, skipping Office's ``~$`` lock files."""
    found = []
    for path in paths:
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        for candidate in candidates:
            if (candidate.is_file() and candidate.suffix.lower() in SUFFIXES
                    and not candidate.name.startswith(("~$", ".~lock"))):
                found.append(candidate)
    return found


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Run ``command``; on timeout end it and every process it started (soffice forks)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=(os.name != "nt"))
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if os.name != "nt":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.communicate()
        raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def to_pdf(soffice: str, source: Path, out_dir: Path, profile: Path, timeout: float) -> Path:
    """Convert ``source`` to PDF in ``out_dir``; raises RuntimeError when LibreOffice fails."""
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out_dir), str(source)]
    try:
        result = _run(command, timeout)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"LibreOffice 在 {timeout:.0f} 秒内没有转换完“{source.name}”") from None
    pdf = out_dir / f"{source.stem}.pdf"
    if result.returncode != 0 or not pdf.is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise RuntimeError(f"LibreOffice 未能转换“{source.name}”：{detail[-1] if detail else result.returncode}")
    return pdf


def to_pngs(pdftoppm: str, pdf: Path, prefix: Path, dpi: int, pages: int | None, timeout: float) -> list[Path]:
    """Render the pages of ``pdf`` (the first ``pages`` of them) to ``<prefix>-<n>.png``."""
    command = [pdftoppm, "-png", "-r", str(dpi)]
    if pages:
        command += ["-f", "1", "-l", str(pages)]
    started = time.time()
    try:
        result = _run([*command, str(pdf), str(prefix)], timeout)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"pdftoppm 在 {timeout:.0f} 秒内没有画完“{pdf.name}”") from None
    if result.returncode != 0:
        raise RuntimeError(f"pdftoppm 未能画出“{pdf.name}”：{result.stderr.strip()}")
    # Only this run's pages (an earlier, longer render may have left more with the same prefix);
    # pdftoppm pads page numbers to the page count's width, so sort by the number, not the text.
    written = [p for p in prefix.parent.glob(f"{prefix.name}-*.png")
               if p.stem.rsplit("-", 1)[1].isdigit() and p.stat().st_mtime >= started - 1]
    return sorted(written, key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def render(files: list[Path], out: Path, *, dpi: int = 60, pages: int | None = None,
           timeout: float = 180) -> tuple[list[Path], list[str]]:
    """Render ``files`` into ``out``; returns the PNGs written and a message per failure."""
    soffice, pdftoppm = find_soffice(), shutil.which("pdftoppm")
    missing = [name for name, found in (("LibreOffice (soffice)", soffice), ("poppler (pdftoppm)", pdftoppm))
               if not found]
    if missing:
        raise FileNotFoundError("找不到 " + "、".join(missing) + "：请先安装（Debian/Ubuntu：apt-get install "
                                "libreoffice-writer libreoffice-calc libreoffice-impress poppler-utils）")
    out.mkdir(parents=True, exist_ok=True)
    pngs, failures = [], []
    with tempfile.TemporaryDirectory(prefix="render-office-") as scratch:
        profile = Path(scratch) / "profile"
        for n, source in enumerate(files):
            pdf_dir = Path(scratch) / f"pdf{n}"  # one folder per file: a.docx and a.xlsx both make a.pdf
            pdf_dir.mkdir()
            try:
                pdf = to_pdf(soffice, source.resolve(), pdf_dir, profile, timeout)
                prefix = out / f"{source.stem}-{source.suffix.lstrip('.').lower()}"
                pngs += to_pngs(pdftoppm, pdf, prefix, dpi, pages, timeout)
            except RuntimeError as exc:
                failures.append(str(exc))
    return pngs, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="用 LibreOffice 把 docx、pptx、xlsx 画成 PNG 页面，供查看版式。")
    parser.add_argument("paths", nargs="+", type=Path, metavar="FOLDER_OR_FILE", help="文件，或包含文件的文件夹")
    parser.add_argument("--out", required=True, type=Path, metavar="PNGDIR", help="PNG 写入的文件夹")
    parser.add_argument("--dpi", type=int, default=60, help="分辨率（默认 60）")
    parser.add_argument("--pages", type=int, metavar="N", help="每个文件只画前 N 页")
    parser.add_argument("--timeout", type=float, default=180, help="每个文件转换的时限，秒（默认 180）")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"错误：找不到 {'、'.join(missing)}", file=sys.stderr)
        return 2
    files = office_files(args.paths)
    if not files:
        print("错误：没有找到 .docx、.pptx 或 .xlsx 文件", file=sys.stderr)
        return 2
    try:
        pngs, failures = render(files, args.out, dpi=args.dpi, pages=args.pages, timeout=args.timeout)
    except FileNotFoundError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    for png in pngs:
        print(png)
    for failure in failures:
        print(f"错误：{failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
