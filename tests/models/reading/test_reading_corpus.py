"""Every file of the robustness corpus either reads or is refused with a clear ReadError.

About 480 real files written by other people (Apache POI, calamine, xlrd and openpyxl
test data: fuzzer crashes, bombs, encrypted, odd BIFF, strict OOXML), plus the corpus'
own .md/.tsv notes, which must read as text or be refused like any other file.

Files are read in child processes, 20 to a process and two processes at a time. In the
child each file has a 10-second watchdog that kills the process; a child that dies
(watchdog, abort inside calamine, memory ceiling) fails the test naming the file.
"""

from __future__ import annotations

import json
import resource
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reading_samples import CORPUS, probe

BATCH = 20
SECONDS_PER_FILE = 10
PEAK_MB = 1536


def _corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file())


def _run(batch: list[Path]) -> tuple[list[dict], list[str]]:
    records, done = probe(batch, SECONDS_PER_FILE, PEAK_MB, timeout=SECONDS_PER_FILE * len(batch) + 60)
    finished = {r["path"] for r in records if "path" in r}
    problems = []
    if done.returncode != 0 or len(finished) != len(batch):
        started = [r["start"] for r in records if "start" in r and r["start"] not in finished]
        culprit = started[-1] if started else "(before the first file)"
        problems.append(
            f"child died (exit {done.returncode}) while reading {culprit}; "
            f"stderr tail: {done.stderr[-1500:]}"
        )
    return [r for r in records if "path" in r], problems


@pytest.mark.slow
def test_every_corpus_file_reads_or_is_refused_cleanly(tmp_path):
    files = _corpus_files()
    if not files:
        pytest.skip(f"robustness corpus not found at {CORPUS} (see /work/shared/corpus/README.md)")
    batches = [files[i:i + BATCH] for i in range(0, len(files), BATCH)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_run, batches))
    records = [r for found, _ in results for r in found]
    problems = [p for _, found in results for p in found]

    for record in records:
        name = record["path"]
        if record["outcome"] == "crash":
            problems.append(f"{name}: {record['error']}\n{record['traceback']}")
        elif record["outcome"] == "refused" and not record["names_file"]:
            problems.append(f"{name}: message does not name the file: {record['message']}")
        if not record["unchanged"]:
            problems.append(f"{name}: source file changed while being read")
        if record["rss_mb"] > PEAK_MB:
            problems.append(f"{name}: reading process grew to {record['rss_mb']} MB")
    children_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024

    outcomes = Counter(r["outcome"] if r["outcome"] != "refused" else f"refused:{r['kind']}" for r in records)
    slowest = max(records, key=lambda r: r["seconds"], default=None)
    summary = {
        "files": len(files),
        "outcomes": dict(sorted(outcomes.items())),
        "slowest": slowest and {"path": slowest["path"], "seconds": slowest["seconds"]},
        "peak_rss_mb": max((r["rss_mb"] for r in records), default=0),
        "children_peak_rss_mb": children_peak_mb,
    }
    (tmp_path / "corpus-summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), "utf-8")
    print(json.dumps(summary, ensure_ascii=False, indent=2))

    assert not problems, "\n\n".join(problems)
    assert len(records) == len(files)
    assert outcomes["read"] > len(files) // 2, "most corpus files are ordinary spreadsheets"
