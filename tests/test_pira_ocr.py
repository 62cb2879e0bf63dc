"""The pira_ocr family on the OCR of Brescia's PIRA 2020, and on a clean tab-separated PIRA sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import sample
from relazione.extract.families.pira_ocr_cells import repair_amounts, trailing_values
from relazione.extract.families.pira_ocr_fragments import legible
from relazione.extract.pipeline import extract_file
from relazione.records.model import Indicator, Objective, Records, Report

CLEAN_PIRA = """Piano degli indicatori e dei risultati attesi di bilancio 2023
Missione\t011 - Competitività e sviluppo delle imprese
Programma\t005 - Promozione e attuazione di politiche di sviluppo
Obiettivo\tTitolo\tDigitalizzazione delle imprese
\tDescrizione\tSupporto alla transizione digitale
\tArco temporale realizzazione\t2023
\tCentro di responsabilità\tArea 2
\tRisorse finanziarie\t€ 120.000,00
011-005-001
\tNr indicatori associati\t1
Indicatore 1\tImprese assistite
Cosa misura\tCoinvolgimento delle imprese
Tipologia\tUnità di misura\tAlgoritmo di calcolo\tFonte dei dati\tUltimo valore osservato\t\
Risultato atteso al 31/12/2023\tValore a Consuntivo
Efficacia\tnumerico\tconteggio\tInterna\t150\t>= 200\t231
Se altro, indicare qui\tSe altro, indicare qui\tSe altro, indicare qui
"""


@pytest.fixture(scope="module")
def report() -> Report:
    records = extract_file(sample("brescia_pira_2020_ocr.txt"), "brescia_pira")
    return records.reports[0]


@pytest.fixture(scope="module")
def records() -> Records:
    return extract_file(sample("brescia_pira_2020_ocr.txt"), "brescia_pira")


def _objective(report: Report, code: str) -> Objective:
    return next(o for o in report.objectives if o.code == code)


def _indicator(report: Report, objective: str, n: int) -> Indicator:
    return next(i for i in report.indicators if i.objective == objective and i.n == n)


def test_pira_sample_is_detected_as_brescia_pira(records: Records) -> None:
    assert extract_file(sample("brescia_pira_2020_ocr.txt")).source.profile == "brescia_pira"


def test_report_metadata_from_heading_and_header_date(report: Report) -> None:
    assert (report.ente, report.kind, report.year, report.reference_date) == (
        "Camera di Commercio di Brescia", "pira", 2020, "2020-12-31")


def test_counts_per_level_missions_programmes_objectives(report: Report) -> None:
    levels = [o.level for o in report.objectives]
    assert (levels.count("area"), levels.count("strategic"), levels.count("operational")) == (4, 4, 17)
    assert len(report.indicators) == 37


def test_code_below_sheet_header_belongs_to_the_sheet_above(report: Report) -> None:
    operational = [o for o in report.objectives if o.level == "operational"]
    assert operational[0].code == "011-005-001"
    assert operational[0].title.startswith("RIORGANIZZAZIONE DELL'ENTE")
    assert _objective(report, "011-005-002").title.startswith("DIFFUSIONE TRA LE IMPRESE")


def test_same_title_objectives_are_told_apart_by_code(report: Report) -> None:
    covid = [o.code for o in report.objectives if o.title.startswith("RIORGANIZZAZIONE DELL'ENTE PER FRONTEGGIARE")]
    assert covid == ["011-005-001", "012-004-001", "032-003-001"]


def test_ocr_titolo_label_and_lost_label_still_give_the_title(report: Report) -> None:
    assert _objective(report, "032-003-002").title.startswith("MISURE DI MONITORAGGIO")  # "Titalo"
    assert _objective(report, "012-004-005").title.startswith("REVISIONE")  # "==" instead of "Titolo"
    assert _objective(report, "032-003-003").title.endswith("LAVORO AGILE")  # label and title apart, wrapped


def test_majority_title_wins_for_mission_and_programme(report: Report) -> None:
    assert _objective(report, "012").title == "Regolazione dei mercati"  # one sheet adds "(Iniziative ...)"
    assert _objective(report, "032-003").title.startswith("Servizi generali, formativi")


def test_grid_only_mission_is_kept_with_its_programme(report: Report) -> None:
    assert _objective(report, "016").parent is None
    assert _objective(report, "016-005").parent == "016"
    assert not any(o.code in ("014", "032-002") for o in report.objectives)  # OCR "014"; 032 has sheets


def test_indicator_name_printed_before_its_label(report: Report) -> None:
    ind = _indicator(report, "011-005-005", 2)
    assert ind.name.startswith("ISTRUTTORIA ED EROGAZIONE") and ind.name.endswith("AL 15/9/2020")


def test_indicator_without_label_is_opened_by_cosa_misura(report: Report) -> None:
    ind = _indicator(report, "032-003-006", 2)
    assert ind.name.startswith("RIORGANIZZAZIONE PROCEDURA DI AUTORIZZAZIONE")
    assert (ind.target, ind.actual) == ("Si", "si")


def test_three_values_give_baseline_target_actual(report: Report) -> None:
    ind = _indicator(report, "011-005-002", 1)
    assert (ind.baseline, ind.target, ind.actual) == ("133", "70", "101")


def test_two_values_and_speck_in_empty_ultimo_slot(report: Report) -> None:
    ind = _indicator(report, "011-005-003", 2)  # "... EROGATI g 100% 100%"
    assert (ind.baseline, ind.target, ind.actual) == (None, "100%", "100%")


def test_ocr_amount_and_double_percent_are_repaired(report: Report) -> None:
    assert _indicator(report, "011-005-001", 1).actual == "€ 8.825.715,66"
    assert _indicator(report, "012-004-001", 1).actual == "100%"


def test_nuova_attivita_is_the_baseline(report: Report) -> None:
    ind = _indicator(report, "012-004-002", 1)
    assert (ind.baseline, ind.target, ind.actual) == ("nuova attivita", "-5,00%", "-6,25%")


def test_vertical_cells_with_leading_fragment(report: Report) -> None:
    ind = _indicator(report, "012-004-002", 2)
    assert ind.target == "risoluzione di almeno 12.000 posizioni che presentano dati incongruenti"
    assert ind.actual == "13.375"


def test_values_with_repeated_unit_word(report: Report) -> None:
    ind = _indicator(report, "012-004-002", 4)
    assert (ind.baseline, ind.target, ind.actual) == ("1.000 posizioni", "1.430 posizioni", "1.490 posizioni")


def test_si_no_values_and_illegible_consuntivo_uses_se_altro_note(report: Report, records: Records) -> None:
    assert (_indicator(report, "032-003-003", 2).target, _indicator(report, "032-003-003", 2).actual) == ("SI", "SI")
    ind = _indicator(report, "032-003-003", 1)
    assert (ind.target, ind.actual) == ("SI", "Protocollo + 6 ordini di servizio")
    assert any(w.code == "illegible_actual" for w in records.warnings)


def test_trailing_single_value_paragraphs_after_long_evidence(report: Report) -> None:
    ind = _indicator(report, "032-003-005", 1)
    assert (ind.baseline, ind.target, ind.actual) == (None, "SI", "SI")


def test_resource_amounts_are_not_indicator_values(report: Report) -> None:
    assert _indicator(report, "011-005-005", 1).target == "25%"
    assert "€ 2.645.987" in (_objective(report, "011-005-005").resources or "")


def test_interleaved_target_is_left_empty_with_a_warning(report: Report, records: Records) -> None:
    ind = _indicator(report, "012-004-004", 1)
    assert ind.target is None
    assert ind.actual == ("Formalizzazione di 4 accordi di collaborazione e/o convenzioni con altre pubbliche "
                          "amministrazioni")
    assert any(w.code == "illegible_target" and "012-004-004" in w.message for w in records.warnings)


def test_interleaved_consuntivo_read_as_rightmost_column_after_cell_border(report: Report) -> None:
    # "... Lna | Sottoscritta la convenzione con il" / "... nuova attivita <debris> Comune i Chiari per il
    # supporto alla" / ... / "creazione di un Suap aggregato" (the last paragraph ends the cut phrase)
    ind = _indicator(report, "012-004-003", 1)
    assert (ind.baseline, ind.target) == ("nuova attivita", None)
    assert ind.actual == ("Sottoscritta la convenzione con il Comune i Chiari per il supporto alla creazione di un "
                          "Suap aggregato")


def test_every_item_has_a_line(report: Report) -> None:
    assert all(x.provenance.line for x in [*report.objectives, *report.indicators])


def test_trailing_values_rejects_prose_with_numbers() -> None:
    assert trailing_values("Delle vecchie 18 agenzie solo 15 hanno")[0] == ["15 hanno"]
    assert trailing_values("nuova attivita 100,00% 100%%") == (["100,00%", "100%"], "nuova attivita")


def test_repair_amounts_regroups_thousands() -> None:
    assert repair_amounts("€ 8825 715,66") == "€ 8.825.715,66"


def test_clean_tab_separated_pira_is_read_by_header(tmp_path: Path) -> None:
    path = tmp_path / "pira.txt"
    path.write_text(CLEAN_PIRA, encoding="utf-8")
    report = extract_file(path, "brescia_pira").reports[0]
    assert [(o.level, o.code) for o in report.objectives] == [
        ("area", "011"), ("strategic", "011-005"), ("operational", "011-005-001")]
    op = report.objectives[2]
    assert (op.title, op.responsible, op.resources) == ("Digitalizzazione delle imprese", "Area 2", "€ 120.000,00")
    ind = report.indicators[0]
    assert (ind.name, ind.type, ind.unit, ind.baseline, ind.target, ind.actual) == (
        "Imprese assistite", "Efficacia", "numerico", "150", ">= 200", "231")
    assert report.reference_date == "2023-12-31"


def test_cells_out_of_column_order_target_by_threshold_actual_by_trailing_figure(report: Report) -> None:
    # "rilascio di almeno 300 dispositivi" ... "conteggio dispositivi 364 dispositivi rilasciati"
    ind = _indicator(report, "012-004-005", 1)
    assert (ind.baseline, ind.target, ind.actual) == (
        "nuova attivita", "rilascio di almeno 300 dispositivi", "364 dispositivi rilasciati")


def test_target_cut_mid_phrase_continues_after_nuova_attivita_and_sentence_is_the_actual(report: Report) -> None:
    ind = _indicator(report, "012-004-005", 2)
    assert ind.target.startswith("Awio a regime del") and ind.target.endswith(
        "almeno 20 nuovi intermediari e realizzazione della formazione")
    assert ind.actual.startswith("Delle vecchie 18 agenzie") and ind.actual.endswith("sono 24")


def test_result_after_marker_on_crowded_line_and_debris_target_left_empty(report: Report, records: Records) -> None:
    # "... nuova attivita r ,Gdgnlelgeerriﬂ;este 100% delle richieste confermate"
    ind = _indicator(report, "012-004-005", 4)
    assert (ind.baseline, ind.target, ind.actual) == ("nuova attivita", None, "100% delle richieste confermate")
    assert any(w.code == "illegible_target" and "012-004-005" in w.message for w in records.warnings)


def test_interleaved_lines_are_not_read_as_paragraph_cells(report: Report) -> None:
    ind = _indicator(report, "012-004-005", 5)  # "Creazione di almeno 2 aree di" heads a row of long interleaved lines
    assert ind.target is None and ind.actual is None


def test_legible_rejects_ocr_debris() -> None:
    assert legible("100% delle richieste confermate") and legible("dell'utenza e/o convenzioni")
    assert not legible("r ,Gdgnlelgeerriﬂ;este") and not legible("cnnvenzmtneaj[:lnerl Comune")
