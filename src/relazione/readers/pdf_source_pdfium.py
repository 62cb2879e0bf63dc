"""The PDFium engine (the default): PDFium's pages, text pages and page objects, through pypdfium2's
raw API (ctypes; cffi for the calls made per character, mapped over a page's characters).

A page's characters are read with one call each (the page's text in one call; per character its
advance box; its text object, whose font size, font name, direction and baseline are read once per
object, asked at the ends of each run of drawn characters), as pdfminer would give them
(``pdf_glyph_mend`` mends ligatures and dropped spaces):
``x0``/``x1`` the advance, ``bottom`` the baseline (lowered by the font's descent where it is known,
see ``_font_facts``), ``top`` one font size above. Words are made as
pdfplumber's word extractor makes them from those characters (``pdf_glyph_words``), so the two
engines group words alike. Ruling edges come from the page's path objects (in form XObjects too),
one edge per straight segment, as pdfplumber makes them from lines, rects and curves. Each page
and its text page are closed before the next is read.
"""

from __future__ import annotations

import ctypes
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import suppress
from functools import lru_cache
from itertools import accumulate, chain, compress, count, groupby, repeat
from operator import not_, sub
from typing import Any, NamedTuple

from relazione.errors import RelazioneError
from relazione.readers.pdf_glyph_mend import mend
from relazione.readers.pdf_glyph_words import words_from_glyphs
from relazione.readers.pdf_pdfium_calls import INT, VP, plain_call
from relazione.readers.pdf_source import Glyphs, SourcePage
from relazione.readers.pdf_source_pdfium_paths import page_edges_and_images
from relazione.readers.pdf_words import is_bold_font

HYPHEN_MARKS = "\x02\ufffe"  # PDFium's marks for a hyphen ending a line: the glyph drawn is "-"
HYPHENS = str.maketrans(dict.fromkeys(HYPHEN_MARKS, "-"))
# what PDFium may add to a page's text: found by the regex engine, far faster than a test per character
SPACE, LINE_BREAK = re.compile(" "), re.compile("[\r\n]")
# characters of right-to-left scripts (bidi classes R and AL) and the marks that start such text: on a
# line holding one, PDFium reverses runs of characters, so a text object's characters may be split
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\u200f\u202b\u202e\u2067\ufb1d-\ufdff\ufe70-\ufefe"
                           "\U00010800-\U00010fff\U0001e800-\U0001efff]")


class Unopened(Exception):
    """PDFium cannot open the file: the reader asks pdfminer, which names the problem (a damaged file,
    no pages) or reads what PDFium could not."""


class PdfiumSource:
    def __init__(self, path: str, data: bytes) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        self.path = path
        try:
            self.doc = pdfium.PdfDocument(data)
            self.page_count = len(self.doc)
            self.right_to_left = _reads_right_to_left(self.doc.raw)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD:
                raise RelazioneError(path, "PDF protetto da password: toglierla prima (ad es. qpdf --decrypt)") \
                    from None
            raise Unopened(path) from None

    def __enter__(self) -> PdfiumSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        with suppress(Exception):  # closing a damaged file may fail again: the first error is the one to tell
            self.doc.close()

    def pages(self, limit: int | None = None) -> Iterator[SourcePage]:
        """Each page loaded and closed through PDFium's own calls: pypdfium2's page objects (a
        finalizer and a parent's registry each) cost more than reading a short page's text."""
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        for index in range(min(limit or self.page_count, self.page_count)):
            page = raw.FPDF_LoadPage(self.doc.raw, index)
            if not page:
                raise pdfium.PdfiumError("Failed to load page.")
            try:
                yield _read_page(page, index + 1, self.right_to_left)
            finally:
                raw.FPDF_ClosePage(page)  # memory stays flat with the page count


def _reads_right_to_left(doc) -> bool:  # noqa: ANN001
    """Does the document ask to be read right to left (viewer preference /Direction /R2L)? PDFium then
    reads every line as right-to-left text."""
    import pypdfium2.raw as raw

    buf = ctypes.create_string_buffer(8)
    return raw.FPDF_VIEWERREF_GetName(doc, b"Direction", buf, len(buf)) > 0 and buf.value == b"R2L"


