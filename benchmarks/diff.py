"""Plan diff at scale: 1 parent x N derived plans of 20-40 measures, beside a plain difflib baseline.

    .venv/bin/python benchmarks/diff.py [--plans 1000] [--seed 0] [--memory-plans 100]

The plans are generated here from real measure texts: every plan of the bundled samples
(data/samples/*.txt, read by the real extraction) and the diff test fixtures (tests/diff/fixtures).
The parent takes 40 of them; each derived plan keeps 16-34 parent measures in a shuffled order,
rewords about half of them with one to three edits each (case, punctuation, number and percent
spellings, OCR look-alike letters, changed word endings, synonyms, an inserted or a deleted word, two
words swapped) and adds 2-8
measures the parent does not have, so the true pairs are known.

Methods, on the same pairs:
  jospar        pipeline.diff.diff_plans (alignment + field-level changes + word ops: the whole job)
  jospar-align  pipeline.diff.align.align (the alignment alone)
  difflib       difflib.SequenceMatcher ratio over every parent x derived measure text, greedy best
                match first, pairs under 0.6 left unpaired (the plain baseline)
Figures: total time, time per pair, pair precision/recall against the generated truth, and peak
memory (tracemalloc over the first --memory-plans pairs, a separate pass: numpy buffers are counted,
rapidfuzz's C++ scratch space is not), each also as a ratio to the difflib baseline. Last, the time
to align one 40x40 pair (median of 200).
"""
from __future__ import annotations

import argparse
import difflib
import random
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.diff import diff_plans  # noqa: E402
from pipeline.diff.align import align  # noqa: E402
from pipeline.diff.normalize import norm_tokens  # noqa: E402
from pipeline.diff.stem import is_kazakh  # noqa: E402
from schemas.records import Measure, Plan  # noqa: E402

SYNONYMS = {
    "өткізу": "ұйымдастыру", "ұйымдастыру": "өткізу", "жүргізу": "өткізу", "талдау": "сараптау",
    "қамтамасыз": "қамтамасыздандыру", "бақылау": "қадағалау", "оқушылар": "білім алушылар",
    "проведение": "организация", "организация": "проведение", "обеспечение": "организация",
    "учащихся": "обучающихся", "анализ": "изучение", "мониторинга": "контроля", "школах": "школе",
}
INSERTED = {"kk": ["тұрақты", "жүйелі түрде", "мектепте"], "ru": ["регулярно", "дополнительно", "в школе"]}
OCR = [("о", "o"), ("а", "a"), ("е", "e"), ("щ", "ш"), ("й", "и"), ("р", "p")]


# ------------------------------------------------------------------ measure pool
def _tab_rows(path: Path) -> list[str]:
    """Measure texts of tab-separated rows whose first cell is a number."""
    texts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 2 and re.fullmatch(r"\d+(\.\d+)*\.?", cells[0].strip()) and len(cells[1].split()) >= 3:
            texts.append(cells[1].strip())
    return texts


def measure_pool() -> list[str]:
    texts: list[str] = []
    try:
        from pipeline.extract import extract_path

        for path in sorted((ROOT / "data" / "samples").glob("*.txt")):
            texts += [m.text for p in extract_path(path).plans for m in p.measures if len(m.text.split()) >= 3]
    except Exception as exc:  # the benchmark still runs on the fixtures alone
        print(f"(samples not extracted: {exc})", file=sys.stderr)
    for path in sorted((ROOT / "tests" / "diff" / "fixtures").glob("*.txt")):
        texts += _tab_rows(path)
    # one line per measure, without the over-long multi-paragraph cells of the council plan
    texts = [t for t in dict.fromkeys(" ".join(t.split()) for t in texts) if len(t) <= 400]
    return _distinct(texts)


def _distinct(texts: list[str]) -> list[str]:
    """Drop near-copies and parts of one another (a derived fixture's version of a parent measure, a
    split half): the generated truth must not call a measure "added" when the parent holds a variant."""
    kept: list[tuple[str, set[str]]] = []
    for text in texts:
        words = {w[:5] for w in norm_tokens(text) if len(w) > 3}
        if all(len(words & other) < 0.5 * min(len(words), len(other)) for _, other in kept):
            kept.append((text, words))
    return [text for text, _ in kept]


# ------------------------------------------------------------------ generation
def reword(text: str, rng: random.Random) -> str:
    """One to three edits of the kinds a school makes when copying a measure (or OCR makes for it)."""
    for _ in range(rng.randint(1, 3)):
        text = _edit(text, rng)
    return text


def _edit(text: str, rng: random.Random) -> str:
    words = text.split()
    edit = rng.randrange(9)
    if edit == 0:
        return text.upper() if rng.random() < 0.3 else text.lower()
    if edit == 1:
        return text.rstrip(".") + "."
    if edit == 2:
        return re.sub(r"\bбір\b", "1", text.replace("100%", "100 пайыз").replace("два", "2"))
    if edit == 3:
        old, new = rng.choice(OCR)
        return text.replace(old, new, 2)
    if edit == 4:  # a changed word ending
        k = rng.randrange(len(words))
        if len(words[k]) > 6:
            words[k] = words[k][:-2] if rng.random() < 0.5 else words[k] + "ды"
    elif edit == 5:
        words = [SYNONYMS.get(w, w) for w in words]
    elif edit == 6:
        words.insert(rng.randrange(len(words) + 1), rng.choice(INSERTED["kk" if is_kazakh(text) else "ru"]))
    elif edit == 7 and len(words) > 4:
        del words[rng.randrange(1, len(words))]
    elif len(words) > 2:
        k = rng.randrange(len(words) - 1)
        words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


