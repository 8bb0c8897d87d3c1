"""Which department writes which layout, in the order the files of a quarter are written."""

from __future__ import annotations

from workbench.models.demo.layouts_finance import banking, central_bank, commerce, finance_office, tax
from workbench.models.demo.layouts_industry import development, industry, market, statistics
from workbench.models.demo.layouts_innovation import quality, science

DEPARTMENTS = (
    ("市场监管局", market),
    ("统计局", statistics),
    ("经信委", industry),
    ("发改委", development),
    ("商务局", commerce),
    ("金融办", finance_office),
    ("科技局", science),
    ("质监局", quality),
    ("嘉兴银监分局", banking),
    ("人行嘉兴市中心支行", central_bank),
    ("市税务局", tax),
)
