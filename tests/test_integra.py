"""The INTEGRA family on the ex CCIAA Mantova part of the merged 2024 Relazione (traps from its layout notes)."""

from __future__ import annotations

import pytest

from merged_2024 import extract_part, indicators_of, objective
from relazione.records.model import Report


@pytest.fixture(scope="module")
def extracted() -> tuple[Report, list]:
    return extract_part("integra")


@pytest.fixture(scope="module")
def report(extracted) -> Report:
    return extracted[0]



def test_counts_per_level_match_the_sheets(report):
    levels = [o.level for o in report.objectives]
    assert (levels.count("area"), levels.count("strategic"), levels.count("operational")) == (4, 12, 50)
    assert len(report.indicators) == 112
    assert sum(1 for i in report.indicators if i.objective.count(".") == 1) == 32


def test_extraction_raises_no_warnings(extracted):
    assert extracted[1] == []


def test_report_metadata(report):
    assert (report.kind, report.year, report.reference_date) == ("relazione", 2024, "2024-12-31")
    assert report.title == "La Relazione sulla Performance 2024"


def test_summary_keeps_section_1_figures_as_written(report):
    assert report.summary["ENTE"] == "97,78%"
    assert report.summary["AS1 - Compliance normativa della Camera di commercio"] == "96,48%"
    assert report.summary["Area Anagrafica e di Regolazione del Mercato"] == "98,61%"
    assert len(report.summary) == 9  # ente, 4 areas, 4 units: the 3-column overview table is not a figure


def test_area_weights_and_scores_come_from_section_3_3(report):
    areas = [o for o in report.objectives if o.level == "area"]
    assert [(a.code, a.weight, a.score) for a in areas] == [
        ("1", 15.0, 96.48), ("2", 25.0, 95.47), ("3", 30.0, 98.18), ("4", 30.0, 99.95)]
    assert areas[0].title == "Compliance normativa della Camera di Commercio"
    assert areas[0].description.startswith("Conformità delle procedure interne")


def test_area_header_written_as_text_line_still_opens_the_area(report):
    assert objective(report, "3.1").parent == "3"
    assert objective(report, "3").provenance.line == 978


def test_strategic_sheet_fields(report):
    os34 = objective(report, "3.4")
    assert (os34.weight, os34.score, os34.status) == (20.0, 94.15, "Parzialmente Raggiunto")
    assert os34.title.endswith("per contrastare la crisi d'impresa")
    assert os34.programme == "004 - Vigilanza e tutela dei consumatori"
    assert os34.resources == "35.000,00 Euro"
    assert objective(report, "2.1").resources is None  # no "Risorse economiche" row
    assert objective(report, "1.1").provenance.line == 944


def test_operational_sheet_weight_parent_and_units(report):
    oo = objective(report, "1.1.1")
    assert (oo.weight, oo.parent, oo.score, oo.status) == (30.0, "1.1", 100.0, "Raggiunto")
    assert oo.responsible == "Area Amministrativa - Staff Segretario Generale"


def test_tree_of_section_3_0_is_not_read(report):
    assert not [o for o in report.objectives if 880 <= o.provenance.line <= 935]


def test_code_with_lost_dot_is_normalised(report):
    assert objective(report, "4.5.1").parent == "4.5"


def test_truncated_title_is_kept_as_written(report):
    assert objective(report, "3.2.4").title.endswith("per avvio attività agricol")


def test_eliminated_objectives_are_absent(report):
    codes = {o.code for o in report.objectives}
    assert not codes & {"3.1.5", "3.2.5", "3.3.2"}


def test_indicator_with_typo_code_stays_under_its_sheet(report):
    (ind,) = indicators_of(report, "1.1.9")
    assert ind.code == "OO 1.1.8 - Kpi 1"


def test_indicator_cell_splits_code_name_description_weight_and_type(report):
    first = indicators_of(report, "1.1")[0]
    assert (first.code, first.name, first.weight, first.type) == (
        "OS 1.1 - Kpi 1", "Incidenza gestione compliance normativa", 20.0, "Struttura")
    assert first.description.startswith("Misura il peso del processo A1.2")
    assert (first.source, first.target, first.actual, first.deviation) == ("Kronos", ">= 2,00 %", "1,43 %", "-0,57 %")


def test_obiettivo_comune_marker_is_not_part_of_the_type(report):
    ec05 = indicators_of(report, "2.2")[0]
    assert (ec05.code, ec05.type) == ("EC05.1", "Salute economica")


def test_missing_tipologia_gives_null_type(report):
    b32 = indicators_of(report, "2.1.3")[1]
    assert (b32.code, b32.type, b32.weight) == ("B3.2_01", None, 20.0)


def test_description_repeating_the_name_is_split(report):
    kpi2 = indicators_of(report, "3.4")[2]
    assert kpi2.name == kpi2.description == "Crescita tendenziale delle mediazioni gestite nel triennio"


def test_glued_plan_code_is_read(report):
    assert indicators_of(report, "3.1")[1].code == "OS 3.1-Kpi 1"


def test_same_system_kpi_is_recorded_per_objective_with_its_weight(report):
    on_os = next(i for i in indicators_of(report, "4.1") if i.code == "OC_Int_01")
    on_oo = next(i for i in indicators_of(report, "4.1.2") if i.code == "OC_Int_01")
    assert (on_os.weight, on_oo.weight) == (35.0, 50.0)


def test_n_follows_document_order_not_kpi_numbers(report):
    codes = [i.code for i in indicators_of(report, "3.3.1")]
    assert codes[:3] == ["OO 3.3.1 - Kpi 3", "OO 3.3.1 - Kpi 1", "OO 3.3.1 - Kpi 2"]
    assert [i.n for i in indicators_of(report, "3.3.1")] == [1, 2, 3, 4, 5, 6]


def test_latex_operator_and_italic_markup_are_cleaned(report):
    kpi = indicators_of(report, "4.1.3")[0]
    assert kpi.target == "≥ 3,00 N."
    assert (kpi.target_value.op, kpi.target_value.value) == (">=", 3.0)
    assert indicators_of(report, "3.1.7")[0].weight == 80.0  # "<i>(Peso: 80,00%) ...</i>"


def test_deviation_empty_or_dash_as_written(report):
    assert indicators_of(report, "1.1")[2].deviation is None
    assert indicators_of(report, "1.1.1")[0].deviation == "-"


def test_header_with_extra_empty_cell_keeps_columns_aligned(report):
    (mis,) = indicators_of(report, "1.1.1")
    assert (mis.code, mis.target, mis.actual) == ("OO 1.1.1 - Mis 1", "= 100,00 %", "100,00 %")
