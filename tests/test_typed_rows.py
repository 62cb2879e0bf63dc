"""A typed page's rows, read straight from the glyph lists, are the lines the general word code makes
of the same glyphs as one-letter words: same glyphs in each line, same order, extent and font."""

from __future__ import annotations

from conftest import SAMPLES
from relazione.readers.pdf_source import Glyphs
from relazione.readers.pdf_source_pdfium import PdfiumSource
from relazione.readers.pdf_typed import fixed_pitch
from relazione.readers.pdf_typed_rows import _content_runs, rows
from relazione.readers.pdf_words import group_lines, line_font


def _as_general_code_reads_them(glyphs: Glyphs) -> list[tuple]:
    lines = [line for line in group_lines(glyphs.words()) if any(g.text.strip() for g in line.words)]
    return [([g.text for g in line.words], [g.x0 for g in line.words], [g.x1 for g in line.words], line.top,
             line.bottom, line.size, *line_font([g for g in line.words if g.text.strip()])) for line in lines]


def _as_rows(glyphs: Glyphs) -> list[tuple]:
    return [(r.texts, r.x0, r.x1, r.top, r.bottom, r.size, r.font_size, r.bold) for r in rows(glyphs)]


def test_rows_of_the_typed_samples_are_the_general_codes_lines() -> None:
    for name in ("brescia_pira_2020_ocr_typed.pdf", "brescia_piao_2024_semestrale_typed.pdf"):
        path = SAMPLES / name
        with PdfiumSource(str(path), path.read_bytes()) as source:
            for page in source.pages(6):
                assert fixed_pitch(page.glyphs) is not None
                assert _as_rows(page.glyphs) == _as_general_code_reads_them(page.glyphs), (name, page.number)


def _glyphs(spec: list[tuple]) -> Glyphs:
    """text, x0, top, bottom, size, bold per glyph; every glyph 6 pt wide."""
    return Glyphs([s[0] for s in spec], [float(s[1]) for s in spec], [s[1] + 6.0 for s in spec],
                  [float(s[2]) for s in spec], [float(s[3]) for s in spec], [float(s[4]) for s in spec],
                  [s[5] for s in spec], [True] * len(spec))


def _rows_read_as_the_general_code(spec: list[tuple], every_glyph_sorted: bool) -> list[list[str]]:
    """The rows of glyphs made from ``spec``, checked against the general code's lines; the texts of
    the lines. ``every_glyph_sorted``: the page is not drawn line by line, so no content runs."""
    glyphs = _glyphs(spec)
    assert (_content_runs(glyphs) is None) == every_glyph_sorted
    expected = _as_general_code_reads_them(glyphs)
    assert _as_rows(glyphs) == expected
    return [line[0] for line in expected]


def test_rows_keep_the_line_rule_for_flat_glyphs_mixed_heights_ligatures_and_bold() -> None:
    # zero-height glyphs each open a line; a tall glyph lowers its line's bottom, so a glyph just
    # below still joins; a spelt-out ligature ("fi") counts twice for the font; a glyph at the same
    # x as another keeps their (rounded top) order; a line of spaces only is dropped
    spec = [  # text, x0, top, bottom, size, bold
        ("a", 10, 100, 110, 10, False), ("fi", 16, 100, 110, 12, True), ("b", 22, 100, 118, 12, True),
        ("c", 28, 105, 115, 10, False), ("c", 28, 104.6, 114.6, 10, True), ("d", 34, 100, 110, 10, False),
        (".", 10, 130, 130, 1, False), (".", 16, 130, 130, 1, False), ("e", 22, 130.2, 140, 10, False),
        (" ", 10, 150, 160, 10, False), (" ", 16, 150, 160, 10, False),
        ("g", 10, 170, 180, 9, True), ("h", 16, 170, 180, 9, True), ("i", 22, 170.4, 180.4, 9, False),
    ]
    # two runs share a rounded top: every glyph is sorted
    assert _rows_read_as_the_general_code(spec, every_glyph_sorted=True) == \
        [["a", "fi", "b", "c", "c", "d"], ["."], ["."], ["e"], ["g", "h", "i"]]


def test_rows_of_a_page_drawn_line_by_line_keep_the_line_rule_without_sorting_every_glyph() -> None:
    # each line drawn left to right at its own rounded top, as a typed page is: flat glyphs still open
    # a line each, a tall run's line takes in the run just below it (their glyphs merged by x), a
    # glyph at an x already passed starts a run of its own
    spec = [  # text, x0, top, bottom, size, bold
        ("a", 10, 100, 118, 10, False), ("b", 22, 100, 118, 10, False), ("c", 16, 110.6, 120, 10, True),
        ("d", 28, 110.6, 120, 10, True), (".", 10, 130, 130, 1, False), (".", 16, 130, 130, 1, False),
        ("fi", 10, 150, 160, 10, True), ("g", 16, 150, 160, 10, True), ("h", 12, 161, 171, 10, False),
        (" ", 10, 180, 190, 10, False), (" ", 16, 180, 190, 10, False),
    ]
    assert _rows_read_as_the_general_code(spec, every_glyph_sorted=False) == \
        [["a", "c", "b", "d"], ["."], ["."], ["fi", "g"], ["h"]]


def test_runs_of_rising_x0_are_cut_where_top_or_bottom_changes() -> None:
    # a line drawn on at a new top with no step back in x is a run of its own; a bottom that changes
    # alone leaves two runs at one rounded top, so every glyph is sorted
    spec = [  # text, x0, top, bottom, size, bold
        ("a", 10, 100, 110, 10, False), ("b", 16, 100, 110, 10, False),
        ("c", 22, 130, 140, 10, False), ("d", 28, 130, 140, 10, False),
    ]
    glyphs = _glyphs(spec)
    assert [(run.start, run.stop) for run, _, _ in _content_runs(glyphs)] == [(0, 2), (2, 4)]
    assert _as_rows(glyphs) == _as_general_code_reads_them(glyphs)
    assert [r.texts for r in rows(glyphs)] == [["a", "b"], ["c", "d"]]
    glyphs = _glyphs([("a", 10, 100, 110, 10, False), ("b", 16, 100, 112, 10, False), ("c", 22, 100, 112, 10, False)])
    assert _content_runs(glyphs) is None
    assert _as_rows(glyphs) == _as_general_code_reads_them(glyphs)
