"""Everything a report is made from, gathered once: :func:`report_context`.

The exporters (tables, slides, notification, charts) read a :class:`ReportContext` and
never the project itself, so one package is consistent: the same assessment, the same
findings and the same figures in every file, and the manifest can name the project state
(:attr:`ReportContext.state`) they all came from.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from workbench.models.assessment.engine import month_text, parse_month
from workbench.models.assessment.project_assessment import Assessment, assess_quarters, quarter_ends
from workbench.models.errors import WorkbenchError

OUTPUTS = ("charts", "xlsx", "pptx", "docx", "index")
"""What a package can hold: chart images, the official tables, the slides, the notification,
and the growth index (its charts and table)."""
CHART_FORMATS = ("png", "svg", "pdf")
KEY_INDICATOR_COUNT = 8
"""Slides get one page per key indicator; by default the most heavily weighted ones."""


class ReportError(WorkbenchError, ValueError):
    """A report that cannot be made as asked; ``str()`` says why, in Chinese."""


@dataclass(frozen=True)
class ReportOptions:
    """What the user chose for a report.

    Attributes
    ----------
    at : str
        The assessment month, ``YYYY-MM``.
    counties : tuple of str or None
        Region codes of the scored units to show (counties and own zones); None: all.
    indicators : tuple of str or None
        Indicator codes to show; None: every assessed indicator.
    key_indicators : tuple of str or None
        Indicators that get a slide and a chart each; None: :data:`KEY_INDICATOR_COUNT` by weight.
    outputs : tuple of str
        A subset of :data:`OUTPUTS`.
    chart_formats : tuple of str
        A subset of :data:`CHART_FORMATS`.
    issuer, doc_number, title : str or None
        The notification's 发文机关, 发文字号 and title; None: defaults from the plan.
    """

    at: str
    counties: tuple[str, ...] | None = None
    indicators: tuple[str, ...] | None = None
    key_indicators: tuple[str, ...] | None = None
    outputs: tuple[str, ...] = OUTPUTS
    chart_formats: tuple[str, ...] = ("png",)
    issuer: str | None = None
    doc_number: str | None = None
    title: str | None = None

    def __post_init__(self):
        try:
            object.__setattr__(self, "at", month_text(parse_month(self.at)))
        except (ValueError, WorkbenchError) as exc:
            raise ReportError(f"考核时点“{self.at}”无法识别，应写作 YYYY-MM，如 2019-09") from exc
        unknown = set(self.outputs) - set(OUTPUTS)
        if unknown or not self.outputs:
            raise ReportError("输出内容只能是 charts、xlsx、pptx、docx、index 中的一项或几项")
        if set(self.chart_formats) - set(CHART_FORMATS) or not self.chart_formats:
            raise ReportError("图表格式只能是 png、svg、pdf 中的一项或几项")


@dataclass
class ReportContext:
    """One assessment with everything around it that a report shows.

    Attributes
    ----------
    options : ReportOptions
    plan, regions
        The plan and the region table.
    assessment : Assessment
        At ``options.at``, with the previous quarter as ``previous``.
    history : list of Assessment
        Every quarter end from the plan's start to ``options.at`` (the last is ``assessment``).
    findings : list of Finding
        The checks on the figures as they are now, with explanations given (nothing written).
    figures : pandas.DataFrame
        The figures that count (one row per source cell): ``indicator, region, period, value,
        unit, file, sheet, cell, raw_text, department``.
    state : dict
        The project state the report comes from (see :func:`project_state`).
    index : ProjectIndex or None
        The growth index for the months to ``options.at`` when the outputs ask for it.
    index_error : str or None
        Why there is no index although it was asked for (e.g. no figures in the base period).
    generated_at : str
        ISO time the context was made.
    """

    options: ReportOptions
    plan: object
    regions: object
    assessment: Assessment
    history: list[Assessment]
    findings: list
    figures: pd.DataFrame
    state: dict
    index: object = None
    index_error: str | None = None
    generated_at: str = field(default_factory=lambda: datetime.now().astimezone().isoformat(timespec="seconds"))

    @property
    def at(self) -> str:
        return self.assessment.at

    @property
    def county_codes(self) -> list[str]:
        """The scored units shown, in the assessment's rank order."""
        codes = [str(c) for c in self.assessment.counties["region_code"]]
        wanted = self.options.counties
        return [c for c in codes if wanted is None or c in wanted]

    @property
    def indicator_codes(self) -> list[str]:
        """The indicators shown, in plan order."""
        present = set(self.assessment.rows["indicator_code"])
        wanted = self.options.indicators
        return [i.code for i in self.plan.indicators
                if i.code in present and (wanted is None or i.code in wanted)]

    @property
    def key_indicator_codes(self) -> list[str]:
        """The indicators with a slide of their own: chosen, or the heaviest by weight."""
        shown = self.indicator_codes
        if self.options.key_indicators is not None:
            return [c for c in shown if c in self.options.key_indicators]
        weights = self.assessment.rows.groupby("indicator_code")["weight"].max()
        weighted = [c for c in shown if pd.notna(weights.get(c)) and weights.get(c) > 0]
        weighted.sort(key=lambda c: -float(weights[c]))  # stable: plan order among equals
        chosen = set(weighted[:KEY_INDICATOR_COUNT])
        return [c for c in shown if c in chosen]

    @property
    def rows(self) -> pd.DataFrame:
        """Assessment rows of the shown indicators for the city and the shown units."""
        rows = self.assessment.rows
        keep = rows["indicator_code"].isin(self.indicator_codes) & (
            rows["region_code"].isin(self.county_codes) | (rows["level"] == "city"))
        return rows[keep].reset_index(drop=True)

    @property
    def counties(self) -> pd.DataFrame:
        """Totals, ranks and grades of the shown units (ranks stay those among all units)."""
        counties = self.assessment.counties
        return counties[counties["region_code"].astype(str).isin(self.county_codes)].reset_index(drop=True)


