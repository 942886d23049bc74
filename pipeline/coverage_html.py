"""HTML heatmap of a coverage report: derived plans (rows) x parent measures (columns).

Cells are coloured by status; the header row carries each measure's adoption rate and the last
column each plan's coverage. All text is escaped and scripts are forbidden by the page's CSP.
"""
from __future__ import annotations

from pipeline.diff.html import esc, page
from schemas.diff import CoverageCell, CoverageReport

STATUS_COLOURS = {"adopted": "#2e9e4f", "modified": "#f0b429", "merged": "#7aa7e0", "dropped": "#d64545"}
STATUS_LETTERS = {"adopted": "A", "modified": "M", "merged": "G", "dropped": "·"}

HEATMAP_STYLE = """
<style>
table.heatmap{border-collapse:collapse;font-size:.8rem}
table.heatmap td,table.heatmap th{border:1px solid #fff;padding:.15rem .3rem;text-align:center;min-width:1.6rem}
table.heatmap th.plan{text-align:left;max-width:22rem;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
td.cell{color:#fff}
.legend span{display:inline-block;padding:.1rem .5rem;margin-right:.4rem;color:#fff}
</style>
"""


def _rate_colour(rate: float) -> str:
    """Red (0) to green (1) through yellow, for adoption rates and coverage."""
    rate = min(max(rate, 0.0), 1.0)
    red = 214 if rate < 0.5 else int(214 - (rate - 0.5) * 2 * (214 - 46))
    green = int(69 + rate * 2 * (180 - 69)) if rate < 0.5 else 158
    return f"rgb({red},{green},69)"


def _cell(cell: CoverageCell) -> str:
    tip = f"{cell.parent_number}: {cell.status}"
    if cell.derived_number:
        tip += f" as {cell.derived_number} (similarity {cell.similarity:.2f})"
    if cell.material_fields:
        tip += "; changed: " + ", ".join(cell.material_fields)
    if cell.narrowed:
        tip += "; narrowed to own staff"
    return (f'<td class="cell {cell.status}" style="background:{STATUS_COLOURS[cell.status]}" '
            f'data-status="{cell.status}" title="{esc(tip)}">{STATUS_LETTERS[cell.status]}</td>')


def _legend() -> str:
    return '<p class="legend">' + "".join(
        f'<span style="background:{colour}">{esc(status)}</span>' for status, colour in STATUS_COLOURS.items()) + "</p>"


def _heatmap(report: CoverageReport) -> str:
    head = "".join(f'<th title="{esc(m.text)}" style="background:{_rate_colour(m.adoption_rate)}">'
                   f'{esc(m.parent_number)}<br>{m.adoption_rate:.0%}</th>' for m in report.measures)
    rows = []
    width = len(report.measures)  # cells come plan by plan, one per parent measure
    for k, plan in enumerate(report.plans):
        cells = report.cells[k * width:(k + 1) * width]
        rows.append(f'<tr><th class="plan" title="{esc(plan.derived_plan_id)}">{esc(plan.title or plan.derived_plan_id)}</th>'
                    + "".join(_cell(c) for c in cells)
                    + f'<td style="background:{_rate_colour(plan.coverage)}">{plan.coverage:.0%}</td>'
                    + f"<td>{plan.added}</td></tr>")
    return (f'<table class="heatmap"><tr><th>derived plan \\ parent measure</th>{head}<th>coverage</th>'
            f'<th>added</th></tr>{"".join(rows)}</table>')


def _measure_table(report: CoverageReport) -> str:
    rows = "".join(f"<tr><td>{esc(m.parent_number)}</td><td>{esc(m.text)}</td><td>{m.adopted}</td><td>{m.modified}</td>"
                   f"<td>{m.merged}</td><td>{m.dropped}</td><td>{m.adoption_rate:.0%}</td></tr>" for m in report.measures)
    return ('<h2>Parent measures</h2><table class="measures"><tr><th>№</th><th>measure</th><th>adopted</th>'
            f'<th>modified</th><th>merged</th><th>dropped</th><th>adoption</th></tr>{rows}</table>')


def render_coverage_html(report: CoverageReport, title: str = "jospar: coverage") -> str:
    parent = esc(report.parent.title or report.parent.plan_id)
    body = (f"<p>Parent plan: <b>{parent}</b>; {len(report.plans)} derived plans.</p>" + HEATMAP_STYLE
            + _legend() + _heatmap(report) + _measure_table(report))
    return page(title, body)