def _read_page(page, number: int, right_to_left: bool = False) -> SourcePage:  # noqa: ANN001
    """``page``: PDFium's handle of a loaded page."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    left, bottom, right, top = _mediabox(page)
    width, height = right - left, top - bottom
    textpage = raw.FPDFText_LoadPage(page)
    if not textpage:
        raise pdfium.PdfiumError("Failed to load text page.")
    try:
        glyphs = _Glyphs(textpage, left, top, right_to_left).read()
    finally:
        raw.FPDFText_ClosePage(textpage)
    edges, has_images = page_edges_and_images(page, left, top, with_edges=bool(glyphs))
    return SourcePage(number, width, height, glyphs, has_images, edges, lambda: words_from_glyphs(glyphs))


def _mediabox(page) -> tuple[float, float, float, float]:  # noqa: ANN001
    """The page's MediaBox (left, bottom, right, top). PDFium's MediaBox call reads the page's own
    entry only; a page inheriting its size from the page tree (as pdfminer follows it) gets PDFium's
    page box, which follows the tree (cut to a CropBox if there is one; US Letter if none at all)."""
    import pypdfium2.raw as raw

    box = [ctypes.c_float() for _ in range(4)]
    if raw.FPDFPage_GetMediaBox(page, *box):
        left, bottom, right, top = (value.value for value in box)
        return left, bottom, right, top
    inherited = raw.FS_RECTF()
    raw.FPDF_GetPageBoundingBox(page, inherited)
    return inherited.left, inherited.bottom, inherited.right, inherited.top


class _CharCalls(NamedTuple):
    text_object: Any
    loose_box: Any
    is_generated: Any


@lru_cache(maxsize=1)
def _calls() -> _CharCalls:
    """The calls made per character, through cffi: mapped over a page's characters, a cffi
    function pointer costs half what a ctypes one does per call; handles and addresses as integers."""
    import cffi
    import pypdfium2.raw as raw

    ffi = cffi.FFI()

    def pointer(function, signature: str):  # noqa: ANN001, ANN202
        return ffi.cast(signature, ctypes.cast(function, ctypes.c_void_p).value)

    return _CharCalls(pointer(raw.FPDFText_GetTextObject, "intptr_t (*)(intptr_t, int)"),
                      pointer(raw.FPDFText_GetLooseCharBox, "int (*)(intptr_t, int, intptr_t)"),
                      pointer(raw.FPDFText_IsGenerated, "int (*)(intptr_t, int)"))


class _ObjectCalls(NamedTuple):
    font_size: Any
    font: Any
    font_name: Any
    font_is_embedded: Any
    text: Any
    matrix: Any
    origin: Any


@lru_cache(maxsize=1)
def _object_calls() -> _ObjectCalls:
    """The calls made per text object or page, on handles as plain integers (``pdf_pdfium_calls``)."""
    import pypdfium2.raw as raw

    return _ObjectCalls(plain_call(raw.FPDFTextObj_GetFontSize, INT, VP, VP),
                        plain_call(raw.FPDFTextObj_GetFont, VP, VP),
                        plain_call(raw.FPDFFont_GetBaseFontName, ctypes.c_size_t, VP, VP, ctypes.c_size_t),
                        plain_call(raw.FPDFFont_GetIsEmbedded, INT, VP),
                        plain_call(raw.FPDFText_GetText, INT, VP, INT, INT, VP),
                        plain_call(raw.FPDFText_GetMatrix, INT, VP, INT, VP),
                        plain_call(raw.FPDFText_GetCharOrigin, INT, VP, INT, VP, VP))


class _Glyphs:
    """A text page's characters as pdfminer gives them (see the module's doc), and their direction."""

    def __init__(self, textpage, left: float, top: float, right_to_left: bool = False) -> None:  # noqa: ANN001
        import pypdfium2.raw as raw

        self.raw, self.textpage, self.left, self.top = raw, textpage, left, top
        self.right_to_left = right_to_left  # the document's direction: see ``objects``
        self.address = ctypes.c_void_p.from_buffer(textpage).value  # not ctypes.cast: see pdf_pdfium_calls

    def text(self, n: int) -> str:
        raw = self.raw
        buf = ctypes.create_string_buffer((n + 1) * 2)
        _object_calls().text(self.address, 0, n, ctypes.addressof(buf))
        text = buf.raw[: n * 2].decode("utf-16-le", "replace")
        if len(text) != n:  # characters beyond 16 bits: one by one
            text = "".join(chr(raw.FPDFText_GetUnicode(self.textpage, k)) for k in range(n))
        return text

    def fonts(self, firsts: dict[int, int]) -> dict[int, tuple[float, bool, bool, float]]:
        """(size, bold, upright, bottom) of each text object, read at its first character (``firsts``:
        object -> character): an object is one text-showing operator, so one line of one font at one
        height. Each call is mapped over the page's objects, into one buffer per kind."""
        calls = _object_calls()
        objs, tp = list(firsts), repeat(self.address)
        sizes, at_sizes = _buffer("f", 1, len(objs))
        matrices, at_matrices = _buffer("f", 6, len(objs))  # FS_MATRIX: a, b, c, d, e, f
        origins, at_origins = _buffer("d", 2, len(objs))  # x, y
        list(map(calls.font_size, objs, at_sizes))
        list(map(calls.matrix, tp, firsts.values(), at_matrices))
        list(map(calls.origin, tp, firsts.values(), at_origins, range(at_origins.start + 8, at_origins.stop + 8, 16)))
        fonts = list(map(calls.font, objs))
        facts = {font: _font_facts(font) for font in set(fonts)}
        found = {}
        for obj, size, a, b, c, d, y, font in zip(objs, sizes, matrices[0::6], matrices[1::6], matrices[2::6],
                                                  matrices[3::6], origins[1::2], fonts, strict=True):
            upright = a * d > 0 and b * c <= 0  # pdfminer's test
            scale = abs(d) if upright else (b * b + d * d) ** 0.5
            bold, descent = facts[font]
            found[obj] = (size * scale, bold, upright, self.top - y - descent * size * scale)
        return found

    def read(self) -> Glyphs:
        """The page's glyphs. Every character of every page passes here, so the C functions are called
        through ``map`` (no bytecode per call), the boxes written into one buffer, and each attribute
        filled in bulk (font ones per run of a text object's glyphs); the rare cases (rotated glyphs,
        ligatures, dropped spaces) are mended afterwards, only where they can occur."""
        n = self.raw.FPDFText_CountChars(self.textpage)
        if n <= 0:
            return Glyphs()
        calls = _calls()
        text = self.text(n)
        starts, ends = self.drawn(text)
        kept = list(chain.from_iterable(map(range, starts, ends)))
        if not kept:
            return Glyphs()
        chars = "".join(map(text.__getitem__, map(slice, starts, ends)))  # the glyphs' characters
        runs = self.objects(text, starts, ends, kept)
        boxes, at_boxes = _buffer("f", 4, len(kept))  # FS_RECTF per glyph: left, top, right, bottom
        list(map(calls.loose_box, repeat(self.address), kept, at_boxes))
        # each object at its first glyph: where the object changes, the last time wins
        fonts = self.fonts(dict(zip(reversed(runs.objs), map(kept.__getitem__, reversed(runs.starts)), strict=True)))
        glyphs = Glyphs(list(chars.translate(HYPHENS) if any(mark in chars for mark in HYPHEN_MARKS) else chars),
                        self.across(boxes[0::4]), self.across(boxes[2::4]), *runs.per_glyph(fonts))
        if not all(font[2] for font in fonts.values()):
            self.rotated(glyphs, chars, boxes)
        return mend(glyphs, _GlyphObjects(runs))

    def objects(self, text: str, starts: list[int], ends: list[int], kept: list[int]) -> _Runs:
        """The drawn glyphs' text objects, as runs. PDFium gives an object's characters one after
        another: it moves whole objects along a line, and splits one only to reverse right-to-left text.
        So, on a page without such text, where a drawn run's first and last glyphs share an object every
        glyph between does: two calls a run (mostly one object, a line or a cell's text), not one a glyph,
        and the run is one of the object's without looking at each glyph."""
        call, page = _calls().text_object, repeat(self.address)
        if self.right_to_left or RIGHT_TO_LEFT.search(text):
            return _Runs.of(list(map(call, page, kept)))
        runs = [(start, end) for start, end in zip(starts, ends, strict=True) if start < end]
        firsts = list(map(call, page, [start for start, _ in runs]))
        lasts = list(map(call, page, [end - 1 for _, end in runs]))
        objs: list[int] = []
        lengths: list[int] = []
        for (start, end), first, last in zip(runs, firsts, lasts, strict=True):
            if first == last:
                objs.append(first)
                lengths.append(end - start)
            else:
                split = _Runs.of(list(map(call, page, range(start, end))))
                objs += split.objs
                lengths += split.lengths
        return _Runs.made(objs, lengths)

    def drawn(self, text: str) -> tuple[list[int], list[int]]:
        """The runs of characters drawn on the page (starts, ends): not PDFium's own line breaks and
        word spaces. A line break is never drawn (pdfminer has none), so only a space is asked whether
        PDFium made it."""
        spaces = [space.start() for space in SPACE.finditer(text)]
        made = compress(spaces, map(_calls().is_generated, repeat(self.address), spaces))
        dropped = sorted(chain([line_break.start() for line_break in LINE_BREAK.finditer(text)], made))
        return [0, *[k + 1 for k in dropped]], [*dropped, len(text)]

    def across(self, xs: array) -> list[float]:
        """Box edges from the page's left."""
        return [x - self.left for x in xs] if self.left else xs.tolist()

    def rotated(self, glyphs: Glyphs, chars: str, boxes: array) -> None:
        """Rotated glyphs span their boxes from top to bottom and keep PDFium's hyphen marks."""
        for i in compress(count(), map(not_, glyphs.upright)):
            glyphs.text[i] = chars[i]
            glyphs.top[i], glyphs.bottom[i] = self.top - boxes[4 * i + 1], self.top - boxes[4 * i + 3]


