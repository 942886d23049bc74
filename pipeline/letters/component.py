"""Component "letters": Document.letters and Document.meetings from the preamble region (everything
before the first plan: a cover letter or a meeting protocol).

Settings (`[settings.letters]` in a pipeline config): `entities` (default true) runs the spaCy pipeline over
each letter for the bodies and dates its text mentions (pipeline/letters/entities.py)."""
from __future__ import annotations

from schemas import Document, Flag

from pipeline.letters.entities import letter_entities
from pipeline.letters.letter import parse_letter
from pipeline.letters.meeting import parse_meeting


def apply(doc: Document, ctx) -> Document:
    """Fills doc.letters / doc.meetings from ctx.regions of kind "preamble"; no regions, no change."""
    letters, meetings, flags = list(doc.letters), list(doc.meetings), list(doc.flags)
    for index, region in enumerate(getattr(ctx, "regions", None) or []):
        if getattr(region, "kind", None) != "preamble":
            continue
        lines = [line if isinstance(line, str) else "" for line in (getattr(region, "lines", None) or [])]
        meeting = parse_meeting(lines)
        letter = parse_letter(lines)
        if meeting is not None and meeting not in meetings:
            meetings.append(meeting)
        # a protocol that cites a letter is still a protocol: it is a letter only with a number or addressee
        if letter is not None and (getattr(ctx, "config", None) or {}).get("entities", True):
            letter.mentions, letter.deadlines = letter_entities(lines, doc.language)
        if letter is not None and (meeting is None or letter.number or letter.addressee) and letter not in letters:
            letters.append(letter)
            if letter.number is None or letter.date is None:
                flags.append(Flag(code="letter_incomplete", where=f"region:{index}",
                                  message="cover letter without an outgoing number or date"))
    return doc.model_copy(update={"letters": letters, "meetings": meetings, "flags": flags})
