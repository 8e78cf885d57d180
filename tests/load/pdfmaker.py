"""A minimal PDF writer for tests: pages of lines in Helvetica, so each test builds the PDF it needs.

A line of "" leaves a line's height of space (a paragraph gap); a page given as None carries no text at all,
only a filled rectangle, as a scanned page without a text layer would.
"""

from __future__ import annotations


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")  # WinAnsiEncoding: curly quotes and dashes as the 0x91-0x97 bytes
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: list[str] | None, leading: float) -> bytes:
    if lines is None:
        return b"0.5 g 72 72 451 698 re f"
    out = [b"BT /F1 11 Tf %.1f TL 72 770 Td" % leading]
    for line in lines:
        out.append(b"(" + _escape(line) + b") Tj T*" if line else b"T*")
    out.append(b"ET")
    return b"\n".join(out)


def make_pdf(pages: list[list[str] | None], *, title: str | None = None, leading: float = 13.0) -> bytes:
    objects: list[bytes] = []
    page_ids = [3 + 2 * i for i in range(len(pages))]
    font_id = 3 + 2 * len(pages)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages))
    for number, lines in enumerate(pages):
        content = _content(lines, leading)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (page_ids[number] + 1, font_id)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    info_id = None
    if title is not None:
        objects.append(b"<< /Title (" + _escape(title) + b") >>")
        info_id = len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info_id is not None:
        trailer += b" /Info %d 0 R" % info_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
