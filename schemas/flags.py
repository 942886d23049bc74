"""The registry of flag codes: every `Flag.code` jospar writes, with its severity, the stage that raises it,
a one-line meaning and what its `where` names. `Flag` refuses a code that is not here, and the README's
and data dictionary's flag lists are generated from this table.

Severity: `error` — nothing of the document (or message) could be read; `warning` — read, but something is
missing or doubtful and a person should look; `info` — how it was read (OCR used, a numbering repaired).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
Stage = Literal["read", "structure", "normalise", "letters", "lineage", "diff", "ingest", "process", "pipeline",
                "review"]


@dataclass(frozen=True)
class FlagCode:
    code: str
    severity: Severity
    stage: Stage
    meaning: str
    where: str = "—"  # what `Flag.where` names for this code


def _codes(*rows: tuple) -> dict[str, FlagCode]:
    return {row[0]: FlagCode(*row) for row in rows}


FLAGS: dict[str, FlagCode] = _codes(
    # reading: the file could not be read at all
    ("empty", "error", "read", "the file is empty or holds no text"),
    ("unreadable", "error", "read", "a reader failed on the bytes (or OCR failed on every page)"),
    ("encrypted", "error", "read", "the file needs a password"),
    ("corrupt", "error", "read", "the file's structure is damaged (truncated, bad cross-reference table…)"),
    ("not_pdf", "error", "read", "named or sniffed as PDF but the bytes are not a PDF"),
    ("wrong_format", "error", "read", "the bytes are not the format the name or container says"),
    ("zip_bomb", "error", "read", "a compressed package would expand past the size or ratio limits"),
    ("xml_entities", "error", "read", "an XML part declares a DOCTYPE or entities (entity expansion attack)", "the part"),
    ("too_large", "error", "read", "the file is over the size limit and was not read"),
    ("unsupported_format", "error", "read", "a format jospar does not read"),
    ("not_text", "error", "read", "binary bytes that no reader recognises"),
    ("extract_failed", "error", "pipeline", "an unexpected error in the pipeline; the document was kept"),
    ("not_a_file", "error", "read", "a FIFO, socket, device or link to a folder: never opened"),
    ("symlink_outside", "error", "read", "a link found in a folder that leads out of it: not followed, not read"),
    ("time_limit", "error", "read", "reading took longer than the per-document time limit; the worker was stopped"),
    ("memory_limit", "error", "read", "reading used more than the per-document memory limit; the worker was stopped"),
    ("worker_crashed", "error", "read", "the process reading the document died (a crash in a library)"),
    ("too_deep", "error", "read", "a container (.zip, .eml, .msg) nested more than 3 deep was not opened",
     "the member"),
    ("duplicate_of", "info", "read", "the same bytes as an earlier input path; read once", "the earlier path"),
    # reading: read with a warning
    ("no_text", "warning", "read", "the document was read but holds no text"),
    ("no_text_layer", "warning", "read", "pages without a text layer and without text from OCR", "the pages"),
    ("too_many_pages", "warning", "read", "only the first pages were read (page limit)"),
    ("page_failed", "warning", "read", "one page could not be read; the others were", "the page"),
    ("sheet_truncated", "warning", "read", "only the first 500,000 positions of a spreadsheet sheet were read",
     "the sheet"),
    ("unsafe_member_name", "warning", "read", "a container member's name had path tricks; read under a safe name",
     "the member"),
    ("ocr_used", "info", "read", "pages were read by OCR", "the pages"),
    ("ocr_low_confidence", "warning", "read", "OCR was unsure of many words on a page", "the page"),
    ("ocr_failed", "warning", "read", "OCR failed on a page (timeout, crash)", "the page"),
    ("ocr_skipped", "warning", "read", "pages past the OCR page limit were not OCR'd", "the pages"),
    ("ocr_unavailable", "warning", "read", "Tesseract or its kaz/rus data is not installed"),
    ("ocr_page_turned", "info", "read", "pages lying sideways or upside down were turned upright before OCR",
     "the pages"),
    ("text_layer_garbled", "warning", "read", "a page's text layer is garbage (mixed scripts, digits in words); OCR'd "
     "instead", "the pages"),
    ("ocr_tables_not_rebuilt", "warning", "read", "a table on a scanned page came out as text lines", "the pages"),
    ("ocr_tables_from_words", "warning", "read", "a table on a scanned page was rebuilt from the OCR words' positions (its ruling gave no grid)", "the pages"),
    # structure
    ("no_plan", "info", "structure", "no plan of measures was found in a readable document"),
    ("no_measures", "warning", "structure", "a plan header was found but no measure rows"),
    ("numbering_gap", "warning", "structure", "the measure numbering skips numbers", "the plan's title"),
    ("numbering_duplicate", "warning", "structure", "a measure number appears twice", "the plan's title"),
    ("numbering_lost", "info", "structure", "all list items carried the same number; renumbered in order",
     "the plan's title"),
    ("number_inferred", "info", "structure", "a measure's number is not printed or was not read; it was inferred "
     "from the numbers around it", "the inferred number"),
    ("structure_pass_failed", "warning", "structure", "a pass of the structure stage raised; the document kept "
     "what the other passes found", "the pass"),
    ("template_placeholder", "warning", "structure", "a template placeholder (____, 20__) was left unfilled",
     "the measure's number"),
    # normalisation
    ("deadline_unspecified", "warning", "normalise", "a deadline cell could not be read as a date, period or rule",
     "the measure's number"),
    ("unknown_abbreviation", "warning", "normalise", "a responsible body's abbreviation is in no glossary or "
     "gazetteer", "the plan_id"),
    ("abbreviation_variant", "info", "normalise", "an abbreviation read as a known variant (ББҮ → ББҰ)", "the plan_id"),
    ("component_failed", "warning", "pipeline", "an enrichment component raised; the document kept the rest",
     "the component"),
    # letters and lineage
    ("letter_incomplete", "info", "letters", "a cover letter lacks its number or date", "the region"),
    ("reference_mismatch", "warning", "lineage", "a plan cites a letter number that differs from the parent's",
     "the derived plan_id"),
    ("approval_date_conflict", "warning", "lineage", "a plan is approved before the letter it is based on",
     "the plan_id"),
    # diff and coverage
    ("diff_failed", "error", "diff", "the diff of two plans raised", "the plan pair"),
    ("diff_empty_plan", "warning", "diff", "a diffed plan has no measures", "the plan_id"),
    ("diff_repeated_numbers", "warning", "diff", "measure numbers repeat inside a diffed plan", "the plan_id"),
    ("coverage_empty_parent", "warning", "diff", "the parent plan of a coverage has no measures", "the plan_id"),
    # mailbox ingest
    ("malformed_mime", "warning", "ingest", "the e-mail's MIME structure has defects (mailbox or an .eml read)",
     "the message"),
    ("attachment_too_large", "warning", "ingest", "an attachment over the size limit was not stored", "the part"),
    ("unsafe_filename", "info", "ingest", "an attachment's file name was sanitised (path tricks)", "the part"),
    ("undecodable_part", "warning", "ingest", "a MIME part's transfer encoding could not be decoded", "the part"),
    # analysts' review (store/review.py)
    ("correction_stale", "warning", "review", "an analyst's correction no longer applies after re-extraction "
     "(the field's extracted value changed, or the measure is gone)", "the corrected field"),
)

UNREADABLE_CODES: frozenset[str] = frozenset(
    code for code, spec in FLAGS.items() if spec.severity == "error" and spec.stage in ("read", "pipeline"))


def flag_code(code: str) -> FlagCode:
    """The registered code; KeyError names the registry when a code is not in it."""
    try:
        return FLAGS[code]
    except KeyError:
        raise KeyError(f"flag code {code!r} is not registered in schemas/flags.py") from None
