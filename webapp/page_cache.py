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

import threading
from collections import OrderedDict
from typing import Any, Callable, Iterable

# kinds of write; "store" = the store was (re)opened or written outside the review routes
MEASURE_FIELDS, PLAN_FIELDS, STRUCTURE, STATES, ACCOUNTS, STORE = (
    "measure_fields", "plan_fields", "structure", "states", "accounts", "store")
EVERY_WRITE = (MEASURE_FIELDS, PLAN_FIELDS, STRUCTURE, STATES, ACCOUNTS, STORE)
DATA_WRITES = (MEASURE_FIELDS, PLAN_FIELDS, STRUCTURE, STATES)
WAIT_SECONDS = 30.0  # a request waiting for another's computation of the same page gives up after this
SIZE = 512


class Generations:
    """A counter per kind of write, process-local."""

    def __init__(self) -> None:
        self._counts = dict.fromkeys(EVERY_WRITE, 0)
        self._lock = threading.Lock()

    def bump(self, kinds: Iterable[str] = EVERY_WRITE) -> None:
        with self._lock:
            for kind in set(kinds):
                self._counts[kind] += 1

    def of(self, kinds: Iterable[str]) -> tuple[int, ...]:
        with self._lock:
            return tuple(self._counts[k] for k in (STORE, *kinds))


class _Flight:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = _MISSING


_MISSING = object()


class PageCache:
    """Bounded LRU of computed page data, keyed by (page, parameters, counters of the kinds it depends on).
    Values are shared between requests: callers must not change them (copy what they annotate)."""

    def __init__(self, generations: Generations, size: int = SIZE) -> None:
        self.generations = generations
        self.size = size
        self._kept: OrderedDict[tuple, Any] = OrderedDict()
        self._flights: dict[tuple, _Flight] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple, depends_on: Iterable[str], compute: Callable[[], Any]) -> Any:
        full = (key, self.generations.of(tuple(depends_on)))
        with self._lock:
            if full in self._kept:
                self._kept.move_to_end(full)
                return self._kept[full]
            flight = self._flights.get(full)
            owner = flight is None
            if owner:
                flight = self._flights[full] = _Flight()
        if not owner:
            flight.done.wait(WAIT_SECONDS)
            return flight.value if flight.value is not _MISSING else compute()
        try:
            flight.value = compute()
            with self._lock:
                self._kept[full] = flight.value
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
            return flight.value
        finally:
            flight.done.set()
            with self._lock:
                self._flights.pop(full, None)

    def __len__(self) -> int:
        return len(self._kept)
