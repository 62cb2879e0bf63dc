"""The Brescia PIAO semester monitoring (sample: PIAO 2024-2026, results at 30 June 2024), extracted
for real; each test protects one trap of the layout."""

from __future__ import annotations

import pytest

from conftest import sample
from relazione.extract.engine import extract
from relazione.extract.pipeline import extract_file
from relazione.extract.profiles import get_profile
from relazione.readers.blocks import Document, Line, Provenance
from relazione.readers.text import blocks_from_lines
from relazione.records.model import Indicator, Objective, Report

SAMPLE = "brescia_piao_2024_semestrale.txt"


@pytest.fixture(scope="module")
def report() -> Report:
    records = extract_file(sample(SAMPLE), "brescia_piao")
    assert len(records.reports) == 1
    return records.reports[0]


def objective(report: Report, level: str, code: str) -> Objective:
    return next(o for o in report.objectives if o.level == level and o.code == code)


def indicator(report: Report, ref: str, n: int, code: str | None = None) -> Indicator:
    return next(i for i in report.indicators if i.objective == ref and i.n == n and i.code == code)


def test_document_is_detected_as_brescia_piao() -> None:
    assert extract_file(sample(SAMPLE)).source.profile == "brescia_piao"


def test_report_metadata_from_the_cover(report: Report) -> None:
    assert report.ente == "Camera di Commercio di Brescia"
    assert report.kind == "monitoraggio"
    assert (report.year, report.reference_date) == (2024, "2024-06-30")
    assert "\n" not in report.title and "Rendicontazione semestrale performance" in report.title


def test_counts_per_level_exclude_tree_restatements_and_national_indicators(report: Report) -> None:
    levels = [o.level for o in report.objectives]
    assert (levels.count("area"), levels.count("strategic"), levels.count("operational")) == (3, 9, 27)
    assert len(report.indicators) == 93


def test_titles_come_from_the_detail_sheets_not_the_trees(report: Report) -> None:
    assert objective(report, "operational", "1.1.2").title.startswith("OBIETTIVO DI SEMPLIFICAZIONE")
    assert objective(report, "strategic", "1.1").title.endswith("- DEFINIZIONE E PROMOZIONE DI INIZIATIVE DI SISTEMA")
    assert objective(report, "operational", "1.1.1").provenance == Provenance(None, 447)


def test_area_title_wrapped_in_bold_over_two_lines_is_joined_without_markup(report: Report) -> None:
    area = objective(report, "area", "3")
    assert area.title == "SVILUPPO COMPETENZE E RESPONSABILIZZAZIONE DELLE RISORSE UMANE"
    assert area.provenance.line == 1646
    assert objective(report, "area", "1").title.endswith("DELLA CAMERA NEL SISTEMA ECONOMICO PROVINCIALE")


def test_weight_on_label_line_does_not_override_title_line_weight(report: Report) -> None:
    assert objective(report, "operational", "1.1.2").weight == 40.0


def test_weight_variants_colon_own_line_and_decimal_comma(report: Report) -> None:
    assert objective(report, "operational", "1.2.2").weight == 50.0  # "Peso: 50%"
    assert objective(report, "operational", "1.1.3").weight == 30.0  # own line
    assert objective(report, "operational", "2.2.4").weight == 7.5  # "Peso 7,5%"
    assert objective(report, "strategic", "2.1").weight == 30.0


def test_objectives_without_stated_weight_stay_null(report: Report) -> None:
    assert objective(report, "operational", "3.1.5").weight is None
    assert objective(report, "operational", "1.1.4").weight is None


def test_extra_and_new_objectives_are_read_with_parents(report: Report) -> None:
    extra = objective(report, "operational", "1.1.4")
    assert extra.title.startswith("ORGANIZZAZIONE E REALIZZAZIONE 33^A CONVENTION") and extra.parent == "1.1"
    assert extra.responsible == "Segretario Generale"
    assert objective(report, "operational", "3.1.5").parent == "3.1"
    assert objective(report, "strategic", "3.3").weight == 100.0


