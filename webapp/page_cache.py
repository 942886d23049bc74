"""What a list page shows, kept until a write that can change it (exact, never a time-to-live).

While the web app holds the store, it is the store's only writer (DuckDB lets one process write a file), so
a counter per kind of write, bumped in this process after each write commits, tells exactly when a kept page
may have changed. A page names the kinds of write it depends on: a deadline corrected does not change the
documents list or the review queue, so those stay kept while an analyst corrects deadlines. Reopening the
store (after an idle release, when another process may have written) bumps every kind.

Order matters for correctness: the counters are read before the page's queries and bumped after the write
commits, so a page kept under a counter value is never older than the data that value stands for.
Many requests for the same missing page compute it once (the others wait for that result), which keeps 50
analysts opening the same "due" page after a write from running its queries 50 times.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable

# kinds of write; "store" = the store was (re)opened or written outside the review routes
MEASURE_FIELDS, PLAN_FIELDS, STRUCTURE, STATES, ACCOUNTS, STORE = (
    "measure_fields", "plan_fields", "structure", "states", "accounts", "store")
# with MEASURE_FIELDS, a corrected deadline or responsible cell also bumps its own kind (months, bodies)
DEADLINES, RESPONSIBLES = "deadlines", "responsibles"
MEASURE_KINDS = (MEASURE_FIELDS, DEADLINES, RESPONSIBLES)  # a measure-field correction bumps one to two of these
EVERY_WRITE = (MEASURE_FIELDS, DEADLINES, RESPONSIBLES, PLAN_FIELDS, STRUCTURE, STATES, ACCOUNTS, STORE)
DATA_WRITES = (MEASURE_FIELDS, DEADLINES, RESPONSIBLES, PLAN_FIELDS, STRUCTURE, STATES)
WAIT_SECONDS = 30.0  # a request waiting for another's computation of the same page gives up after this
SIZE = 512
WORD_LOG = 1024  # measure-field corrections whose touched records are remembered


class Generations:
    """A counter per kind of write, process-local, and for measure-field corrections what the corrected
    measure touched before and after (`Touched`: a search whose words match neither is not changed by it)."""

    def __init__(self) -> None:
        self._counts = dict.fromkeys(EVERY_WRITE, 0)
        self._touched: deque[tuple[int, Touched | None, Touched | None]] = deque(maxlen=WORD_LOG)
        self._lock = threading.Lock()

    def bump(self, kinds: Iterable[str] = EVERY_WRITE, touched: tuple[Touched, Touched] | None = None) -> None:
        with self._lock:
            for kind in set(kinds):
                self._counts[kind] += 1
            if MEASURE_FIELDS in kinds:
                self._touched.append((self._counts[MEASURE_FIELDS], *(touched or (None, None))))

    def of(self, kinds: Iterable[str]) -> tuple[int, ...]:
        with self._lock:
            return tuple(self._counts[k] for k in (STORE, *kinds))

    def unaffected_since(self, seen: int, unaffected: Callable[["Touched"], bool]) -> int | None:
        """The current count of measure-field corrections if none since `seen` can change a page for which
        `unaffected(touched)` holds of the corrected measure before and after; else None."""
        with self._lock:
            now = self._counts[MEASURE_FIELDS]
            since = [entry for entry in self._touched if entry[0] > seen]
        if len(since) != now - seen:  # some fell out of the log: not known
            return None
        ok = all(before is not None and after is not None and unaffected(before) and unaffected(after)
                 for _, before, after in since)
        return now if ok else None


@dataclass(frozen=True)
class Touched:
    """What can change a page, of one measure, read just before or after its correction: its search
    words (with its document's), the days and windows it falls due in, and its document's ID prefix."""
    words: frozenset[str]
    due: tuple[tuple[dt.date | None, dt.date | None], ...]
    document: str

    def of_document(self, record_id: str) -> bool:
        """Whether a plan or measure ID (or a document ID) is of this measure's document: plan and measure
        IDs begin with the first 16 digits of their document's ID (pipeline/structure.py)."""
        prefix = record_id.split(":")[0]
        return self.document == record_id or (len(prefix) == 16 and self.document.startswith(prefix))

    def due_within(self, start: dt.date, end: dt.date) -> bool:
        return any((s is None or s <= end) and (e is None or e >= start) for s, e in self.due)


class _Flight:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = _MISSING


_MISSING = object()


class PageCache:
    """Bounded LRU of computed page data, keyed by (page, parameters, counters of the kinds it depends on).
    Values are shared between requests: callers must not change them (copy what they annotate)."""

    def __init__(self, generations: Generations, size: int = SIZE, freshen: Callable[[], None] | None = None) -> None:
        self.generations = generations
        self.freshen = freshen  # called before each look-up (the gateway checks for writes from outside)
        self.size = size
        self._kept: OrderedDict[tuple, Any] = OrderedDict()
        self._flights: dict[tuple, _Flight] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple, depends_on: Iterable[str], compute: Callable[[], Any],
            unaffected: Callable[[Touched], bool] | None = None) -> Any:
        """The kept value of `key`, else `compute()` once for all concurrent askers. With `unaffected` (a
        search: does a measure with these words fall outside my hits?), a measure-field correction of a
        measure for which it holds before and after leaves the page kept."""
        depends_on = tuple(depends_on)
        if self.freshen is not None:
            self.freshen()
        if unaffected is None:
            return self._get((key, self.generations.of(depends_on)), compute)[1]
        others = tuple(k for k in depends_on if k not in MEASURE_KINDS)
        base = (key, self.generations.of(others), "by touched")
        with self._lock:
            kept = self._kept.get(base)
        if kept is not None:
            now = self.generations.unaffected_since(kept[0], unaffected)
            if now is not None:
                with self._lock:
                    self._kept[base] = (max(now, kept[0]), kept[1])
                    self._kept.move_to_end(base)
                return kept[1]
        seen = self.generations.of((MEASURE_FIELDS,))[1]  # read before the page's queries
        return self._get(base, compute, seen, replace=True)[1]

    def _get(self, full: tuple, compute: Callable[[], Any], seen: int = 0, replace: bool = False) -> tuple[int, Any]:
        with self._lock:
            if full in self._kept and not replace:
                self._kept.move_to_end(full)
                return self._kept[full]
            flight = self._flights.get(full)
            owner = flight is None
            if owner:
                flight = self._flights[full] = _Flight()
        if not owner:
            flight.done.wait(WAIT_SECONDS)
            return flight.value if flight.value is not _MISSING else (seen, compute())
        try:
            flight.value = (seen, compute())
            with self._lock:
                self._kept[full] = flight.value
                self._kept.move_to_end(full)
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
            return flight.value
        finally:
            flight.done.set()
            with self._lock:
                self._flights.pop(full, None)

    def keys(self) -> list[tuple]:
        """The keys of what is kept (without the counters)."""
        with self._lock:
            return [full[0] for full in self._kept]

    def __len__(self) -> int:
        return len(self._kept)
