"""A page's glyphs as PDFium gives them (one list per attribute), mended where PDFium differs from
pdfminer, and the first-glyph test that tells a typed page: the bulk forms give what a loop per
glyph gave."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conftest import SAMPLES
from relazione.readers.pdf_glyph_mend import mend
from relazione.readers.pdf_source import Glyphs
from relazione.readers.pdf_source_pdfium import PdfiumSource
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
