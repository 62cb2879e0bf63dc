"""Joining the lines of a text: wrapped lines into one, paragraphs and list items kept apart."""

from __future__ import annotations

import pytest

from relazione.readers.clean import collapse, join_paragraphs


def test_wrapped_lines_join_and_a_short_line_ending_a_sentence_ends_its_paragraph() -> None:
    lines = ["La Camera ha organizzato nel corso dell'anno numerosi incontri con le imprese del",
             "territorio, con una buona partecipazione.",
             "Nel secondo semestre sono stati avviati i nuovi servizi digitali per le imprese e i",
             "professionisti."]
    assert join_paragraphs(lines) == (
        "La Camera ha organizzato nel corso dell'anno numerosi incontri con le imprese del territorio, con una "
        "buona partecipazione.\nNel secondo semestre sono stati avviati i nuovi servizi digitali per le imprese e "
        "i professionisti.")


def test_bullets_and_lettered_items_start_their_own_paragraph_and_may_wrap() -> None:
    lines = ["Le azioni previste sono le seguenti, in ordine di priorità per il prossimo anno:",
             "• formazione delle imprese sui servizi digitali, con incontri nelle sedi delle",
             "associazioni di categoria;", "a) sportello unico;", "b) assistenza a distanza."]
    assert join_paragraphs(lines).split("\n") == [
        "Le azioni previste sono le seguenti, in ordine di priorità per il prossimo anno:",
        "• formazione delle imprese sui servizi digitali, con incontri nelle sedi delle associazioni di categoria;",
        "a) sportello unico;", "b) assistenza a distanza."]


def test_a_hyphen_at_a_line_end_still_joins_without_a_space() -> None:
    assert join_paragraphs(["alternanza scuola-", "lavoro per gli studenti delle scuole superiori"]) == \
        "alternanza scuola-lavoro per gli studenti delle scuole superiori"


@pytest.mark.parametrize("space", [" ", "\t", "\u00a0", "\u2002", "\u2009", "\u200b", "\u202f"])
def test_collapse_makes_every_run_of_spaces_one_space_and_strips_the_ends(space: str) -> None:
    assert collapse(f" Valore{space}atteso{space} {space}2024 \n") == "Valore atteso 2024"
    assert collapse("Valore atteso 2024") == "Valore atteso 2024"  # nothing to collapse
    assert collapse(" città\n") == "città"


def test_a_number_cut_inside_a_thousands_group_joins_without_a_space() -> None:
    assert join_paragraphs(["113/24.846*10.0", "00= 45.48"]) == "113/24.846*10.000= 45.48"
    assert join_paragraphs(["113/24.846*10.00", "0= 45.48"]) == "113/24.846*10.000= 45.48"
    assert join_paragraphs(["indicatore 10.000", "imprese"]) == "indicatore 10.000 imprese"
    assert join_paragraphs(["anno 2.0", "1234"]) == "anno 2.0 1234"  # "01234" is no rest of a group