def test_restated_strategic_heading_does_not_replace_its_sheet(report: Report) -> None:
    assert objective(report, "strategic", "1.1").provenance.line == 339


def test_azienda_speciale_codes_collide_with_areas_but_stay_operational_without_parent(report: Report) -> None:
    futura = objective(report, "operational", "1")
    assert (futura.title, futura.parent, futura.weight) == ("FUTURA 2025", None, 40.0)
    assert objective(report, "area", "1").title.startswith("RIPOSIZIONAMENTO")
    assert [i.actual for i in report.indicators if i.objective == "1"] == ["80%", "20%"]


def test_national_indicators_are_excluded(report: Report) -> None:
    names = " ".join(i.name for i in report.indicators)
    assert "Tasso di sostituzione" not in names and "Indice equilibrio strutturale" not in names
    assert len([i for i in report.indicators if i.objective == "3"]) == 2


def test_number_split_from_or_fused_with_the_name(report: Report) -> None:
    split = indicator(report, "1.1", 1)
    assert (split.name, split.weight, split.target) == ("Partecipazione al CSS e ad iniziative correlate", 40.0, "SI")
    assert split.actual == "In corso di realizzazione"  # <i> removed
    fused = indicator(report, "1.1.2", 3)
    assert fused.name.startswith("Erogazione alle imprese beneficiarie") and fused.actual == "1071 imprese beneficiarie"


def test_metadata_is_split_from_the_name(report: Report) -> None:
    ind = indicator(report, "1.1", 1)
    assert ind.type == "efficacia interna/esterna"
    assert ind.unit == "dicotomica SI/NO"
    assert ind.source == "elenco riunioni ed attività di supporto al CSS"
    assert indicator(report, "2.2.1", 1).type == "efficienza: esterna"


def test_wrapped_row_after_blank_line_continues_name_target_and_result(report: Report) -> None:
    wrapped = indicator(report, "2.2.3", 2)
    assert wrapped.name.endswith("aderenti alla formazione e destinati ai Paesi che accettano questa modalità")
    assert wrapped.type == "efficacia esterna/interna"
    ict = indicator(report, "3.2", 3)
    assert ict.target.startswith("Monitoraggio e ammodernament")
    assert ict.actual.startswith("Attuazione del monitoraggio nel 2024")
    assert indicator(report, "1.2.1", 5).source == "report attività svolte"


def test_split_header_row_still_maps_target_and_missing_result_stays_null(report: Report) -> None:
    first = indicator(report, "2.3.2", 1)
    assert (first.weight, first.target, first.actual) == (25.0, "Almeno 5", None)
    fourth = indicator(report, "2.3.2", 4)
    assert (fourth.target, fourth.actual) == ("700", "936")


def test_row_without_name_takes_it_from_overview_and_proposal(report: Report) -> None:
    first, second = indicator(report, "3.2.2", 1), indicator(report, "3.2.2", 2)
    assert first.name == "Progetto definitivo rinnovo spegnimento archivi" and first.type == "efficacia interna"
    assert second.name.startswith("Posa e attivazione nuova UTA") and second.weight == 55.0


def test_semester_target_column_is_the_target_and_is_kept_by_date(report: Report) -> None:
    ind = indicator(report, "2.1.3", 2)
    assert ind.target == "3"
    assert ind.targets == {"2024": "5", "30/6": "3", "nuova previsione 31/12": "7"}


def test_overview_gives_yearly_targets_and_strategic_rows_name_the_columns(report: Report) -> None:
    assert indicator(report, "1.1", 2).targets == {"2024": "SI", "2025": "SI", "2026": "//"}
    assert indicator(report, "3.2.3", 1).targets["2024"].startswith("Acquisto nuovo centro stella")  # cell says 2023


