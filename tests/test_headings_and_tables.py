"""Fuzzy heading matching (OCR damage) and table-header synonyms."""

from __future__ import annotations

import pytest
import regex as re
from hypothesis import given
from hypothesis import strategies as st

from relazione.extract.headings import (
    _AFTER_CODE,
    _BEFORE_CODE,
    _PLAIN_LIMIT,
    _code_starts,
    _screen,
    match_any,
    match_heading,
    normalise_words,
)
from relazione.extract.profiles import HeadingRule, get_profile
from relazione.extract.tables import map_header
from relazione.readers.blocks import Cell, Provenance, Row

STRATEGIC = HeadingRule("strategic", ("OBIETTIVO STRATEGICO", "Ob. Strategico", "OS"), code=r"\d+(?:[._]\d+)+")


@pytest.mark.parametrize(
    ("line", "code", "title"),
    [
        ("OBIETTIVO STRATEGICO 1.1", "1.1", ""),
        ("OBIETTIVO STRATEGIC0 1.1: Sviluppo", "1.1", "Sviluppo"),  # OCR: O read as 0
        ("OBBIETTIVO STRATEGICO 2.3 - Qualità dei dati", "2.3", "Qualità dei dati"),
        ("Ob. Strategico 2024_01_01", "2024_01_01", ""),
        ("OS 1.1 - Promozione (Peso: 100,00%)", "1.1", "Promozione (Peso: 100,00%)"),
    ],
)
def test_headings_match_despite_ocr_damage_and_variants(line: str, code: str, title: str) -> None:
    m = match_heading(line, STRATEGIC)
    assert m is not None and (m.code, m.title) == (code, title)


@pytest.mark.parametrize("line", ["OBIETTIVO OPERATIVO 1.1.1", "1.1 Promozione", "Il programma 2024 prevede"])
def test_other_lines_are_not_strategic_headings(line: str) -> None:
    assert match_heading(line, STRATEGIC) is None


def test_generic_profile_tells_levels_apart() -> None:
    rules = get_profile("generic").headings
    assert match_any("AREA STRATEGICA 2", rules).level == "area"  # type: ignore[union-attr]
    assert match_any("OBIETTIVO OPERATIVO 2.1.3", rules).level == "operational"  # type: ignore[union-attr]
    assert match_any("Obiettivo strategico OS 3.1 - Qualità", rules).level == "strategic"  # type: ignore[union-attr]


def _row(*texts: str) -> Row:
    prov = Provenance(None, 1)
    return Row([Cell(t, prov) for t in texts], prov)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (("Indicatore", "peso", "Risultato atteso 2024", "Stato di realizzazione al 30/6/2024"),
         {0: "name", 1: "weight", 2: "target", 3: "actual"}),
        (("Descrizione", "Tipo", "Valore Atteso", "Valore Raggiunto", "Note"),
         {0: "name", 1: "type", 2: "target", 3: "actual", 4: "note"}),
        (("Indicatore", "Algoritmo", "Target 2024", "Consuntivo 2024", "Scostamento rispetto al target"),
         {0: "name", 1: "algorithm", 2: "target", 3: "actual", 4: "deviation"}),
        (("Nome indicatore", "Peso indicatore", "Target annuale", "Valore a consuntivo"),
         {0: "name", 1: "weight", 2: "target", 3: "actual"}),
    ],
)
def test_header_synonyms_map_to_record_fields(cells: tuple[str, ...], expected: dict[int, str]) -> None:
    columns = map_header(_row(*cells), get_profile("generic").columns)
    assert columns is not None and columns.fields == expected


def test_a_data_row_is_not_a_header() -> None:
    assert map_header(_row("1", "Tempo medio", "40%", ">= 80%"), get_profile("generic").columns) is None


@given(st.text(max_size=160))
def test_any_line_matches_a_known_level_or_nothing(line: str) -> None:
    m = match_any(line, get_profile("generic").headings)
    assert m is None or (m.level in ("area", "strategic", "operational") and isinstance(m.title, str))


