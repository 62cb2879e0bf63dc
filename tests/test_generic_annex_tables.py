"""Annex tables of a Balanced Scorecard report, as chambers lay them out: a summary of the prospettive,
then one table per level whose level column holds group rows, codes written once per group, a header
written over merged cells, titles cut by page breaks, per-unit tables and totals."""

from __future__ import annotations

from pathlib import Path

from relazione.extract.engine import extract
from relazione.extract.profiles import get_profile
from relazione.readers import read_document

SUMMARY = (
    "1. PRINCIPALI RISULTATI\n\n"
    "PERFORMANCE DI ENTE\t\t100%\n"
    "PERFORMANCE DEGLI AMBITI\tPROSP. 1: SOSTENERE LE IMPRESE DEL TERRITORIO\t100%\n"
    "\tPROSP. 2: PROCESSI INTERNI\t100%\n\n")
ANNEX_A = (
    "OBIETTIVI STRATEGICI\t\tINDICATORI\tRISULTATO ATTESO 2024\tRISULTATO\tNOTE\n"
    "SOSTENERE LE IMPRESE DEL TERRITORIO\t\t\t\t\t\n"
    "1.1\tLivello di supporto alle imprese\tN. imprese supportate\t≥ 50\t51\tFonte interna\n"
    "\tGrado di soddisfazione delle imprese\tMedia su scala da 1 a 7\t≥ 4,5\t4,8\tCustomer\n"
    "PROCESSI INTERNI\t\t\t\t\t\n"
    "\tGrado di utilizzo del budget\tAccertato / stanziato\t≥ 65%\t84%\tBilancio\n\n")


def _report(path: Path):  # noqa: ANN202
    return extract(read_document(path), get_profile("generic")).reports[0]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "allegati.txt"
    path.write_text("Camera di Commercio di Lodi\nRelazione sulla Performance 2024\n\n" + text, encoding="utf-8")
    return path


def test_group_rows_of_a_level_column_reopen_the_prospettiva_named_in_the_summary(tmp_path: Path) -> None:
    report = _report(_write(tmp_path, SUMMARY + ANNEX_A))
    assert [(o.level, o.code, o.parent) for o in report.objectives] == [
        ("area", "1", None), ("area", "2", None), ("strategic", "1.1", "1")]
    assert [(i.objective, i.name, i.algorithm, i.target, i.actual) for i in report.indicators] == [
        ("1.1", "Livello di supporto alle imprese", "N. imprese supportate", "≥ 50", "51"),
        ("1.1", "Grado di soddisfazione delle imprese", "Media su scala da 1 a 7", "≥ 4,5", "4,8"),
        ("2", "Grado di utilizzo del budget", "Accertato / stanziato", "≥ 65%", "84%")]


def test_a_group_row_naming_no_known_objective_opens_one_of_the_level_above(tmp_path: Path) -> None:
    report = _report(_write(tmp_path, ANNEX_A))
    assert [(o.level, o.code, o.title) for o in report.objectives] == [
        ("area", None, "SOSTENERE LE IMPRESE DEL TERRITORIO"), ("strategic", "1.1", ""),
        ("area", None, "PROCESSI INTERNI")]
    assert [i.objective for i in report.indicators] == ["1.1", "1.1", "PROCESSI INTERNI"]


def test_header_labels_written_one_cell_left_of_their_columns_are_moved_right(tmp_path: Path) -> None:
    shifted = ANNEX_A.replace("OBIETTIVI STRATEGICI\t\tINDICATORI\tRISULTATO ATTESO 2024\tRISULTATO\tNOTE",
                              "OBIETTIVI STRATEGICI\tINDICATORI\tRISULTATO ATTESO 2024\tRISULTATO\tNOTE\t")
    report = _report(_write(tmp_path, SUMMARY + shifted))
    assert [(i.name, i.target, i.actual) for i in report.indicators] == [
        ("Livello di supporto alle imprese", "≥ 50", "51"), ("Grado di soddisfazione delle imprese", "≥ 4,5", "4,8"),
        ("Grado di utilizzo del budget", "≥ 65%", "84%")]


def test_a_count_of_objectives_is_no_heading(tmp_path: Path) -> None:
    report = _report(_write(tmp_path, "➤ **Obiettivi Strategici n. 24**\n\ndi cui:\n\n- N. 22 raggiunti\n\n"
                            + SUMMARY + ANNEX_A))
    assert "24" not in [o.code for o in report.objectives]


def test_a_chapter_numbered_like_an_objective_takes_the_title_its_level_column_gives(tmp_path: Path) -> None:
    operational = (
        "OBIETTIVI STRATEGICI\tOBIETTIVI OPERATIVI\tINDICATORI\tRISULTATO ATTESO 2024\tRISULTATO\n"
        "1.1 - RAFFORZARE IL SUPPORTO ALLE IMPRESE\tBando per l'export\tImprese partecipanti\t≥ 25\t60\n")
    report = _report(_write(tmp_path, SUMMARY + "1.1 Punti di forza e di debolezza\n\nIndicatore\tTarget\n"
                            "Tempo medio\t30 gg\n\n" + ANNEX_A + operational))
    strategic = next(o for o in report.objectives if o.code == "1.1")
    assert strategic.title == "RAFFORZARE IL SUPPORTO ALLE IMPRESE"


