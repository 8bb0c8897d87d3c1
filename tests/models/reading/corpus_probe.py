"""Read a batch of files in this process and report one JSON line per file.

Run by ``test_reading_corpus.py`` in a subprocess, so that a hang, an abort inside the
Rust reader or runaway memory shows up as a dead child naming the file, instead of a
frozen test run. Usage: ``python corpus_probe.py SECONDS MEMORY_MB < paths.txt``.

Each file gets a watchdog from :func:`faulthandler.dump_traceback_later`: it runs in a
C thread, so it fires even while the main thread is stuck inside calamine (a Python
signal handler would wait for the interpreter and never run).
"""

from __future__ import annotations

import faulthandler
import hashlib
import json
import resource
import sys
import time
import traceback
from pathlib import Path


def _category(exc: BaseException) -> str:
    from workbench.models.reading import DamagedFile, ReadCancelled

    text = str(exc)
    if isinstance(exc, ReadCancelled):
        return "cancelled"
    if "已加密" in text:
        return "encrypted"
    if "炸弹" in text or "上限" in text or "DOCTYPE" in text:
        return "limit"
    if "不受支持" in text or "不是真正的表格" in text:
        return "unsupported"
    if "占用" in text:
        return "locked"
    if "为空" in text:
        return "empty"
    if isinstance(exc, DamagedFile):
        return "damaged"
    return "other"


def main() -> int:
    seconds, memory_mb = int(sys.argv[1]), int(sys.argv[2])
    limit = memory_mb * 1024 * 1024
    # A hard ceiling well above the asserted peak: an allocation bomb fails here fast
    # instead of swapping the machine; the test then reports the file that did it.
    resource.setrlimit(resource.RLIMIT_AS, (limit * 3, limit * 3))
    from workbench.models.reading import ReadError, read_workbook

    for line in sys.stdin:
        path = Path(line.rstrip("\n"))
        if not line.strip():
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        print(json.dumps({"start": str(path)}), flush=True)
        faulthandler.dump_traceback_later(seconds, exit=True)
        started = time.monotonic()
        record: dict[str, object] = {"path": str(path)}
        try:
            workbook = read_workbook(path)
            record.update(outcome="read", format=workbook.format, sheets=len(workbook.sheets),
                          cells=sum(len(row) for sheet in workbook.sheets for row in sheet.rows),
                          notes=workbook.notes)
        except ReadError as exc:
            record.update(outcome="refused", kind=_category(exc), message=str(exc),
                          names_file=path.name in str(exc))
        except BaseException as exc:  # noqa: BLE001 - exactly what the test is looking for
            record.update(outcome="crash", error=f"{type(exc).__name__}: {exc}",
                          traceback=traceback.format_exc())
        finally:
            faulthandler.cancel_dump_traceback_later()
        record["seconds"] = round(time.monotonic() - started, 3)
        record["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        record["unchanged"] = hashlib.sha256(path.read_bytes()).hexdigest() == digest
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