def _font_facts(font: int | None) -> tuple[bool, float]:
    """Bold by the font's name, and the font's descent below the baseline per unit of size, negative
    (``font``: its handle, None for none). pdfminer stands a glyph's box on its font's declared
    descent; a standard font not embedded declares the one of its published metrics, which pdfminer
    carries and which is read here too. An embedded font's own declaration PDFium does not give (it
    makes a descent up where a font declares none), so its glyphs stand on the baseline: as in pdfminer
    for a font declaring none (the samples' fonts), one descent higher for a font declaring one."""
    buf = ctypes.create_string_buffer(256)
    named = font and _object_calls().font_name(font, ctypes.addressof(buf), 256)
    name = buf.value.decode("latin-1") if named else ""
    return is_bold_font(name), _standard_descent(font, name) if font else 0.0


def _standard_descent(font: int, name: str) -> float:
    """The published descent of a standard font (Helvetica, Times, Arial...) not embedded, else 0."""
    if _object_calls().font_is_embedded(font):
        return 0.0
    from pdfminer.fontmetrics import FONT_METRICS  # a large table: loaded only for a font not embedded

    return FONT_METRICS[name][0]["Descent"] / 1000 if name in FONT_METRICS else 0.0


class _Runs(NamedTuple):
    """A page's glyphs as runs of one text object each (an object's glyphs are mostly one run, of a
    line or a word; two runs in a row may be of one object): each run's object, first glyph and
    length."""

    objs: list[int]
    starts: list[int]
    lengths: list[int]

    @classmethod
    def of(cls, objs: list[int]) -> _Runs:
        """The runs of each glyph's text object."""
        runs = [(obj, len(list(run))) for obj, run in groupby(objs)]
        return cls.made([obj for obj, _ in runs], [length for _, length in runs])

    @classmethod
    def made(cls, objs: list[int], lengths: list[int]) -> _Runs:
        """The runs of these objects and lengths, one after another."""
        return cls(objs, list(accumulate(lengths[:-1], initial=0)), lengths)

    def per_glyph(self, fonts: dict[int, tuple[float, bool, bool, float]]) -> tuple[list, ...]:
        """Each glyph's top, bottom, size, bold and upright, from its text object's font: one value
        per run, repeated over its glyphs; on a page with no bold, or none rotated, that list is
        made at once."""
        size, bold, upright, bottom = zip(*map(fonts.__getitem__, self.objs), strict=True)
        n = sum(self.lengths)
        return (self.repeated(map(sub, bottom, size)), self.repeated(bottom), self.repeated(size),
                self.repeated(bold) if any(bold) else [False] * n,
                [True] * n if all(upright) else self.repeated(upright))

    def repeated(self, values: Iterable) -> list:
        """One value per run -> one per glyph."""
        return list(chain.from_iterable(map(repeat, values, self.lengths)))


class _GlyphObjects:
    """Each glyph's text object by its index, looked up in the runs: mend asks it of a few glyphs, a
    list of one per glyph would cost more than all its other tests."""

    __slots__ = ("objs", "starts")

    def __init__(self, runs: _Runs) -> None:
        self.objs, self.starts = runs.objs, runs.starts

    def __getitem__(self, glyph: int) -> int:
        return self.objs[bisect_right(self.starts, glyph) - 1]


def _buffer(code: str, items: int, count: int) -> tuple[array, range]:
    """A zeroed buffer of ``count`` records of ``items`` C values of type ``code`` each, and each
    record's address: for C functions that write their results through pointers, mapped over many."""
    buffer = array(code, bytes(array(code).itemsize * items * count))
    start, step = buffer.buffer_info()[0], buffer.itemsize * items
    return buffer, range(start, start + step * count, step)