def test_an_objective_title_cut_by_a_page_break_goes_on_in_the_next_level_cell(tmp_path: Path) -> None:
    operational = (
        "OBIETTIVI STRATEGICI\tOBIETTIVI OPERATIVI\tINDICATORI\tRISULTATO ATTESO 2024\tRISULTATO\n"
        "2.1 - MIGLIORARE L'EFFICIENZA DELLA\tTrasparenza\tMonitoraggi semestrali\t2\t2\n\n"
        "STRUTTURA E DEI SERVIZI\tAntiriciclaggio\tKit adottato\t31.12.2024\t13.11.2024\n")
    report = _report(_write(tmp_path, operational))
    assert [(o.level, o.title, o.parent) for o in report.objectives] == [
        ("strategic", "MIGLIORARE L'EFFICIENZA DELLA STRUTTURA E DEI SERVIZI", None),
        ("operational", "Trasparenza", "2.1"), ("operational", "Antiriciclaggio", "2.1")]


def test_totals_and_the_title_rows_of_per_unit_tables_open_no_objective(tmp_path: Path) -> None:
    operational = (
        "OBIETTIVI STRATEGICI\tOBIETTIVI OPERATIVI\tINDICATORI\tRISULTATO ATTESO 2024\tRISULTATO\n"
        "1.1 - RAFFORZARE IL SUPPORTO\tBando per l'export\tImprese partecipanti\t≥ 25\t60\n"
        "% RAGGIUNGIMENTO OBIETTIVI: 100/1 = 100%\t\t\t\t\n\n"
        "SERVIZIO AFFARI GENERALI\t\t\t\t\n"
        "OBIETTIVI STRATEGICI\tOBIETTIVI OPERATIVI\tINDICATORI\tRISULTATO ATTESO 2024\tRISULTATO\n"
        "1.1 - RAFFORZARE IL SUPPORTO\tFormazione export\tOre di formazione\t≥ 20\t22\n")
    report = _report(_write(tmp_path, operational))
    assert [(o.level, o.title) for o in report.objectives] == [
        ("strategic", "RAFFORZARE IL SUPPORTO"), ("operational", "Bando per l'export"),
        ("operational", "Formazione export")]


def test_per_unit_tables_restating_the_ente_table_add_no_indicators(tmp_path: Path) -> None:
    operational = (
        "OBIETTIVI STRATEGICI\tOBIETTIVI OPERATIVI\tINDICATORI\tRISULTATO ATTESO 2024\tRISULTATO\n"
        "1.1 - RAFFORZARE IL SUPPORTO\tSostenere le imprese pavesi\tImprese partecipanti\t≥ 25\t60\n"
        "\tFormazione export\tOre di formazione\t≥ 20\t22\n\n"
        "SERVIZIO PROMOZIONE\n\n"
        "OBIETTIVI STRATEGICI\tOBIETTIVI OPERATIVI\tINDICATORI\tRISULTATO ATTESO 2023\tRISULTATO\n"
        "1.1 - RAFFORZARE IL SUPPORTO\tSostenere le imprese pavese\tImprese partecipanti\t≥ 25\t58\n")
    report = _report(_write(tmp_path, operational))
    assert [o.title for o in report.objectives] == [
        "RAFFORZARE IL SUPPORTO", "Sostenere le imprese pavesi", "Formazione export"]
    assert [(i.objective, i.name, i.actual) for i in report.indicators] == [
        ("Sostenere le imprese pavesi", "Imprese partecipanti", "60"), ("Formazione export", "Ore di formazione", "22")]


def test_tables_of_individual_objectives_restating_the_prospettive_give_nothing(tmp_path: Path) -> None:
    individual = (
        "OBIETTIVI INDIVIDUALI PERSONALE CAMERALE - ANNO 2024\n\n"
        "PROSPETTIVE\tPERSONALE\tOBIETTIVI INDIVIDUALI\tINDICATORE\tRISULTATO ATTESO\tRISULTATO\n"
        "Prospettiva 1 Sostenere le imprese del territorio\tUfficio Studi\tBandi\tBandi pubblicati\t≥ 2\t2\n"
        "Coinvolgere le imprese del vino\tUfficio Promozione\tEventi\tEventi realizzati\t8\t9\n")
    report = _report(_write(tmp_path, SUMMARY + ANNEX_A + individual))
    assert [(o.level, o.code) for o in report.objectives] == [("area", "1"), ("area", "2"), ("strategic", "1.1")]
    assert len(report.indicators) == 3


def test_an_objective_and_its_child_sharing_a_title_each_keep_the_indicator_they_both_state(tmp_path: Path) -> None:
    text = ("Obiettivo strategico: Sostenere l'internazionalizzazione\n"
            "Indicatore\tTarget\tConsuntivo\nImprese supportate\t>= 10\t12\n\n"
            "Obiettivo operativo: Sostenere l'internazionalizzazione\n"
            "Indicatore\tTarget\tConsuntivo\nImprese supportate\t>= 5\t7\n")
    report = _report(_write(tmp_path, text))
    assert [(i.target, i.actual) for i in report.indicators] == [(">= 10", "12"), (">= 5", "7")]
