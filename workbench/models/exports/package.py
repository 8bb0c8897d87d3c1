"""The report package: every output of one assessment in a new folder, with a manifest.

:func:`write_package` writes the notification (考核通报, .docx), the official tables
(考核情况表, .xlsx), the meeting slides (推进会幻灯片, .pptx) and the charts (``图表/``) that
:class:`~workbench.models.exports.context.ReportOptions` asks for, then ``manifest.json``
naming each file with its size and SHA-256 and the project state the package came from.

The package is built in a hidden sibling folder and renamed into place at the end, so a
failing writer, a Cancel or a crash leaves no half-written package; an existing folder is
never overwritten (the new one gets "（2）", "（3）" … after its name). The project is not
touched: everything comes from the :class:`~workbench.models.exports.context.ReportContext`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import uuid
from collections.abc import Callable, Generator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from workbench.models.errors import WorkbenchError

MANIFEST_NAME = "manifest.json"
CHART_FOLDER = "图表"
CANCELLED = "已取消，考核材料没有写出。"
SECOND_PROCESS_MARKS = ("-county-", "-index-")  # report_charts' county profiles and index charts

Progress = Generator[tuple[int, int, str], None, "PackageResult"]


class PackageError(WorkbenchError):
    """The package could not be written; nothing of it was left behind."""


class PackageCancelled(PackageError):
    """The user stopped the package; nothing of it was left behind."""


@dataclass(frozen=True)
class PackageResult:
    """A written package.

    Attributes
    ----------
    folder : Path
        The package's folder (new; possibly with "（2）" after its name).
    files : list of dict
        One entry per file, as in the manifest: ``path`` (relative, with ``/``), ``kind``
        (docx, xlsx, pptx or chart), ``title``, ``bytes``, ``sha256`` (charts also ``format``).
    manifest : Path
        ``manifest.json`` inside ``folder``.
    """

    folder: Path
    files: list[dict]
    manifest: Path


def month_words(at: str) -> str:
    """``2019-09`` → ``2019年9月``, the way the package's names write the period."""
    year, month = at.split("-")
    return f"{int(year)}年{int(month)}月"


def package_folder_name(context) -> str:
    """The package folder's name before any "（2）": ``2019年9月考核材料``."""
    return f"{month_words(context.at)}考核材料"


def document_names(context) -> dict[str, str]:
    """File names of the documents by output kind, e.g. ``考核通报（2019年9月）.docx``."""
    when = month_words(context.at)
    return {"docx": f"考核通报（{when}）.docx", "xlsx": f"考核情况表（{when}）.xlsx",
            "pptx": f"推进会幻灯片（{when}）.pptx"}


