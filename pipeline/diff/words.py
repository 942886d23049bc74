"""Word-level edit script between two versions of a cell, for highlighting.

Words are compared by their normalised form (normalize.norm_key), so "Ақпарат"/"ақпарат" or
"100%"/"100 пайыз" come out as `cosmetic` ops rather than replacements; runs of untouched words are
grouped into one `equal` op to keep the JSON short.
"""
from __future__ import annotations

from difflib import SequenceMatcher

from pipeline.diff.normalize import clean, norm_key
from schemas.diff import WordOp


def word_ops(old: str | None, new: str | None) -> list[WordOp]:
    old_words, new_words = clean(old).split(), clean(new).split()
    old_keys = [norm_key(w) for w in old_words]
    new_keys = [norm_key(w) for w in new_words]
    ops: list[WordOp] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for a, b in zip(old_words[i1:i2], new_words[j1:j2]):
                _append(ops, WordOp(op="equal" if a == b else "cosmetic", old=a, new=b))
            continue
        old_part, new_part = " ".join(old_words[i1:i2]), " ".join(new_words[j1:j2])
        if "".join(old_keys[i1:i2]) == "".join(new_keys[j1:j2]):
            kind = "cosmetic"  # only separators differ ("2022-2023жыл" / "2022-2023 жыл")
        else:
            kind = {"replace": "replace", "delete": "delete", "insert": "insert"}[tag]
        _append(ops, WordOp(op=kind, old=old_part, new=new_part))
    return ops


def _append(ops: list[WordOp], op: WordOp) -> None:
    """Glue an op to the previous one when both are of the same kind."""
    if ops and ops[-1].op == op.op:
        last = ops[-1]
        last.old = " ".join(x for x in (last.old, op.old) if x)
        last.new = " ".join(x for x in (last.new, op.new) if x)
    else:
        ops.append(op)


def as_cosmetic(ops: list[WordOp]) -> list[WordOp]:
    """When the whole value is cosmetically equal, no op may claim a change of meaning."""
    return [op if op.op in ("equal", "cosmetic") else WordOp(op="cosmetic", old=op.old, new=op.new) for op in ops]
