"""Chart.js configurations of the PAR Index pages: pure functions from figures to the dicts the pages embed with
`json_script` (drawn by `par/par.js`). No ORM, no request."""

from collections.abc import Sequence
from decimal import Decimal

BAND_COLORS = ["#198754", "#0d6efd", "#ffc107", "#dc3545", "#6c757d"]
NO_BAND = "#6c757d"


def short_label(name: str, limit: int = 34) -> str:
    """A chart label: the name cut at a word boundary."""
    if len(name) <= limit:
        return name
    return name[:limit].rsplit(" ", 1)[0].rstrip(",;") + "…"


def band_histogram(
    *, year: int, bands: Sequence[str], histogram: dict, blocs: Sequence[tuple[str, str]]
) -> dict:
    """Bars: how many units of each bloc fall in each band (`histogram`: {bloc: {band: n}})."""
    return {
        "type": "bar",
        "data": {
            "labels": list(bands),
            "datasets": [
                {"label": label, "data": [histogram.get(code, {}).get(b, 0) for b in bands]}
                for code, label in blocs
            ],
        },
        "options": {
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {
                "title": {"display": True, "text": f"Số đơn vị theo xếp loại – năm {year}"}
            },
            "scales": {
                "y": {
                    "beginAtZero": True,
                    "ticks": {"precision": 0},
                    "title": {"display": True, "text": "Số đơn vị"},
                }
            },
        },
    }


def bloc_ranking(
    *, year: int, bloc_label: str, rows: Sequence[tuple[str, Decimal, str]], band_order: list[str]
) -> dict:
    """Horizontal bars of a bloc's indices, coloured by band (`rows`: (unit label, index, band))."""
    low = min((float(total) for _, total, _ in rows), default=60)
    return {
        "type": "bar",
        "data": {
            "labels": [label for label, _, _ in rows],
            "datasets": [
                {
                    "label": "Chỉ số CCHC (%)",
                    "data": [float(total) for _, total, _ in rows],
                    "backgroundColor": [
                        BAND_COLORS[min(band_order.index(band), 4)]
                        if band in band_order
                        else NO_BAND
                        for _, _, band in rows
                    ],
                }
            ],
        },
        "options": {
            "indexAxis": "y",
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {
                "legend": {"display": False},
                "title": {
                    "display": True,
                    "text": f"Chỉ số CCHC năm {year} – {bloc_label} (màu theo xếp loại)",
                },
            },
            "scales": {
                "x": {"min": max(0, int(low // 10) * 10 - 10), "max": 100},
                "y": {"ticks": {"autoSkip": False}},
            },
        },
    }


def chart_height(rows: int) -> int:
    """Pixels for a horizontal bar chart of `rows` bars."""
    return max(180, 80 + 22 * rows)


def area_radar(
    *,
    codes: Sequence[str],
    names: dict[str, str],
    maxima: dict[str, Decimal],
    years: Sequence[tuple[int, dict[str, str]]],
) -> dict:
    """The share of each area's maximum reached, one polygon per year (`years`: (year, area scores))."""
    return {
        "type": "radar",
        "data": {
            "labels": [f"{c}. {short_label(names.get(c, c))}" for c in codes],
            "datasets": [
                {
                    "label": f"Năm {year}",
                    "data": [
                        round(100 * float(Decimal(scores.get(c, "0")) / maxima[c]), 1)
                        if maxima[c]
                        else 0
                        for c in codes
                    ],
                }
                for year, scores in years
            ],
        },
        "options": {
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {
                "title": {"display": True, "text": "Tỷ lệ điểm đạt theo lĩnh vực (% điểm tối đa)"}
            },
            "scales": {"r": {"min": 50, "max": 100, "ticks": {"stepSize": 10}}},
        },
    }


def index_history(*, years: Sequence[tuple[int, Decimal, int]]) -> dict:
    """The index and the rank in the bloc over the years (`years`: (year, index, rank))."""
    return {
        "type": "line",
        "data": {
            "labels": [str(year) for year, _, _ in years],
            "datasets": [
                {
                    "label": "Chỉ số CCHC (%)",
                    "data": [float(total) for _, total, _ in years],
                    "yAxisID": "y",
                    "tension": 0.2,
                },
                {
                    "label": "Xếp hạng trong khối",
                    "data": [rank for _, _, rank in years],
                    "yAxisID": "y2",
                    "tension": 0.2,
                },
            ],
        },
        "options": {
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {"title": {"display": True, "text": "Chỉ số và thứ hạng qua các năm"}},
            "scales": {
                "y": {
                    "min": 60,
                    "max": 100,
                    "position": "left",
                    "title": {"display": True, "text": "Chỉ số (%)"},
                },
                "y2": {
                    "reverse": True,
                    "min": 1,
                    "position": "right",
                    "grid": {"drawOnChartArea": False},
                    "ticks": {"precision": 0},
                    "title": {"display": True, "text": "Hạng"},
                },
            },
        },
    }
