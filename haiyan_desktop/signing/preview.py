"""A copy of a signed report for the screen, with the signatures' stamps drawn on the page.

Some viewers (QtPdf, which the window's preview uses) draw no form fields, so a signature's
stamp — the appearance of its widget — stays invisible there. For display only, this paints
each signature widget's appearance into its page's content. The copy is never saved or signed:
changing the content after signing is exactly what verification rejects.
"""

from __future__ import annotations

import io

from .errors import SigningError


def with_stamps_drawn(content: bytes) -> bytes:
    """``content`` with every signature stamp also painted as page content (for the screen)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
        pages = int(writer.root["/Pages"]["/Count"])
        painted = 0
        for index in range(pages):
            page_ref, _ = writer.find_page_for_modification(index)
            annots = page_ref.get_object().get("/Annots")
            for annot in (annots.get_object() if annots is not None else []):
                drawing = _stamp_drawing(annot.get_object(), f"/HaiyanStamp{painted}")
                if drawing is None:
                    continue
                operators, name, appearance = drawing
                stream = writer.add_object(generic.StreamObject(stream_data=operators))
                writer.add_stream_to_page(index, stream, resources=generic.DictionaryObject({
                    generic.NameObject("/XObject"): generic.DictionaryObject({
                        generic.NameObject(name): appearance})}))
                painted += 1
        if not painted:
            return content
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as exc:
        from ..messages import msg

        raise SigningError(msg("sign.pdf_damaged")) from exc


def _stamp_drawing(annot, name: str):
    """(operators, resource name, appearance reference) for a signature widget, else None."""
    if annot.get("/Subtype") != "/Widget" or annot.get("/FT") != "/Sig":
        return None
    appearances = annot.get("/AP")
    if appearances is None or "/N" not in appearances:
        return None
    appearance_ref = appearances.raw_get("/N")
    appearance = appearance_ref.get_object()
    x1, y1, x2, y2 = _box(annot["/Rect"])
    bx1, by1, bx2, by2 = _box(appearance.get("/BBox", [x1, y1, x2, y2]))
    if bx2 == bx1 or by2 == by1:
        return None
    sx, sy = (x2 - x1) / (bx2 - bx1), (y2 - y1) / (by2 - by1)  # the box onto the field
    matrix = f"{sx:.6f} 0 0 {sy:.6f} {x1 - bx1 * sx:.4f} {y1 - by1 * sy:.4f}"
    return f"q {matrix} cm {name} Do Q".encode("ascii"), name, appearance_ref


def _box(numbers) -> tuple[float, float, float, float]:
    """A rectangle as (left, bottom, right, top), however its corners were written."""
    a, b, c, d = (float(v) for v in numbers)
    return min(a, c), min(b, d), max(a, c), max(b, d)
