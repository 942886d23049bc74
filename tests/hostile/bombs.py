"""Files that cost too much: built in memory, small on disk."""
from __future__ import annotations

import zlib

from tests.readers.make_fixtures import minimal_pdf


def flate_bomb_pdf(megabytes: int = 1024) -> bytes:
    """A one-page PDF whose content stream inflates to `megabytes` MB of spaces (~1 MB compressed)."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    pdf = minimal_pdf(["placeholder"])
    head, _, rest = pdf.partition(b"<< /Length ")
    old_len, _, rest = rest.partition(b" >>\nstream\n")
    content, _, tail = rest.partition(b"\nendstream")
    body = head + b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream" + tail
    return _fix_xref(body)


def long_pdf(pages: int = 500, chars: int = 6000) -> bytes:
    """Many pages of dense text, legitimate and slow: ~50 s to read at the defaults on this machine
    (each character is laid out; 6,000 a page since the faster PDF reader of extractors.pdf_objects),
    3 MB on disk. Like the 2,310-page, 177 s appendix of the issue."""
    return minimal_pdf([f"word{i} " * (chars // 6) for i in range(pages)])


def _fix_xref(pdf: bytes) -> bytes:
    """Recompute the object offsets after an object grew (readers would otherwise rebuild the xref)."""
    import re

    offsets = [m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj\n", pdf)]
    xref_at = pdf.rindex(b"\nxref\n") + 1
    table = b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = pdf[pdf.index(b"trailer", xref_at):]
    trailer = re.sub(rb"startxref\n\d+", b"startxref\n%d" % xref_at, trailer)
    return pdf[:xref_at] + table + trailer
