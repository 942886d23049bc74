"""pdfminer's page interpreter with a faster reading of the content stream.

pdfminer reads a content stream through a byte-at-a-time state machine (PSBaseParser: a method call,
a regex search and a debug log call per token, then a second pass per object); on a ruled plan page that
reading is about a third of jospar's whole time for the page (`benchmarks/peers.py`, profiled). Here
the whole stream is cut into tokens by one regular expression and the operators are run as
PDFPageInterpreter.execute runs them, with the same operands: numbers, names, strings, arrays and
dictionaries come out as pdfminer's parser makes them, its quirks included (an odd last hex digit kept as
a character, unknown string escapes dropped, streams of one page read as if a newline stood between them).

What the fast path does not read — inline images (BI ... ID ... EI), procedures ({ }), names with #
escapes, octal escapes past 255, malformed dictionaries, unterminated strings, a stream that does not
decode — sends the whole stream to pdfminer's own parser, so the page reads exactly as before.
tests/readers/test_pdf_objects.py compares every page object with pdfplumber's on real and generated PDFs.
"""
from __future__ import annotations

import re
from typing import Any, Optional, Sequence

from pdfminer import settings
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import PDFStream, stream_value
from pdfminer.psparser import (
    END_STRING, ESC_STRING, HEX_PAIR, KEYWORD_ARRAY_BEGIN, KEYWORD_ARRAY_END, KEYWORD_DICT_BEGIN, KEYWORD_DICT_END,
    KWD, LIT, OCT_STRING, SPC, PSKeyword, choplist, literal_name,
)

