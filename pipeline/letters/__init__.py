"""Letter requisites and meeting protocols from the lines before the first plan.

`parse_letter(lines)` reads a cover letter (Kazakh, Russian or both), `parse_meeting(lines)` a protocol;
the component in pipeline.letters.component fills Document.letters and Document.meetings.
"""
from pipeline.letters.letter import parse_letter
from pipeline.letters.meeting import parse_meeting

__all__ = ["parse_letter", "parse_meeting"]