def project_state(project) -> dict:
    """What identifies the project's content: counts, the imports in force and a digest over
    imports, targets, settings and finding explanations, so a package can be traced back."""
    digest = hashlib.sha256()
    imports = project.list_imports()
    for row in sorted(imports, key=lambda r: r["id"]):
        digest.update(f"i|{row['id']}|{row['sha256']}|{row['status']}|{row['superseded_by']}\n".encode())
    targets = project.targets()
    digest.update(targets.to_csv(index=False).encode())
    for key, value in project.db.execute("SELECT key, value FROM settings ORDER BY key").fetchall():
        digest.update(f"s|{key}|{value}\n".encode())
    for row in project.db.execute("SELECT id, status, explanation FROM findings ORDER BY id").fetchall():
        digest.update(f"f|{row[0]}|{row[1]}|{row[2]}\n".encode())
    summary = project.summary()
    in_force = [r for r in imports if r.get("superseded_by") is None and r.get("status") == "imported"]
    return {
        "project": str(project.path),
        "plan_id": summary.get("plan_id"),
        "schema_version": summary.get("schema_version"),
        "app_version": summary.get("app_version"),
        "counts": summary.get("counts"),
        "imports_in_force": len(in_force),
        "latest_import_at": max((r["imported_at"] for r in imports), default=None),
        "digest": digest.hexdigest(),
    }


FIGURE_COLUMNS = ["indicator", "region", "period", "value", "unit", "file", "sheet", "cell", "raw_text",
                  "department"]


def _figures(project) -> pd.DataFrame:
    from workbench.models.checks.project import current_observations

    frame = current_observations(project)
    frame = frame[~frame["pending"]]
    return frame[FIGURE_COLUMNS].reset_index(drop=True)


def report_context(project, plan, regions, options: ReportOptions, *, scheme=None, settings=None) -> ReportContext:
    """Assess the project at ``options.at`` and every quarter before, and gather the rest.

    Raises
    ------
    ReportError
        When ``options.at`` lies outside the plan's period or a chosen county or indicator
        is unknown.
    """
    from workbench.models.checks.project import blocking_now, findings_now, fresh_findings

    if not (plan.period_start <= options.at <= plan.period_end):
        raise ReportError(f"考核时点 {options.at} 不在计划期 {plan.period_start} 至 {plan.period_end} 之内")
    months = quarter_ends(plan, options.at)
    if not months or months[-1] != options.at:
        months.append(options.at)
    found = fresh_findings(project, plan, regions)  # run once, for the assessment and the report
    blocked = blocking_now(project, plan, regions, found=found)
    history = assess_quarters(project, plan, regions, months, scheme=scheme, settings=settings, blocked=blocked)
    context = ReportContext(options=options, plan=plan, regions=regions, assessment=history[-1], history=history,
                            findings=findings_now(project, plan, regions, found=found), figures=_figures(project),
                            state=project_state(project))
    if "index" in options.outputs:
        from workbench.models.index.project_index import project_index

        try:
            context.index = project_index(project, plan, regions, options.at, blocked=blocked)
        except WorkbenchError as exc:  # the rest of the package does not depend on it
            context.index_error = str(exc)
    units = set(context.assessment.counties["region_code"].astype(str))
    unknown = sorted(set(options.counties or ()) - units)
    if unknown:
        raise ReportError(f"所选地区不在考核范围内：{'、'.join(unknown)}")
    codes = {i.code for i in plan.indicators}
    unknown = sorted(set(options.indicators or ()) - codes) + sorted(set(options.key_indicators or ()) - codes)
    if unknown:
        raise ReportError(f"计划中没有这些指标：{'、'.join(unknown)}")
    return context


def manifest_json(context: ReportContext, files: list[dict]) -> str:
    """The package's manifest: the options, the project state, and each file written."""
    options = context.options
    return json.dumps({
        "period": context.at,
        "generated_at": context.generated_at,
        "options": {"counties": list(options.counties) if options.counties else None,
                    "indicators": list(options.indicators) if options.indicators else None,
                    "key_indicators": context.key_indicator_codes, "outputs": list(options.outputs),
                    "chart_formats": list(options.chart_formats)},
        "scheme": context.assessment.scheme.name,
        "index_error": context.index_error,
        "project_state": context.state,
        "files": files,
    }, ensure_ascii=False, indent=2)