# one token each; the groups say which kind. Bytes patterns: \s is pdfminer's whitespace, \x00 is skipped
# between tokens as pdfminer's main state skips it
_TOKEN = re.compile(rb"""
    [\s\x00]+
  | (?P<num>[-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*)
  | /(?P<name>[^#/%\[\]()<>{}\s]*)
  | (?P<kwd>[A-Za-z][^#/%\[\]()<>{}\s]*)
  | \((?P<str>[^()\\]*)\)
  | (?P<cstr>\()
  | (?P<dopen><<)
  | <(?P<hex>[\s0-9a-fA-F]*)(?=[^\s0-9a-fA-F])
  | (?P<dclose>>>)
  | (?P<gt>>)
  | (?P<arr>\[)
  | (?P<arrend>\])
  | %[^\r\n]*
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_TRUE, _FALSE = b"true", b"false"
_INLINE = {KWD(b"BI"), KWD(b"ID"), KWD(b"EI")}  # pdfminer's parser treats these itself
_HASH = ord("#")


class _Unread(Exception):
    """A construct the fast path leaves to pdfminer's parser."""


def _hex_byte(m: re.Match) -> bytes:
    return bytes((int(m.group(0), 16),))


def _hex(raw: bytes) -> bytes:
    """A hex string's bytes; an odd last digit stays the digit's own character, as pdfminer leaves it."""
    digits = SPC.sub(b"", raw)
    if len(digits) % 2:
        return HEX_PAIR.sub(_hex_byte, digits)
    return bytes.fromhex(digits.decode("ascii"))


def _string(s: bytes, i: int) -> tuple[bytes, int]:
    """A literal string with escapes or nested parentheses, from just after its "(" : pdfminer's
    _parse_string / _parse_string_1, step for step. Returns the bytes and the position after ")"."""
    out = bytearray()
    paren = 1
    n = len(s)
    while True:
        m = END_STRING.search(s, i)
        if not m:
            raise _Unread
        j = m.start(0)
        out += s[i:j]
        c = s[j:j + 1]
        i = j + 1
        if c == b"\\":
            digits = b""
            while i < n and len(digits) < 3 and OCT_STRING.match(s, i):
                digits += s[i:i + 1]
                i += 1
            if i >= n:
                raise _Unread
            if digits:
                code = int(digits, 8)
                if code > 255:
                    raise _Unread
                out.append(code)
                continue
            c = s[i:i + 1]
            if c in ESC_STRING:
                out.append(ESC_STRING[c])
            elif c == b"\r" and s[i + 1:i + 2] == b"\n":
                i += 1
            i += 1
        elif c == b"(":
            paren += 1
            out += c
        else:
            paren -= 1
            if not paren:
                return bytes(out), i
            out += c


def _name(raw: bytes) -> Any:
    try:
        return LIT(str(raw, "utf-8"))
    except Exception:
        return LIT(raw)


def _number(raw: bytes) -> Optional[float]:
    try:
        return float(raw) if b"." in raw else int(raw)
    except ValueError:  # "-" or "." alone: pdfminer drops it
        return None


def objects(data: bytes) -> list[Any]:
    """The top-level objects of a content stream in order, as PDFContentParser.nextobject gives them
    (operands as values, operators as PSKeywords). Raises _Unread on what only pdfminer reads."""
    out: list[Any] = []
    stack: list[tuple[str, list[Any]]] = []  # open arrays and dictionaries: (kind, items)
    cur = out
    pos, n = 0, len(data)
    match = _TOKEN.match
    while pos < n:
        m = match(data, pos)
        pos = m.end()
        kind = m.lastgroup
        if kind is None:  # whitespace or a comment
            continue
        if kind == "num":
            value = _number(m.group("num"))
            if value is not None:
                cur.append(value)
        elif pos < n and data[pos] == _HASH and (kind == "name" or kind == "kwd"):
            raise _Unread  # a # escape in a name, or a keyword cut by #
        elif kind == "name":
            cur.append(_name(m.group("name")))
        elif kind == "kwd":
            raw = m.group("kwd")
            if raw == _TRUE or raw == _FALSE:
                cur.append(raw == _TRUE)
            else:
                token = KWD(raw)
                if token in _INLINE:
                    raise _Unread
                cur.append(token)
        elif kind == "str":
            cur.append(m.group("str"))
        elif kind == "cstr":
            value, pos = _string(data, pos)
            cur.append(value)
        elif kind == "hex":
            cur.append(_hex(m.group("hex")))
        elif kind == "arr" or kind == "dopen":
            stack.append(("a" if kind == "arr" else "d", cur))
            cur = []
        elif kind == "arrend" or kind == "dclose":
            want = "a" if kind == "arrend" else "d"
            if not stack or stack[-1][0] != want:
                if settings.STRICT or not stack:
                    raise _Unread  # pdfminer's own error path
                continue  # pdfminer ignores a mismatched close
            items, (_, cur) = cur, stack.pop()
            if want == "a":
                cur.append(items)
            else:
                if len(items) % 2:
                    raise _Unread
                cur.append({literal_name(k): v for k, v in choplist(2, items) if v is not None})
        elif kind == "gt":
            continue  # a lone ">" closes a hex string; pdfminer skips it elsewhere too
        else:
            c = m.group("other")
            if c in b"{}<":  # procedures; a hex string running to the end
                raise _Unread
            cur.append(KWD(c))
    if stack:
        raise _Unread
    return out


class FastInterpreter(PDFPageInterpreter):
    """PDFPageInterpreter whose execute reads the content with objects(); Form XObjects get the same
    (pdfminer makes their interpreter with self.__class__)."""

    _methods: dict[PSKeyword, Any] = {}  # operator -> (method name, operand count) or None; shared: class-level

    def execute(self, streams: Sequence[object]) -> None:
        if settings.STRICT:  # pdfminer raises on what this path forgives
            super().execute(streams)
            return
        valid: list[PDFStream] = []
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is not None and stream.objid not in self.parent_stream_ids:
                valid.append(stream)
        try:
            items = objects(b"\n".join(s.get_data() for s in valid))
        except Exception:  # _Unread, or a stream that does not decode: pdfminer's own way, errors and all
            super().execute(streams)
            return
        self.stream_ids.clear()
        self.stream_ids.update(s.objid for s in valid)
        self._run(items)

    def _run(self, items: list[Any]) -> None:
        methods = self._methods
        stack = self.argstack
        for obj in items:
            if not isinstance(obj, PSKeyword):
                stack.append(obj)
                continue
            found = methods.get(obj, False)
            if found is False:
                found = methods[obj] = self._method(obj)
            if found is None:  # an unknown operator: pdfminer ignores it
                continue
            name, nargs = found
            if nargs:
                args = self.pop(nargs)
                stack = self.argstack
                if len(args) == nargs:
                    getattr(self, name)(*args)
            else:
                getattr(self, name)()
            stack = self.argstack  # a method may have replaced the stack (pop, do_Q ...)

    def _method(self, token: PSKeyword) -> Optional[tuple[str, int]]:
        name = "do_" + str(token.name, "utf-8", "ignore").replace("*", "_a").replace('"', "_w").replace("'", "_q")
        func = getattr(self, name, None)
        return None if func is None else (name, func.__code__.co_argcount - 1)
