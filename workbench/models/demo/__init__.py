"""Synthetic departmental workbooks for the demo and the tests (all marked 示例数据).

``generate(out_dir)`` writes, for each quarter 2018Q1-2020Q4, one workbook per department
in that department's own layout and format (DOMAIN.md §5) under
``out_dir/workbooks/<YYYY>Q<q>/``, the county target decomposition under
``out_dir/targets/``, the truth a perfect reader must recover (``truth.csv``) and a
manifest of files, layouts and planted problems (``manifest.json``). The output is a
function of the plan alone: every random draw is seeded, no clock or environment is read,
and rerunning it reproduces the same bytes.

The bundled copy lives in ``resources/demo/``; regenerate it with
``python -m workbench.models.demo resources/demo``.
"""

from __future__ import annotations

from pathlib import Path

from workbench.models.demo.bundle import Bundle
from workbench.models.demo.layouts import DEPARTMENTS
from workbench.models.demo.periods import QUARTERS
from workbench.models.demo.targets import write_targets
from workbench.models.demo.values import SEED, Truth
from workbench.models.plan import load_plan

__all__ = ["DEPARTMENTS", "QUARTERS", "SEED", "generate"]


def generate(out_dir: Path) -> dict:
    """Write the demo workbooks, ``truth.csv`` and ``manifest.json`` into ``out_dir``.

    Parameters
    ----------
    out_dir : Path
        Folder to write into; created when missing. Files of the same name are replaced,
        other files are left alone.

    Returns
    -------
    dict
        The manifest, as written to ``out_dir/manifest.json``.
    """
    bundle = Bundle(Path(out_dir), load_plan(), Truth())
    bundle.out_dir.mkdir(parents=True, exist_ok=True)
    for quarter in QUARTERS:
        for _, write in DEPARTMENTS:
            write(bundle, quarter)
    write_targets(bundle)
    return bundle.finish()