def file_entry(folder: Path, path: Path, kind: str, title: str, **extra) -> dict:
    """The manifest entry of ``path`` (inside ``folder``): size and SHA-256 of what is on disk."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return {"path": path.relative_to(folder).as_posix(), "kind": kind, "title": title, **extra,
            "bytes": path.stat().st_size, "sha256": digest.hexdigest()}


DOCUMENTS = (("docx", "考核通报"), ("xlsx", "考核情况表"), ("pptx", "推进会幻灯片"))
"""The documents of a package, in the order they are written: output kind and title."""


def _write_document(context, kind: str, path: Path, template) -> None:
    # Imported here, and the writer looked up at call time: a package without slides never
    # loads python-pptx, and a test can replace one writer.
    if kind == "docx":
        from workbench.models.exports import notification_docx
        notification_docx.write_notification(context, path)
    elif kind == "xlsx":
        from workbench.models.exports import tables_xlsx
        tables_xlsx.write_tables(context, path)
    else:
        from workbench.models.exports import slides
        slides.write_slides(context, path, template=template)
    if not path.is_file():
        raise PackageError(f"“{path.name}”没有写出")


def _failure(label: str, exc: Exception) -> PackageError:
    """One Chinese message naming the file, whatever the writer raised."""
    if isinstance(exc, PackageError):
        return exc
    if isinstance(exc, WorkbenchError):
        return PackageError(f"写“{label}”时出错：{exc}")
    # A writer's bug or a full disk: still a message naming the file (the cause is chained).
    return PackageError(f"写“{label}”时出错（{type(exc).__name__}）：{exc}")


def _chart_progress(charts, formats, folder: Path, stop, done: int, total: int):
    """Draw and save ``charts`` through :func:`~workbench.models.charts.saving.write_charts`
    (which compresses one PNG while it draws the next); yields progress, returns the entries."""
    from workbench.models.charts.saving import ChartSaveError, write_charts

    if not charts:
        return []
    titles = {chart.name: chart.title for chart in charts}
    drawing = write_charts(charts, folder / CHART_FOLDER, formats)
    drawn = 0
    try:
        yield done, total, f"正在画图表 1/{len(charts)}：{charts[0].title}…"
        if stop():
            raise PackageCancelled(CANCELLED)
        while True:
            try:
                drawn, _, _ = next(drawing)
            except StopIteration as finished:
                written = finished.value
                break
            except ChartSaveError as exc:  # a chart file that cannot be written: the message names it
                raise PackageError(f"写图表时出错：{str(exc).replace(str(folder) + os.sep, '')}") from exc
            except Exception as exc:  # drawing failed: charts are drawn in order, so it is the next one
                raise _failure(f"{CHART_FOLDER}/{charts[min(drawn, len(charts) - 1)].name}", exc) from exc
            if drawn < len(charts):
                yield done + drawn, total, f"正在画图表 {drawn + 1}/{len(charts)}：{charts[drawn].title}…"
                if stop():
                    raise PackageCancelled(CANCELLED)
    finally:
        # Closing waits for the PNG being compressed: nothing is written after this returns.
        drawing.close()
    return [file_entry(folder, Path(path), "chart", titles[name], format=Path(path).suffix.lstrip("."))
            for name, paths in written.items() for path in paths]


def _start_helper(context, charts, work: Path, formats, helper=None):
    """Hand the county profiles (the slowest charts) and the index charts to a second process
    when that pays (``helper``, already started, or a new one); return it (or None) and the
    charts left to draw here."""
    from workbench.models.exports.chart_process import ChartProcess, worth_a_process

    def second(chart) -> bool:
        return any(mark in chart.name for mark in SECOND_PROCESS_MARKS)

    theirs = [chart for chart in charts if second(chart)]
    if not theirs or (helper is None and not worth_a_process(len(charts))):
        if helper is not None:
            helper.close()
        return None, charts
    helper = helper or ChartProcess()
    helper.submit(context, [chart.name for chart in theirs], work / CHART_FOLDER, formats)
    return helper, [chart for chart in charts if not second(chart)]


def _helper_progress(helper, charts, folder: Path, stop, done: int, total: int):
    """Wait for the second process, yielding its progress; returns the manifest entries."""
    from workbench.models.exports.chart_process import ChartProcessError

    titles = {chart.name: chart.title for chart in charts}
    count = len(helper.names)
    try:
        while not helper.poll(timeout=0.1):
            yield done + helper.drawn, total, f"正在画图表（第二进程） {helper.drawn + 1}/{count}…"
            if stop():
                raise PackageCancelled(CANCELLED)
    except ChartProcessError as exc:
        raise PackageError(str(exc).replace(str(folder) + os.sep, "")) from exc
    written = helper.result()
    return [file_entry(folder, path, "chart", titles[name], format=path.suffix.lstrip("."))
            for name in helper.names for path in written.get(name, [])]


def _make_folder(out_dir: Path) -> list[Path]:
    """Create ``out_dir`` (and missing parents); return the folders made, deepest first."""
    if out_dir.exists() and not out_dir.is_dir():
        raise PackageError(f"输出位置“{out_dir}”是一个文件，不是文件夹")
    made = []
    for folder in [out_dir, *out_dir.parents]:
        if folder.exists():
            break
        made.append(folder)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PackageError(f"无法创建输出文件夹“{out_dir}”：{exc.strerror or exc}") from exc
    return made


def _move_into_place(work: Path, out_dir: Path, name: str) -> Path:
    """Rename ``work`` to the first free name of ``name``, ``name（2）``, … in ``out_dir``."""
    for n in count(1):
        target = out_dir / (name if n == 1 else f"{name}（{n}）")
        if target.exists() or target.is_symlink():
            continue
        try:
            # Renaming (not copying) makes the package appear whole or not at all.
            os.rename(work, target)
        except OSError as exc:
            # Someone took the name between the check and the rename: try the next one.
            if isinstance(exc, FileExistsError) or exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
                continue
            raise PackageError(f"无法把考核材料移到“{target}”：{exc.strerror or exc}") from exc
        return target
    raise AssertionError("unreachable")


def _cleanup(work: Path, made: list[Path]) -> None:
    shutil.rmtree(work, ignore_errors=True)
    for folder in made:  # only folders this call created, and only while still empty
        try:
            folder.rmdir()
        except OSError:
            break


def write_package(context, out_dir, *, template=None, should_stop: Callable[[], bool] | None = None,
                  helper=None) -> Progress:
    """Write the report package of ``context`` into a new folder in ``out_dir``.

    A generator: it yields ``(done, total, message)`` before each file (one step per
    document and per chart) and returns a :class:`PackageResult`. Drive it with a worker,
    or with :func:`workbench.models.importing.finish`.

    Parameters
    ----------
    context : ReportContext
        The assessment and everything around it; ``context.options.outputs`` and
        ``chart_formats`` say what to write.
    out_dir : path
        Where the package folder goes (:func:`package_folder_name`); created if missing.
    template : path, optional
        A .pptx whose masters the slides use.
    should_stop : callable, optional
        Checked before each file; when it returns true the package is abandoned.
    helper : ChartProcess, optional
        A second process started before the context was built (so its imports overlap
        that work); it draws the county profiles and index charts. Without one, a package
        with enough charts starts its own. Either way it is closed when the package is done.

    Returns
    -------
    PackageResult

    Raises
    ------
    PackageCancelled
        When ``should_stop`` said so; no folder is left behind.
    PackageError
        When a file cannot be written; the message names it, and no folder is left behind.
    """
    stop = should_stop or (lambda: False)
    out_dir = Path(out_dir)
    name = package_folder_name(context)
    outputs = context.options.outputs
    documents = [(kind, title) for kind, title in DOCUMENTS if kind in outputs]
    charts = []
    if "charts" in outputs or "index" in outputs:
        from workbench.models.charts.report_charts import report_charts
        # The index's charts come with the "index" output, the assessment's with "charts".
        charts = [chart for chart in report_charts(context)
                  if ("index" if "-index-" in chart.name else "charts") in outputs]
    total = len(documents) + len(charts) + 1  # the manifest is the last step
    given, helper = helper, None
    try:
        made = _make_folder(out_dir)
    except BaseException:
        if given is not None:
            given.close()
        raise
    work = out_dir / f".{name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.partial"
    try:
        work.mkdir()
    except OSError as exc:
        _cleanup(work, made)
        if given is not None:
            given.close()
        raise PackageError(f"无法在“{out_dir}”中写入：{exc.strerror or exc}") from exc
    try:
        files: list[dict] = []
        names = document_names(context)
        formats = tuple(context.options.chart_formats)
        helper, own_charts = _start_helper(context, charts, work, formats, given)
        for done, (kind, title) in enumerate(documents):
            yield done, total, f"正在写{title}…"
            if stop():
                raise PackageCancelled(CANCELLED)
            path = work / names[kind]
            try:
                _write_document(context, kind, path, template)
                files.append(file_entry(work, path, kind, title))
            except Exception as exc:
                raise _failure(names[kind], exc) from exc
        files += yield from _chart_progress(own_charts, formats, work, stop, len(documents), total)
        if helper is not None:
            files += yield from _helper_progress(helper, charts, work, stop, len(documents) + len(own_charts), total)
        yield total - 1, total, "正在写文件清单…"
        if stop():
            raise PackageCancelled(CANCELLED)
        from workbench.models.exports.context import manifest_json

        try:
            (work / MANIFEST_NAME).write_text(manifest_json(context, files), encoding="utf-8")
        except OSError as exc:
            raise PackageError(f"写“{MANIFEST_NAME}”时出错：{exc.strerror or exc}") from exc
        folder = _move_into_place(work, out_dir, name)
    except BaseException:  # includes GeneratorExit (closed early) and KeyboardInterrupt
        for process in (helper, given):
            if process is not None:
                process.close()  # nothing may be drawn into the folder once it is gone
        _cleanup(work, made)
        raise
    if helper is not None:
        helper.close()
    yield total, total, f"已写出 {len(files) + 1} 个文件"
    return PackageResult(folder=folder, files=files, manifest=folder / MANIFEST_NAME)
