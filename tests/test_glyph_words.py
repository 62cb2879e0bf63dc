"""Glyphs -> words: the words read piece by piece of the stream are the words of pdfplumber's rule
applied glyph by glyph (one sort of every glyph by line, x0 and stream order, then a walk), whatever
order the content stream draws them in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from relazione.readers.pdf_glyph_words import LIGATURES, TOLERANCE, words_from_glyphs
from relazione.readers.pdf_source import Glyphs
from relazione.readers.pdf_words import Word


def glyphs_of(cells: list[tuple[str, float, float, float]], size: float = 10.0) -> Glyphs:
    """Upright glyphs in stream order: (text, x0, x1, top) each."""
    words = [Word(text, x0, x1, top, top + size, size) for text, x0, x1, top in cells]
    return Glyphs.of_words(words, [True] * len(words))


def texts(glyphs: Glyphs) -> list[str]:
    return [w.text for w in words_from_glyphs(glyphs)]


def rule_words(glyphs: Glyphs) -> list[Word]:
    """pdfplumber's rule, glyph by glyph, for upright glyphs: runs of one size; in each, lines by top
    (chained within the tolerance), one sort by (line, x0, stream order), a word ending at a blank,
    a change of line, a gap or a step of more than the tolerance."""
    words: list[Word] = []
    start = 0
    for end in range(1, len(glyphs) + 1):
        if end == len(glyphs) or glyphs.size[end] != glyphs.size[start]:
            words += rule_line_words(glyphs, range(start, end))
            start = end
    return words


def rule_line_words(g: Glyphs, glyphs: range) -> list[Word]:
    line: dict[float, int] = {}
    k, last = -1, None
    for top in sorted({g.top[i] for i in glyphs}):
        k += last is None or top > last + TOLERANCE
        line[top], last = k, top
    words: list[Word] = []
    word: list[int] = []

    def end_word() -> None:
        if word:
            words.append(Word("".join(LIGATURES.get(g.text[i], g.text[i]) for i in word), g.x0[word[0]],
                              max(g.x1[i] for i in word), min(g.top[i] for i in word),
                              max(g.bottom[i] for i in word), g.size[word[0]], g.bold[word[0]]))
        word.clear()

    for i in sorted(glyphs, key=lambda i: (line[g.top[i]], g.x0[i], i)):
        if g.text[i].isspace():
            end_word()
            continue
        last = word[-1] if word else None
        if last is not None and (line[g.top[i]] != line[g.top[last]] or g.x0[i] > g.x1[last] + TOLERANCE
                                 or abs(g.top[i] - g.top[last]) > TOLERANCE):
            end_word()
        word.append(i)
    end_word()
    return words


def test_a_line_drawn_right_half_first_reads_left_to_right() -> None:
    glyphs = glyphs_of([("d", 20, 25, 90), ("e", 25, 30, 90), ("a", 0, 5, 90), ("b", 5, 10, 90), (" ", 10, 20, 90)])
    assert texts(glyphs) == ["ab", "de"]


def test_text_drawn_twice_slightly_shifted_reads_glyph_by_glyph() -> None:
    # bold faked by drawing "ab" again 0.5 pt to the right: pdfplumber interleaves the two draws
    glyphs = glyphs_of([("a", 0, 5, 90), ("b", 5, 10, 90), ("a", 0.5, 5.5, 90), ("b", 5.5, 10.5, 90)])
    assert texts(glyphs) == ["aabb"]


def test_a_word_goes_on_where_the_stream_draws_its_end_first() -> None:
    glyphs = glyphs_of([("c", 10, 15, 90), ("a", 0, 5, 90), ("b", 5, 10, 90)])
    assert words_from_glyphs(glyphs) == [Word("abc", 0, 15, 90, 100, 10)]


def test_a_step_up_within_a_line_ends_the_word() -> None:
    # tops 90, 92, 94 chain into one line, but from "a" to "b" is a step of 4 pt
    glyphs = glyphs_of([("a", 0, 5, 90), ("b", 5, 10, 94), ("c", 10, 15, 92)])
    assert texts(glyphs) == ["a", "bc"]


def test_a_gap_wider_than_the_tolerance_ends_the_word_and_ligatures_are_spelt_out() -> None:
    glyphs = glyphs_of([("ﬁ", 0, 5, 90), ("n", 5, 10, 90), ("e", 13.5, 18, 90)])
    assert texts(glyphs) == ["fin", "e"]


glyph = st.tuples(st.sampled_from("ab ﬁ"), st.integers(0, 12), st.integers(1, 8), st.sampled_from([0, 1, 2, 5, 7, 20]),
                  st.sampled_from([10.0, 10.0, 10.0, 12.0]), st.booleans())


@given(st.lists(glyph, min_size=1, max_size=40))
def test_words_are_those_of_pdfplumbers_rule_glyph_by_glyph(cells: list[tuple]) -> None:
    # coordinates in half points: ties, overlaps, chained lines and steps are frequent
    words = [Word(text, x / 2, (x + w) / 2, 90 + top / 2, 100 + top / 2, size, bold)
             for text, x, w, top, size, bold in cells]
    glyphs = Glyphs.of_words(words, [True] * len(words))
    assert words_from_glyphs(glyphs) == rule_words(glyphs)
