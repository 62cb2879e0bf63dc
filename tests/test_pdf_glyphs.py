"""A page's glyphs as PDFium gives them (one list per attribute), mended where PDFium differs from
pdfminer, and the first-glyph test that tells a typed page: the bulk forms give what a loop per
glyph gave."""

from __future__ import annotations

import ctypes
import io
import sys
import unicodedata
from itertools import chain, groupby
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SAMPLES
from relazione.readers.pdf_glyph_mend import SPACE_SLACK, SPELT_LIGATURES, mend
from relazione.readers.pdf_glyph_words import LIGATURES
from relazione.readers.pdf_source import Glyphs
from relazione.readers.pdf_source_pdfium import RIGHT_TO_LEFT, PdfiumSource, _calls, _Glyphs, _reads_right_to_left
from relazione.readers.pdf_typed import FIXED_SHARE, MIN_GLYPHS, PREFIX_SHARE, WINDOW, _head_widths, _proportional
from relazione.readers.pdf_words import Word


def glyphs_of(cells: list[tuple[str, float, float]], objs: list[int]) -> tuple[Glyphs, list[int]]:
    """Upright 10 pt glyphs on one line: (text, x0, x1) each."""
    words = [Word(text, x0, x1, 90.0, 100.0, 10.0) for text, x0, x1 in cells]
    return Glyphs.of_words(words, [True] * len(words)), objs


def test_spelt_out_ligature_is_one_glyph_again() -> None:
    # PDFium spells "ﬂ" as "f" and "l" in one box; pdfminer reads one glyph
    glyphs = mend(*glyphs_of([("a", 0, 5), ("f", 5, 10), ("l", 5, 10), ("o", 10, 15)], [1, 1, 1, 1]))
    assert glyphs.text == ["a", "ﬂ", "o"]


def test_letters_in_one_box_of_two_text_objects_stay_apart() -> None:
    glyphs = mend(*glyphs_of([("f", 5, 10), ("l", 5, 10)], [1, 2]))
    assert glyphs.text == ["f", "l"]


def test_spaces_pdfium_dropped_come_back_in_their_gap() -> None:
    # three spaces in a row, PDFium keeping one: the gap after it is two spaces wide
    glyphs = mend(*glyphs_of([("a", 0, 4), (" ", 4, 8), ("b", 16, 20)], [1, 1, 1]))
    assert glyphs.text == ["a", " ", " ", " ", "b"]
    assert (glyphs.x0[2], glyphs.x1[3]) == (8, 16)


def test_a_narrow_gap_after_a_space_is_left_as_it_is() -> None:
    cells = [("a", 0, 4), (" ", 4, 8), ("b", 9, 13)]
    glyphs, objs = glyphs_of(cells, [1, 1, 1])
    assert mend(glyphs, objs) is glyphs


def test_three_letters_in_one_box_are_one_ligature() -> None:
    # "f", "f", "i" in one box: the second letter joins the first, the third joins the ligature made
    glyphs = mend(*glyphs_of([("a", 0, 5), ("f", 5, 10), ("f", 5, 10), ("i", 5, 10), ("o", 10, 15)], [1] * 5))
    assert glyphs.text == ["a", "ﬃ", "o"]
    assert glyphs.x0 == [0, 5, 10]


def test_mending_leaves_the_glyphs_given_as_they_were() -> None:
    glyphs, objs = glyphs_of([("f", 5, 10), ("l", 5, 10), (" ", 10, 14), ("b", 22, 26)], [1, 1, 1, 1])
    mended = mend(glyphs, objs)
    assert mended.text == ["ﬂ", " ", " ", " ", "b"] and mended.upright == [True] * 5
    assert glyphs.text == ["f", "l", " ", "b"] and len(glyphs.x0) == 4


def test_a_space_comes_back_before_a_glyph_after_a_gap_holding_a_bullet() -> None:
    # the gap after the space (wider than a space, not whole spaces) holds a bullet drawn later
    cells = [("a", 0, 4), (" ", 4, 8), ("b", 17, 21), ("*", 10, 14)]
    glyphs = mend(*glyphs_of(cells, [1, 1, 1, 2]))
    assert glyphs.text == ["a", " ", " ", "b", "*"]
    assert (glyphs.x0[2], glyphs.x1[2]) == (13, 17)


def test_a_gap_holding_nothing_stays_a_gap() -> None:
    cells = [("a", 0, 4), (" ", 4, 8), ("b", 17, 21), ("*", 30, 34)]
    glyphs = mend(*glyphs_of(cells, [1, 1, 1, 2]))
    assert glyphs.text == ["a", " ", "b", "*"]