def make_plan(plan_id: str, texts: list[str]) -> Plan:
    return Plan(plan_id=plan_id, measures=[
        Measure(measure_id=f"{plan_id}:m{k}", number=str(k), text=t, responsible_raw="Мектеп әкімшілігі",
                deadline_raw="жыл сайын") for k, t in enumerate(texts, 1)])


def generate(n_plans: int, seed: int) -> tuple[Plan, list[Plan], list[dict[int, int]]]:
    rng = random.Random(seed)
    pool = measure_pool()
    rng.shuffle(pool)
    parent_texts, extra = pool[:40], pool[40:]
    parent = make_plan("parent", parent_texts)
    plans, truths = [], []
    for n in range(n_plans):
        kept = rng.sample(range(40), rng.randint(16, 34))
        added = rng.sample(extra, min(len(extra), rng.randint(2, 8)))
        items = [(i, reword(parent_texts[i], rng) if rng.random() < 0.5 else parent_texts[i]) for i in kept]
        items += [(None, t) for t in added]
        rng.shuffle(items)
        items = items[:40]
        plans.append(make_plan(f"d{n}", [t for _, t in items]))
        truths.append({j: i for j, (i, _) in enumerate(items) if i is not None})
    return parent, plans, truths


# ------------------------------------------------------------------ methods
def difflib_pairs(parent: list[str], derived: list[str], threshold: float = 0.6) -> dict[int, int]:
    """SequenceMatcher.ratio of every pair (skipping those whose cheap upper bounds are already under
    the threshold, as difflib's get_close_matches does), then greedy best match first."""
    scored = []
    matcher = difflib.SequenceMatcher(None)
    for j, d in enumerate(derived):
        matcher.set_seq2(d)
        for i, p in enumerate(parent):
            matcher.set_seq1(p)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                scored.append((matcher.ratio(), i, j))
    scored.sort(reverse=True)
    used_p, pairs = set(), {}
    for ratio, i, j in scored:
        if ratio < threshold:
            break
        if i not in used_p and j not in pairs:
            used_p.add(i)
            pairs[j] = i
    return pairs


def run_method(name: str, parent: Plan, plans: list[Plan]) -> list[dict[int, int]]:
    p_texts = [m.text for m in parent.measures]
    out = []
    for plan in plans:
        d_texts = [m.text for m in plan.measures]
        if name == "jospar":
            diff = diff_plans(parent, plan)
            out.append({int(p.derived_number) - 1: int(p.parent_number) - 1 for p in diff.pairs})
        elif name == "jospar-align":
            out.append({j: i for i, j, _ in align(p_texts, d_texts).pairs})
        else:
            out.append(difflib_pairs(p_texts, d_texts))
    return out


def accuracy(found: list[dict[int, int]], truths: list[dict[int, int]]) -> tuple[float, float]:
    hit = sum(sum(1 for j, i in f.items() if t.get(j) == i) for f, t in zip(found, truths))
    n_found = sum(len(f) for f in found)
    n_true = sum(len(t) for t in truths)
    return hit / max(n_found, 1), hit / max(n_true, 1)


def timed(name, parent, plans):
    start = time.perf_counter()
    found = run_method(name, parent, plans)
    return time.perf_counter() - start, found


def peak_memory(name, parent, plans) -> float:
    tracemalloc.start()
    run_method(name, parent, plans)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def align_40x40(parent: Plan, plans: list[Plan]) -> float:
    full = [p for p in plans if len(p.measures) == 40] or plans
    texts = [m.text for m in parent.measures]
    samples = []
    for k in range(200):
        d_texts = [m.text for m in full[k % len(full)].measures]
        start = time.perf_counter()
        align(texts, d_texts)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--memory-plans", type=int, default=100)
    args = ap.parse_args()
    parent, plans, truths = generate(args.plans, args.seed)
    sizes = [len(p.measures) for p in plans]
    print(f"1 parent x {len(plans)} derived plans, {min(sizes)}-{max(sizes)} measures "
          f"(mean {statistics.mean(sizes):.1f}); {sum(map(len, truths))} true pairs")
    diff_plans(parent, plans[0])  # warm-up: imports, caches of the parent's features
    rows = {}
    for name in ("difflib", "jospar-align", "jospar"):
        seconds, found = timed(name, parent, plans)
        precision, recall = accuracy(found, truths)
        memory = peak_memory(name, parent, plans[: args.memory_plans])
        rows[name] = (seconds, precision, recall, memory)
    base_s, _, _, base_mem = rows["difflib"]
    print(f"{'method':14}{'total s':>9}{'ms/pair':>9}{'x difflib':>11}{'precision':>11}{'recall':>8}"
          f"{'peak MiB':>10}{'x difflib':>11}")
    for name, (seconds, precision, recall, memory) in rows.items():
        print(f"{name:14}{seconds:9.2f}{seconds / len(plans) * 1000:9.2f}{seconds / base_s:11.2f}"
              f"{precision:11.3f}{recall:8.3f}{memory:10.1f}{memory / base_mem:11.2f}")
    ms = align_40x40(parent, plans)
    per_pair_difflib = base_s / len(plans) * 1000
    print(f"align one 40x40 pair: {ms:.2f} ms median ({ms / per_pair_difflib:.2f} x difflib's mean per pair)")


if __name__ == "__main__":
    main()
