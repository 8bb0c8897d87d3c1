"""One finding of the checks: what is wrong, how badly, and the cell to open."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath, PureWindowsPath
from typing import Any

STATUS_OPEN = "open"
STATUS_OVERRIDDEN = "overridden"  # an error the user let through, with a written explanation
STATUS_CONFIRMED = "confirmed"    # a warning the user confirmed, with a written explanation
STATUS_RESOLVED = "resolved"      # no longer found (e.g. a corrected file arrived)
STATUSES = {
    STATUS_OPEN: "待处理",
    STATUS_OVERRIDDEN: "已说明放行",
    STATUS_CONFIRMED: "已确认",
    STATUS_RESOLVED: "已解决",
}

FINDING_FIELDS = ("rule", "severity", "indicator_code", "region_code", "period", "file", "sheet", "cell",
                  "message", "status")


def file_name(file: object) -> str:
    """The name of a file without its folder (Windows or POSIX), the form keys are made of."""
    if file is None:
        return ""
    text = str(file)
    return PureWindowsPath(text).name if "\\" in text else PurePath(text).name


def finding_key(rule: str, indicator: str | None, region: str | None, period: str | None,
                file: str | None) -> str:
    """The stable identity of a finding: rule, indicator, region, period and file name.

    The same problem found again in a later run (or in a re-sent file of the same name)
    gets the same key, so an explanation given once stays with it.
    """
    return "|".join([rule, indicator or "", region or "", period or "", file_name(file)])


@dataclass
class Finding:
    """One problem the checks found.

    Attributes
    ----------
    rule, severity
        The rule id (see ``resources/checks/rules.toml``) and ``"error"`` or ``"warning"``.
    indicator_code, region_code, period
        The figure concerned; ``period`` is a period key such as ``2019-01..09``.
    file, sheet, cell
        Where to look: the cell the source preview opens at.
    message
        What is wrong, in Chinese, with the numbers.
    key
        Stable identity (:func:`finding_key`), used to keep explanations across runs.
    details
        Everything else as plain data: the numbers compared, the other cells involved
        (``cells``: list of ``{file, sheet, cell, ...}``), tolerances.
    import_id
        The import the cell belongs to, when known.
    status, explanation, explained_by, explained_at, id
        Set once the finding is stored in a project.
    """

    rule: str
    severity: str
    indicator_code: str | None
    region_code: str | None
    period: str | None
    file: str | None
    sheet: str | None
    cell: str | None
    message: str
    key: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    import_id: int | None = None
    rule_name: str = ""
    status: str = STATUS_OPEN
    explanation: str | None = None
    explained_by: str | None = None
    explained_at: str | None = None
    id: int | None = None

    def __post_init__(self):
        if not self.key:
            self.key = finding_key(self.rule, self.indicator_code, self.region_code, self.period, self.file)

    @property
    def blocking(self) -> bool:
        """An error nobody has overridden: the assessment must skip the figure."""
        return self.severity == "error" and self.status == STATUS_OPEN

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON: the fields of :data:`FINDING_FIELDS` first, then the rest."""
        return {
            **{name: getattr(self, name) for name in FINDING_FIELDS},
            "rule_name": self.rule_name, "key": self.key, "import_id": self.import_id,
            "explanation": self.explanation, "explained_by": self.explained_by,
            "explained_at": self.explained_at, "id": self.id, "details": self.details,
        }
