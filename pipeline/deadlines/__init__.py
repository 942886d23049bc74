"""Deadline normalisation for Kazakh and Russian plans of measures.

    normalize_deadline(text, period=None) -> list[Deadline]      a deadline cell
    find_deadlines_in_text(text, period=None) -> list[Deadline]  deadline phrases inside a measure's text
    detect_period(lines) -> Period | None                       the plan's own period from its heading
"""
from pipeline.deadlines.normalize import clear_cache, find_deadlines_in_text, normalize_deadline
from pipeline.deadlines.period import detect_period

__all__ = ["normalize_deadline", "find_deadlines_in_text", "detect_period", "clear_cache"]