def mended_per_glyph(glyphs: Glyphs, objs: list[int]) -> Glyphs:
    """What ``mend`` must give, as a loop over every glyph: each glyph after one of its text object is
    checked against the last glyph kept (a ligature's letter, or a gap after a space)."""
    out: list[Word] = []
    upright: list[bool] = []
    gaps: list[int] = []
    for j, glyph in enumerate(glyphs.words()):
        if j and objs[j] == objs[j - 1]:
            last = out[-1]
            ligature = SPELT_LIGATURES.get(LIGATURES.get(last.text, last.text) + glyph.text)
            if (glyph.x0, glyph.x1) == (last.x0, last.x1) and ligature:
                last.text = ligature
                continue
            width = last.x1 - last.x0
            gap = (glyph.x0 - last.x1) / width if width > 0 else 0.0  # in spaces
            if last.text == " " and round(gap) >= 1 and abs(gap - round(gap)) <= SPACE_SLACK:
                for i in range(round(gap)):
                    out.append(Word(" ", last.x1 + i * width, last.x1 + (i + 1) * width, last.top, last.bottom,
                                    last.size, last.bold))
                    upright.append(glyphs.upright[j])
            elif last.text == " " and glyph.x0 - last.x1 > width:
                gaps.append(len(out))
        out.append(glyph)
        upright.append(glyphs.upright[j])
    filled: list[Word] = []
    filled_upright: list[bool] = []
    for index, (glyph, flag) in enumerate(zip(out, upright, strict=True)):
        space = out[index - 1]
        if index in gaps and any(g.x0 < glyph.x0 and g.x1 > space.x1 and abs(g.bottom - glyph.bottom) < 1
                                 and g.text.strip() for k, g in enumerate(out) if k not in (index - 1, index)):
            width = space.x1 - space.x0
            filled.append(Word(" ", glyph.x0 - width, glyph.x0, space.top, space.bottom, space.size, space.bold))
            filled_upright.append(flag)
        filled.append(glyph)
        filled_upright.append(flag)
    return Glyphs.of_words(filled, filled_upright)


# a glyph of a random line: its text, its width, where it starts from the last one's end (0: "same
# box" starts where the last one starts), its text object and its baseline
GLYPH = st.tuples(st.sampled_from(["f", "i", "l", "s", "t", "a", "ﬀ", " ", "*"]), st.sampled_from([0.0, 4.0, 5.0]),
                  st.sampled_from([None, 0.0, 0.5, 1.5, 4.0, 8.0, 8.1, 9.0, 12.0, -3.0]), st.sampled_from([1, 2]),
                  st.sampled_from([100.0, 100.5, 110.0]), st.booleans())


@given(st.lists(GLYPH, max_size=30))
def test_mending_at_its_cases_gives_what_a_loop_per_glyph_gives(cells: list[tuple]) -> None:
    words, objs, upright, x1 = [], [], [], 0.0
    for text, width, offset, obj, bottom, flag in cells:
        x0 = words[-1].x0 if offset is None and words else x1 + (offset or 0.0)
        words.append(Word(text, x0, x0 + width, bottom - 10.0, bottom, 10.0, obj == 2))
        objs.append(obj)
        upright.append(flag)
        x1 = x0 + width
    glyphs = Glyphs.of_words(words, upright)
    assert mend(glyphs, objs) == mended_per_glyph(glyphs, objs)


def test_pdfium_page_glyphs_have_one_value_per_glyph_in_every_list() -> None:
    path = SAMPLES / "tables_split_across_pages.pdf"
    with PdfiumSource(str(path), path.read_bytes()) as source:
        for page in source.pages():
            g = page.glyphs
            lengths = {len(column) for column in (g.text, g.x0, g.x1, g.top, g.bottom, g.size, g.bold, g.upright)}
            assert lengths == {len(g)} and len(g) > MIN_GLYPHS
            assert Glyphs.of_words(g.words(), g.upright) == g


