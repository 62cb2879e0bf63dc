"""The cremona family on the ex CCIAA Cremona part of the merged 2024 Relazione (traps from its layout notes)."""

from __future__ import annotations

import pytest

from conftest import sample
from merged_2024 import MERGED, extract_part, indicators_of, objective
from relazione.extract.engine import finish_report, run_profile, split_parts
from relazione.extract.profiles import get_profile
from relazione.readers import read_document
from relazione.records.model import Report

NARRATIVE_SECTION_LINE = 371  # "Relazione sulla gestione e sui risultati": statistics tables, no indicators


@pytest.fixture(scope="module")
def extracted() -> tuple[Report, list]:
    return extract_part("cremona_relazione")


@pytest.fixture(scope="module")
def report(extracted) -> Report:
    return extracted[0]


@pytest.fixture(scope="module")
def addendum() -> Report:
    """The second part read by cremona_relazione: the addendum after the Pavia report."""
    doc = read_document(sample(MERGED))
    parts = [(p, sub) for p, sub in split_parts(doc, get_profile("cremona_mantova_pavia_2024"))
             if p.profile == "cremona_relazione"]
    assert len(parts) == 2
    (result,) = run_profile(parts[1][1], get_profile("cremona_relazione")).reports
    finish_report(result)
    return result



def test_counts_per_level_follow_the_headings(report):
    levels = [o.level for o in report.objectives]
    assert (levels.count("area"), levels.count("strategic"), levels.count("operational")) == (1, 7, 21)
    assert len(report.indicators) == 43


def test_report_metadata_from_the_part_head(report):
    assert (report.kind, report.year, report.reference_date) == ("relazione", 2024, "2024-11-14")
    assert report.title == "RELAZIONE SULLA PERFORMANCE"


def test_area_title_is_the_missione_line_and_programme_line_its_description(report):
    area = objective(report, "2024_01")
    assert area.title == "MISSIONE 011: Competitività e sviluppo delle imprese"
    assert area.description.startswith("Promozione ed attuazione di politiche di sviluppo")
    assert area.provenance.line == 91


def test_parent_comes_from_the_code_where_the_area_heading_is_missing(extracted):
    report, warnings = extracted
    assert objective(report, "2024_02_01").parent == "2024_02"
    assert objective(report, "2024_01_01_01").parent == "2024_01_01"
    missing = sorted(w.message.split()[0] for w in warnings if w.code == "parent_not_found")
    assert missing == ["2024_02_01", "2024_03_01", "2024_04_01"]


def test_heading_flag_nuovo_is_neither_code_nor_title(report):
    bike = objective(report, "2024_01_03_01")
    assert bike.title == "Bike Academy"


def test_verdict_line_sets_the_status_of_the_indicator_above(report):
    statuses = [i.status for i in report.indicators]
    assert sum(s is not None for s in statuses) == 33
    assert indicators_of(report, "2024_02_01")[0].status == "OBIETTIVO IN CORSO DI CONSEGUIMENTO"
    assert indicators_of(report, "2024_01")[0].status == "Obiettivo raggiunto"  # prose follows on the line
    assert indicators_of(report, "2024_01_02_04")[0].status == "OBIETTIVO CONSEGUITO"  # trailing colon dropped


def test_verdict_words_inside_the_result_cell_are_not_a_status(report):
    (ind,) = indicators_of(report, "2024_01_01")
    assert ind.actual == "Obiettivo annuale già conseguito. Da completare la rendicontazione."
    assert ind.status is None


def test_objective_status_only_when_all_its_indicators_agree(report):
    assert objective(report, "2024_01_01_01").status == "OBIETTIVO CONSEGUITO"
    assert objective(report, "2024_02_01").status is None  # IN CORSO + CONSEGUITO
    assert objective(report, "2024_04_02_02").status is None  # one verdict, three pending results
    assert objective(report, "2024_04_02").status is None  # no indicators


def test_cell_wrapped_below_a_blank_line_continues_the_row_even_mid_number(report):
    first = indicators_of(report, "2024_01_01_05")[0]
    assert first.name.endswith("FAVORIRE LA DOPPIA TRANSIZIONE (DIGITALE ED ECOLOGICA)")
    assert first.actual == "113 n° imprese corrispondente a 113/24.846*10.000= 45.48"
    assert first.status == "OBIETTIVO CONSEGUITO"


def test_one_cell_continuation_still_lets_the_next_verdict_through(report):
    pcc = indicators_of(report, "2024_04_02_02")[0]
    assert pcc.name.endswith("MIGLIORARE L'EFFICACIA, L'EFFICIENZA E LA QUALITA' DEI SERVIZI CAMERALI")
    assert pcc.actual == "Vedi sotto"
    assert pcc.status == "OBIETTIVO CONSEGUITO"


def test_rows_after_free_text_belong_to_the_same_table(report):
    assert [i.provenance.line for i in indicators_of(report, "2024_03_01_03")] == [311, 313, 315, 317]


def test_table_without_header_reuses_the_usual_columns(report):
    (ind,) = indicators_of(report, "2024_01_02_02")
    assert (ind.name, ind.type, ind.target, ind.actual) == (
        "Realizzazione Iniziative turistico-culturali", "OPERATIVO", "2,00", "4")


def test_header_valore_instead_of_valore_raggiunto(report):
    (ind,) = indicators_of(report, "2024_01_03_03")
    assert ind.actual == "Raggiunto 116 domande istruite"


def test_empty_result_cell_is_null(report):
    assert [i.actual for i in indicators_of(report, "2024_04_01")] == [None, None]


def test_name_is_the_first_sentence_when_a_description_follows(report):
    ind = indicators_of(report, "2024_01")[1]
    assert ind.name == "Grado di restituzione delle risorse al territorio in interventi di promozione"
    assert ind.description.startswith("Misura il valore del diritto annuale")


def test_raw_targets_are_kept_as_written(report):
    targets = {i.target for i in report.indicators}
    assert {"= > 80%", "> = 100%", "=< 120 giorni", "< = 20 giorni", "= < 5", "< -1", "Referti OIV"} <= targets


def test_statistics_tables_of_the_narrative_section_are_not_indicators(report):
    assert max(i.provenance.line for i in report.indicators) < NARRATIVE_SECTION_LINE


def test_commentary_goes_to_the_objective_narrative(report):
    narrative = objective(report, "2024_01_01_01").narrative["risultati"]
    assert narrative.startswith("Al 14/11 sono stati gestiti 4 bandi")


def test_addendum_is_a_second_report_with_the_final_values(addendum):
    assert addendum.title.startswith("Addendum conseguente all'approvazione del consuntivo")
    assert addendum.reference_date == "2024-11-18"
    assert [o.code for o in addendum.objectives] == [
        "2024_01", "2024_04_02", "2024_04_02_01", "2024_04_02_02", "2024_04_02_03"]
    assert len(addendum.indicators) == 6
    first = indicators_of(addendum, "2024_01")[0]
    assert (first.actual, first.status) == ("111,74% al 18/11/2024", "OBIETTIVO CONSEGUITO")
    staff = indicators_of(addendum, "2024_04_02_01")[0]
    assert "(A-B della Mappa dei processi) indicatore dell'obiettivo comune" in staff.name
    assert staff.actual == "33,22% al 18.11.2024"
