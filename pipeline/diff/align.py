"""One-to-one alignment of derived measures to parent measures, plus merges and splits.

The alignment is an optimal assignment (scipy's linear_sum_assignment, maximising total similarity).
Similarities under the threshold are zeroed before solving, so an unrelated measure is never forced
into a pair: it stays `added` (derived) or `dropped` (parent). A tiny order term breaks ties between
identical measures in favour of keeping the original order.

The threshold depends on whether the derived plan descends from this parent at all. Plans of one
family share near-verbatim measures; when too few derived measures have such a strong match, the
plans are probably unrelated and only a pair as strong as UNRELATED_THRESHOLD is trusted. This keeps
"Проведение родительских собраний по вопросам X" from pairing with "... по вопросам Y" across plans
that merely share boilerplate, while a school that changed the topic of a parent's measure is still
reported as `modified`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from pipeline.diff.similarity import SimilarityModel

THRESHOLD = 0.5  # below this two measures are unrelated
UNRELATED_THRESHOLD = 0.7  # the bar when the two plans do not look like one family
STRONG_MATCH = 0.8  # a near-verbatim copy of a parent measure
FAMILY_SHARE = 0.3  # share of derived measures (up to the parent's size) with a strong match
ORDER_EPSILON = 1e-4
GROUP_CONTAINMENT = 0.4  # share of an extra member's content the other side must carry
GROUP_GAIN = 0.04  # how much the group must beat the lone pair's similarity
MAX_GROUP_CANDIDATES = 4


@dataclass
class Alignment:
    pairs: list[tuple[int, int, float]] = field(default_factory=list)  # parent idx, derived idx, similarity
    dropped: list[int] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    merges: list[tuple[list[int], int, float]] = field(default_factory=list)  # parents -> one derived
    splits: list[tuple[int, list[int], float]] = field(default_factory=list)  # one parent -> derived


def align(parent_texts: list[str], derived_texts: list[str], threshold: float | None = None) -> Alignment:
    model = SimilarityModel(parent_texts, derived_texts)
    if threshold is None:
        threshold = pair_threshold(model.sim)
    result = _assign(model.sim, threshold)
    _find_merges(model, result, threshold)
    _find_splits(model, result, threshold)
    return result


def pair_threshold(sim: np.ndarray) -> float:
    """THRESHOLD for plans of one family, UNRELATED_THRESHOLD otherwise."""
    if sim.size == 0:
        return THRESHOLD
    strong = int((sim.max(axis=0) >= STRONG_MATCH).sum())
    return THRESHOLD if strong >= FAMILY_SHARE * min(sim.shape) else UNRELATED_THRESHOLD


def _assign(sim: np.ndarray, threshold: float) -> Alignment:
    n_p, n_d = sim.shape
    if n_p == 0 or n_d == 0:
        return Alignment(dropped=list(range(n_p)), added=list(range(n_d)))
    usable = np.where(sim >= threshold, sim, 0.0)
    pos_p = np.arange(n_p)[:, None] / max(n_p - 1, 1)
    pos_d = np.arange(n_d)[None, :] / max(n_d - 1, 1)
    score = usable + ORDER_EPSILON * (1.0 - np.abs(pos_p - pos_d)) * (usable > 0)
    rows, cols = linear_sum_assignment(score, maximize=True)
    pairs = [(int(i), int(j), float(sim[i, j])) for i, j in zip(rows, cols) if usable[i, j] > 0]
    pairs.sort(key=lambda p: p[1])
    paired_p = {i for i, _, _ in pairs}
    paired_d = {j for _, j, _ in pairs}
    return Alignment(pairs=pairs, dropped=[i for i in range(n_p) if i not in paired_p],
                     added=[j for j in range(n_d) if j not in paired_d])


def _find_merges(model: SimilarityModel, result: Alignment, threshold: float) -> None:
    """A derived measure that carries the content of one or more unpaired parent measures."""
    by_derived = {j: (i, s) for i, j, s in result.pairs}
    for j in list(by_derived) + list(result.added):
        candidates = [k for k in result.dropped if model.parent_contained(k, j) >= GROUP_CONTAINMENT
                      and int(model.sim[k].argmax()) == j]  # k fits no other derived measure better
        candidates = sorted(candidates, key=lambda k: -model.parent_contained(k, j))[:MAX_GROUP_CANDIDATES]
        if j in by_derived:
            anchor = by_derived[j][0]
        else:  # an unpaired derived measure: the best candidate becomes its pair if the group fits
            if len(candidates) < 2:
                continue
            anchor, candidates = candidates[0], candidates[1:]
        members = _grow(lambda extra: model.group_similarity([anchor] + extra, [j]), candidates)
        if not members or model.group_similarity([anchor] + members, [j]) < threshold:
            continue
        group_sim = model.group_similarity([anchor] + members, [j])
        if j not in by_derived:
            result.pairs.append((anchor, j, float(model.sim[anchor, j])))
            result.pairs.sort(key=lambda p: p[1])
            result.added.remove(j)
            result.dropped.remove(anchor)
        for k in members:
            result.dropped.remove(k)
        result.merges.append((sorted([anchor] + members), j, group_sim))


def _find_splits(model: SimilarityModel, result: Alignment, threshold: float) -> None:
    """Several derived measures that together carry one parent measure."""
    by_parent = {i: (j, s) for i, j, s in result.pairs}
    merged_parents = {i for group, _, _ in result.merges for i in group}
    for i in list(by_parent) + list(result.dropped):
        if i in merged_parents:
            continue
        candidates = [k for k in result.added if model.derived_contained(i, k) >= GROUP_CONTAINMENT
                      and int(model.sim[:, k].argmax()) == i]  # k fits no other parent measure better
        candidates = sorted(candidates, key=lambda k: -model.derived_contained(i, k))[:MAX_GROUP_CANDIDATES]
        if i in by_parent:
            anchor = by_parent[i][0]
        else:
            if len(candidates) < 2:
                continue
            anchor, candidates = candidates[0], candidates[1:]
        members = _grow(lambda extra: model.group_similarity([i], [anchor] + extra), candidates)
        if not members or model.group_similarity([i], [anchor] + members) < threshold:
            continue
        group_sim = model.group_similarity([i], [anchor] + members)
        if i not in by_parent:
            result.pairs.append((i, anchor, float(model.sim[i, anchor])))
            result.pairs.sort(key=lambda p: p[1])
            result.dropped.remove(i)
            result.added.remove(anchor)
        for k in members:
            result.added.remove(k)
        result.splits.append((i, sorted([anchor] + members), group_sim))


def _grow(score_of, candidates: list[int]) -> list[int]:
    """Add candidates one by one while each raises the group's similarity by GROUP_GAIN or more."""
    members: list[int] = []
    if not candidates:
        return members
    best = score_of([])
    for k in candidates:
        trial = score_of(members + [k])
        if trial >= best + GROUP_GAIN:
            members.append(k)
            best = trial
    return members
