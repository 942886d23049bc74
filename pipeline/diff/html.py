"""An HTML report of plan diffs with word-level highlighting.

Every piece of plan text is hostile input: it goes through html.escape, nothing is ever inserted as
markup, and a Content-Security-Policy forbids scripts outright (defence in depth). The page is
self-contained (inline CSS only) so an analyst can open it from disk.
"""
from __future__ import annotations

from html import escape

from schemas.diff import Change, Pair, PlanDiff, WordOp

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
td,th{border:1px solid #ccc;padding:.3rem .45rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}
del.w-delete,del.w-replace{background:#ffd7d5;text-decoration:line-through}
ins.w-insert,ins.w-replace{background:#ccf5d1;text-decoration:none}
span.w-cosmetic{border-bottom:1px dotted #888}
.material{color:#a00;font-weight:600}.cosmetic{color:#777}
.badge{display:inline-block;padding:0 .4rem;border-radius:.6rem;font-size:.8rem;background:#eee}
.adopted{background:#d9f2dd}.modified{background:#fde7c3}.narrowed{background:#f6c6c6}
.summary td{text-align:right}
"""


def esc(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def render_words(ops: list[WordOp], side: str) -> str:
    """One side ("old" or "new") of a word-level edit script as highlighted HTML."""
    parts = []
    for op in ops:
        text = op.old if side == "old" else op.new
        if op.op == "equal":
            parts.append(esc(text))
        elif op.op == "cosmetic":
            parts.append(f'<span class="w-cosmetic" title="{esc(op.old)} → {esc(op.new)}">{esc(text)}</span>')
        elif text:
            tag = "del" if side == "old" else "ins"
            parts.append(f'<{tag} class="w-{op.op}">{esc(text)}</{tag}>')
    return " ".join(p for p in parts if p)


def _change_row(change: Change) -> str:
    kind = "material" if change.material else "cosmetic"
    if change.words:
        old, new = render_words(change.words, "old"), render_words(change.words, "new")
    else:
        old, new = esc(change.old), esc(change.new)
    extra = []
    if change.removed:
        extra.append("removed: " + "; ".join(esc(b) for b in change.removed))
    if change.added:
        extra.append("added: " + "; ".join(esc(b) for b in change.added))
    if change.narrowed_to_own_staff:
        extra.append('<span class="badge narrowed">narrowed to own staff</span>')
    if change.shift_days is not None:
        extra.append(f"shifted by {change.shift_days:+d} days")
    if change.note and not change.narrowed_to_own_staff:
        extra.append(esc(change.note))
    return (f'<tr class="change"><td>{esc(change.field)}</td><td class="{kind}">{kind}</td>'
            f'<td class="old">{old}</td><td class="new">{new}</td><td>{"<br>".join(extra)}</td></tr>')


def _pair_block(pair: Pair) -> str:
    badge = f'<span class="badge {pair.status}">{pair.status}</span>'
    if pair.narrowed:
        badge += ' <span class="badge narrowed">narrowed</span>'
    head = (f'<tr class="pair"><th colspan="5">{esc(pair.parent_number)} → {esc(pair.derived_number)} {badge} '
            f'similarity {pair.similarity:.2f}<br><span class="text">{esc(pair.derived_text or pair.parent_text)}</span></th></tr>')
    return head + "".join(_change_row(c) for c in pair.changes)


def _measure_list(title: str, css: str, refs) -> str:
    if not refs:
        return ""
    items = "".join(f"<li><b>{esc(r.number)}</b> {esc(r.text)}</li>" for r in refs)
    return f'<h3>{esc(title)}</h3><ul class="{css}">{items}</ul>'


def _groups(diff: PlanDiff) -> str:
    rows = [f"<li>{esc(g.kind)}: parent {esc(', '.join(g.parent_numbers))} → derived "
            f"{esc(', '.join(g.derived_numbers))} (similarity {g.similarity:.2f})</li>" for g in diff.merged + diff.split]
    return f'<h3>Merged and split</h3><ul class="groups">{"".join(rows)}</ul>' if rows else ""


def _summary(diff: PlanDiff) -> str:
    s = diff.summary
    cells = [("parent measures", s.parent_measures), ("derived measures", s.derived_measures),
             ("adopted", s.adopted), ("modified", s.modified), ("dropped", s.dropped), ("added", s.added),
             ("merged", s.merged), ("split", s.split), ("narrowed", s.narrowed)]
    head = "".join(f"<th>{esc(k)}</th>" for k, _ in cells)
    body = "".join(f"<td>{v}</td>" for _, v in cells)
    return f'<table class="summary"><tr>{head}</tr><tr>{body}</tr></table>'


def diff_section(diff: PlanDiff) -> str:
    title = f"{esc(diff.parent.title or diff.parent.plan_id)} → {esc(diff.derived.title or diff.derived.plan_id)}"
    flags = "".join(f"<li>{esc(f.code)}: {esc(f.message)}</li>" for f in diff.flags)
    return (f'<section class="plan-diff"><h2>{title}</h2>{_summary(diff)}'
            + (f'<ul class="flags">{flags}</ul>' if flags else "")
            + '<table class="pairs"><tr><th>field</th><th>kind</th><th>parent</th><th>derived</th><th>note</th></tr>'
            + "".join(_pair_block(p) for p in diff.pairs) + "</table>"
            + _groups(diff) + _measure_list("Dropped", "dropped", diff.dropped_measures)
            + _measure_list("Added", "added", diff.added_measures) + "</section>")


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="kk"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
            f"<title>{esc(title)}</title><style>{STYLE}</style></head><body><h1>{esc(title)}</h1>{body}</body></html>")


def render_diff_html(diffs: list[PlanDiff], title: str = "jospar: plan diff") -> str:
    if not diffs:
        return page(title, "<p>No linked plans to compare.</p>")
    return page(title, "".join(diff_section(d) for d in diffs))