@given(st.sampled_from(["OBIETTIVO STRATEGICO", "Ob. Strategico", "OS"]), st.integers(1, 99), st.integers(1, 99),
       st.text(alphabet=st.characters(whitelist_categories=("L",)), min_size=1, max_size=40))
def test_a_well_formed_heading_always_matches_with_its_code(keyword: str, a: int, b: int, title: str) -> None:
    m = match_heading(f"{keyword} {a}.{b} - {title}", STRATEGIC)
    assert m is not None and m.code == f"{a}.{b}" and m.title == title


def _unscreened_best(text: str, rules: tuple[HeadingRule, ...]):  # type: ignore[no-untyped-def]
    best = None
    for rule in rules:
        m = match_heading(text, rule)
        if m and (best is None or m.similarity > best.similarity):
            best = m
    return best


@pytest.mark.parametrize("line", [
    "OBIETTIVO STRATEGIC0 1.1: Sviluppo",  # OCR damage in the level words
    "BIETTIVO OPERATIVO 1.1.1 Tabella lunga su più pagine",
    "Prospettiva 2 - Processi interni",
    "*** Area strategica ***   3 Competitività",
    "OO 1.1.1 - Fascicolo d'impresa (Peso: 30,00%)",
    "Indicatore numero 7 sulla qualità dei servizi 1% >= 7,00% 8,00%",
    "Numero di pratiche evase entro 5 giorni 95% 97%",
    "Obiettivo operativo n.3 - Servizi digitali",  # a code right after a mark, not a space
    "Area strategica: A) Competitività del territorio",
    "",
])
def test_generic_lines_screened_before_code_scan_match_as_unscreened(line: str) -> None:
    # match_any screens the words before each place a code can start against all level words first; the
    # screen must never drop a heading
    rules = get_profile("generic").headings
    match_any.cache_clear()
    assert match_any(line, rules) == _unscreened_best(line, rules)


@given(st.text(alphabet="aAIVXO1290._-( |:à", max_size=30))
def test_screen_finds_the_code_starts_the_code_lookbehind_allows(text: str) -> None:
    # the screen matches the character before a code instead of looking behind at it (faster): the same
    # places, the text's start among them
    rules = get_profile("generic").headings
    codes = "|".join(f"(?:{r.code})" for r in rules)
    looked_behind = re.compile(f"{_BEFORE_CODE}(?=(?:{codes}){_AFTER_CODE})")
    assert list(_code_starts(text, _screen(rules))) == [m.start() for m in looked_behind.finditer(text)]


def test_header_cell_without_letters_maps_when_a_synonym_has_none() -> None:
    # map_header passes over cells without letters ("1%") only where no synonym could name them
    row = Row([Cell("Indicatore", Provenance(page=1)), Cell("2024", Provenance(page=1)),
               Cell("1%", Provenance(page=1))], Provenance(page=1))
    by_year = map_header(row, {"name": ("Indicatore",), "target": ("2024",)})
    assert by_year is not None and by_year.fields == {0: "name", 1: "target"}
    assert map_header(row, {"name": ("Indicatore",), "target": ("Target 2024",)}) is None



_NOT_WORD = re.compile(r"[^\p{L}\p{N}]+")


def _normalised_by_regex(text: str) -> str:
    """normalise_words as the regex module's Unicode properties read it: what the fast path must give."""
    return " ".join(_NOT_WORD.sub(" ", text).upper().split())


def test_words_are_normalised_as_unicode_properties_say_for_every_plain_character() -> None:
    # below the limit normalise_words reads with the standard library's re: each character, between
    # letters, beside an accented one and a dash, and alone, as the regex module reads it
    for code in range(ord(_PLAIN_LIMIT) + 64):
        ch = chr(code)
        for text in (f"a{ch}b c", f"{ch}à–x", ch):
            assert normalise_words.__wrapped__(text) == _normalised_by_regex(text), hex(code)


@given(st.text(max_size=40))
def test_any_text_is_normalised_as_unicode_properties_say(text: str) -> None:
    assert normalise_words.__wrapped__(text) == _normalised_by_regex(text)