def test_new_indicators_from_the_proposal_table(report: Report) -> None:
    fifth = indicator(report, "1.1.2", 5, "NUOVO 5")
    assert fifth.weight == 10.0  # the proposal's re-weighting
    assert fifth.target.startswith("Istruttoria e provvedimenti di concessione di istanze dei bandi 2023")
    assert fifth.actual is None and fifth.targets == {"nuova previsione 31/12": "90%"}
    seventh = indicator(report, "1.2.1", 7, "NUOVO 7")
    assert (seventh.weight, seventh.actual) == (20.0, "Avvio attività di raccolta dati")
    assert indicator(report, "1.1.2", 1).weight == 35.0  # existing indicators keep their table weight


def test_new_objective_table_reads_baseline_and_both_targets(report: Report) -> None:
    delay = indicator(report, "3.3", 3)
    assert (delay.weight, delay.baseline, delay.target) == (60.0, "-24 gg sul 100% delle fatture ricevute", "0 gg")
    assert delay.targets == {"30/6": "-24 gg dato al 30/6"} and delay.actual is None
    assert indicator(report, "3.1.5", 1).baseline == "Non previsto"


def test_every_record_has_a_line(report: Report) -> None:
    assert all(item.provenance.line for item in report.objectives + report.indicators)


def test_other_year_without_overview_reads_sheet_alone() -> None:
    """A document of the same family with other codes, no tree and no overview table."""
    lines = [
        "“Rendicontazione semestrale performance”", "al 30 giugno 2025", "",
        "AREA STRATEGICA 4", "", "NUOVA AREA", "",
        "OBIETTIVO STRATEGICO 4.2", "", "TITOLO STRATEGICO\tPeso: 60%",
        "Peso dell'obiettivo nell'area strategica 4\t", "",
        "Centro di responsabilità\tUfficio X\t", "",
        "Risultati conseguiti al 30/6", "",
        "Indicatore\tPeso %\tRisultato atteso al 31/12/2025\tStato di realizzazione al 30/6/2025",
        "1 Indicatore uno (tipologia: efficacia - unità di misura: numero)\t100%\tAlmeno 3\t2",
    ]
    doc = Document("x.txt", "text", blocks_from_lines(lines))
    report = extract(doc, get_profile("brescia_piao")).reports[0]
    assert isinstance(doc.blocks[0], Line)
    assert report.reference_date == "2025-06-30"
    strategic = objective(report, "strategic", "4.2")
    assert (strategic.title, strategic.weight, strategic.parent, strategic.responsible) == (
        "TITOLO STRATEGICO", 60.0, "4", "Ufficio X")
    ind = report.indicators[0]
    assert (ind.objective, ind.name, ind.target, ind.actual) == ("4.2", "Indicatore uno", "Almeno 3", "2")
    assert ind.targets == {} and ind.type == "efficacia"


def test_proposal_row_wrapped_over_a_page_break_continues_the_spilled_name() -> None:
    lines = [
        "OBIETTIVO OPERATIVO 5.1.1", "", "TITOLO\tPeso 100%", "",
        "Risultati conseguiti al 30/6", "",
        "Indicatore\tpeso\tRisultato atteso 2025\tStato di realizzazione al 30/6/2025",
        "1 Primo (tipologia: efficacia)\t100%\t10\t4", "",
        "Eventuale proposta del Dirigente di variazione target e peso degli obiettivi", "",
        "- indicatori n. 1 e n. 2: 50%", "",
        "Indicatori\tPrevisione al 30/6/2025\tRealizzazione al 30/6/2025\tPrevisione al 31/12/2025\t"
        "Nuova previsione al 31/12/2025",
        "NUOVO Indicatore 2\tSecondo indicatore (tipologia: efficacia - fonte dei\t-\tAvvio\t80%", "",
        "\tdati: report)\t\t\t",
    ]
    report = extract(Document("x.txt", "text", blocks_from_lines(lines)), get_profile("brescia_piao")).reports[0]
    new = indicator(report, "5.1.1", 2, "NUOVO 2")
    assert (new.name, new.source, new.weight, new.target) == ("Secondo indicatore", "report", 50.0, "Avvio")
    assert new.targets == {"nuova previsione 31/12": "80%"} and new.actual is None
    assert indicator(report, "5.1.1", 1).weight == 100.0
