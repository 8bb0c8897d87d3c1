"""Speed of importing all 132 demo workbooks into a fresh project, against extracting them alone.

Both in the same run: ``extract_file`` on every workbook (the baseline: reading, layout,
mapping) and ``import_files`` into a new project (hash, read, extract, department and
fingerprint, a second extraction through the template, storage of every figure with its
provenance, one transaction per file). Prints seconds and the ratio import / extract.

    python benchmarks/import_demo.py [--accept-drift]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from importlib.resources import files
from pathlib import Path

from workbench.models.extract import extract_file
from workbench.models.importing import finish, import_files
from workbench.models.mapping import IndicatorMatcher
from workbench.models.plan import load_plan
from workbench.models.regions import RegionResolver, load_regions
from workbench.models.store import Project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accept-drift", action="store_true", help="store drifted 2020 layouts as imported")
    args = parser.parse_args()
    demo = Path(str(files("workbench.resources") / "demo"))
    manifest = json.loads((demo / "manifest.json").read_text(encoding="utf-8"))
    paths = [demo / entry["path"] for entry in manifest["files"]]
    plan = load_plan()
    resolver, matcher = RegionResolver(load_regions()), IndicatorMatcher(plan)

    started = time.perf_counter()
    figures = sum(len(extract_file(p, plan, resolver, matcher).figures) for p in paths)
    extract_seconds = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as folder, Project.create(Path(folder) / "b.wbproj", plan.id) as project:
        started = time.perf_counter()
        results = finish(import_files(project, paths, plan, resolver, IndicatorMatcher(plan),
                                      accept_drift=args.accept_drift))
        import_seconds = time.perf_counter() - started
        stored = len(project.observations())
    print(f"extract_file × {len(paths)}: {extract_seconds:6.2f} s  ({figures} figures)")
    print(f"import_files × {len(results)}: {import_seconds:6.2f} s  ({stored} observations stored)")
    print(f"ratio import / extract: {import_seconds / extract_seconds:.2f}")


if __name__ == "__main__":
    main()