def proportional_per_glyph(widths: list[float], total: int) -> bool:
    """The test as a window slid over every glyph's width: what ``_proportional`` must answer."""
    first = widths[: max(MIN_GLYPHS, total // PREFIX_SHARE)]
    sample = sorted(w for w in (round(w, 1) for w in first) if w > 0)
    needed = len(first) - (1 - FIXED_SHARE) * total - 1
    widest = start = 0
    for end, width in enumerate(sample):
        while width > sample[start] * WINDOW:
            start += 1
        widest = max(widest, end - start + 1)
    return widest < needed


WIDTHS = [0.0, 2.5, 5.7, 5.8, 5.9, 6.0, 6.05, 6.1, 6.2, 6.3, 7.0, 12.0]


@given(st.sampled_from(WIDTHS), st.lists(st.sampled_from(WIDTHS), max_size=12), st.integers(MIN_GLYPHS, 400))
def test_typed_page_test_counted_per_width_answers_as_per_glyph(pitch: float, others: list[float],
                                                                 total: int) -> None:
    # a pitch and a few other widths among the first glyphs: the answer turns on the window's count
    widths = others + [pitch] * (total - len(others))
    glyphs = Glyphs.of_words([Word("x", 10.0, 10.0 + w, 0.0, 10.0, 10.0) for w in widths], [True] * total)
    per_glyph = proportional_per_glyph([g.x1 - g.x0 for g in glyphs.words()], total)
    assert _proportional(_head_widths(glyphs), total) == per_glyph


# -- each glyph's text object, asked per run of drawn glyphs -------------------------------------

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core: Hebrew too


def objects_both_ways(data: bytes) -> tuple[list[int], list[int]]:
    """Each drawn glyph's text object on the first page, as the reader asks (per run) and per glyph."""
    doc = pdfium.PdfDocument(data)
    page = doc[0]
    textpage = page.get_textpage()
    try:
        glyphs = _Glyphs(textpage.raw, 0.0, page.get_height(), _reads_right_to_left(doc.raw))
        text = glyphs.text(pdfium.raw.FPDFText_CountChars(textpage.raw))
        starts, ends = glyphs.drawn(text)
        kept = list(chain.from_iterable(map(range, starts, ends)))
        per_glyph = [_calls().text_object(glyphs.address, k) for k in kept]
        runs = glyphs.objects(text, starts, ends, kept)
        return runs.repeated(runs.objs), per_glyph
    finally:
        textpage.close()
        page.close()
        doc.close()


def one_line_of_text_objects(texts: list[str], right_to_left: bool = False) -> bytes:
    """A one-page PDF drawing each text as a text object of its own, one after another on a line;
    ``right_to_left``: the document asks to be read right to left (viewer preference /Direction)."""
    doc = pdfium.PdfDocument.new()
    page = doc.new_page(400, 200)
    data = (ctypes.c_uint8 * DEJAVU.stat().st_size).from_buffer_copy(DEJAVU.read_bytes())
    font = pdfium.raw.FPDFText_LoadFont(doc.raw, data, len(data), pdfium.raw.FPDF_FONT_TRUETYPE, 1)
    x = 10.0
    for text in texts:
        obj = pdfium.raw.FPDFPageObj_CreateTextObj(doc.raw, font, 12)
        wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
        pdfium.raw.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(pdfium.raw.FPDF_WCHAR)))
        pdfium.raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, 100)
        pdfium.raw.FPDFPage_InsertObject(page.raw, obj)
        x += 7.5 * len(text)
    pdfium.raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    doc.save(out)
    saved = out.getvalue()
    if right_to_left:  # PDFium repairs the cross-reference table the longer catalogue shifts
        saved = saved.replace(b"/Type/Catalog", b"/Type/Catalog/ViewerPreferences<</Direction/R2L>>", 1)
    return saved


def split_objects(objs: list[int]) -> bool:
    """Does an object come back after another one's glyphs?"""
    runs = [obj for obj, _ in groupby(objs)]
    return len(runs) != len(set(runs))


def test_text_objects_asked_per_run_are_those_asked_per_glyph_on_every_sample_page() -> None:
    for name in ("tables_split_across_pages.pdf", "brescia_pira_2020_ocr_typed.pdf"):
        doc = pdfium.PdfDocument(SAMPLES / name)
        for index in range(len(doc)):
            data = io.BytesIO()
            single = pdfium.PdfDocument.new()
            single.import_pages(doc, [index])
            single.save(data)
            per_run, per_glyph = objects_both_ways(data.getvalue())
            assert per_run == per_glyph and per_glyph


@pytest.mark.skipif(not DEJAVU.exists(), reason="font DejaVu Sans (Debian fonts-dejavu-core) not installed")
def test_right_to_left_text_splitting_a_text_object_is_asked_per_glyph() -> None:
    # PDFium reverses the Hebrew run across both objects: the second object's glyphs come first and last
    per_run, per_glyph = objects_both_ways(one_line_of_text_objects(["בב", "אb"]))
    assert split_objects(per_glyph) and per_run == per_glyph


@pytest.mark.skipif(not DEJAVU.exists(), reason="font DejaVu Sans (Debian fonts-dejavu-core) not installed")
def test_a_document_read_right_to_left_is_asked_per_glyph() -> None:
    # Latin text only, but the document's direction makes PDFium reverse the digit and the space
    per_run, per_glyph = objects_both_ways(one_line_of_text_objects(["b", "a1", " "], right_to_left=True))
    assert split_objects(per_glyph) and per_run == per_glyph


def test_every_right_to_left_character_is_found() -> None:
    rtl = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.bidirectional(chr(c)) in ("R", "AL")]
    assert all(RIGHT_TO_LEFT.match(c) for c in rtl)
