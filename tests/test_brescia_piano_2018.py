"""The brescia_piano_2018 family: the 2018 semester monitoring of CCIAA Brescia, a layout dump whose
value rows are shattered across lines and whose performance tree is shuffled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLES, expected_records, sample
from relazione.extract.detect import rank_profiles
from relazione.extract.engine import extract
from relazione.extract.families.brescia_piano_2018 import indicator_type
from relazione.extract.families.brescia_piano_2018_values import read_value_row
from relazione.extract.pipeline import extract_file
from relazione.extract.profiles import get_profile
from relazione.readers import read_document
from relazione.readers.text import read_text
from relazione.records.model import dumps

STEM = "brescia_piano_2018_semestrale"
LABELS = ["30/6", "31/12"]
HISTORY = (("nessuno",), ("nuova", "attività"))


@pytest.fixture(scope="module")
def got() -> dict:
    return json.loads(dumps(extract_file(sample(f"{STEM}.txt"))))["reports"][0]


def test_sample_is_read_by_this_family(got: dict) -> None:
    records = extract_file(sample(f"{STEM}.txt"))
    assert records.source.profile == "brescia_piano_2018"
    assert (got["ente"], got["kind"], got["year"], got["reference_date"]) == (
        "Camera di Commercio di Brescia", "monitoraggio", 2018, "2018-06-30")


def test_objectives_match_the_reviewed_records_field_by_field(got: dict) -> None:
    expected = expected_records(STEM)["reports"][0]["objectives"]
    assert [o["code"] for o in got["objectives"]] == [o["code"] for o in expected]  # tree order, by code
    for e, g in zip(expected, got["objectives"], strict=True):
        for key in ("level", "title", "parent", "weight", "score", "status"):
            assert g[key] == e[key], (e["code"], key)
        assert g["provenance"]["line"] == e["line"], e["code"]


def test_indicators_match_the_reviewed_records_field_by_field(got: dict) -> None:
    expected = expected_records(STEM)["reports"][0]["indicators"]
    assert len(got["indicators"]) == len(expected) == 38
    for e, g in zip(expected, got["indicators"], strict=True):
        where = f"{e['objective']}/{e['n']}"
        for key in ("objective", "n", "code", "name", "weight", "type", "baseline", "target", "targets", "actual"):
            assert g[key] == e[key], (where, key)
        assert g["provenance"]["line"] == e["line"], where


def test_deviation_and_sheet_prose_are_kept(got: dict) -> None:
    by_key = {(i["objective"], i["n"]): i for i in got["indicators"]}
    assert by_key["2.1.1", 2]["deviation"] == "- 3.201 posizioni e - 3 riunioni"
    assert by_key["3.1.3", 1]["actual"] is None  # the result-like text sits under "Scostamenti"
    assert by_key["3.1.3", 1]["deviation"].startswith("Costituzione tavolo di lavoro congiunto")
    sheet = next(o for o in got["objectives"] if o["code"] == "2.2.1")
    assert sheet["description"].startswith("La riforma del sistema camerale")
    assert sheet["responsible"].startswith("Sig. Edoardo Perrotta")
    assert sheet["narrative"]["valore_economico"].endswith("21.140 euro")  # both "Valore economico" rows
    assert sheet["narrative"]["risultati"].startswith("Indicatore 1:")


def test_changed_weights_are_reported(got: dict) -> None:
    records = extract_file(sample(f"{STEM}.txt"))
    changed = [w.message for w in records.warnings if w.code == "weight_changed"]
    assert changed == ["2.2.1/1: weight changed from 35,00% to 20%", "2.2.1/2: weight changed from 20,00% to 10%"]


def test_only_this_sample_is_detected_as_the_family() -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        ranked = rank_profiles(read_document(path))
        ours = next(c for c in ranked if c.profile.name == "brescia_piano_2018")
        if path.stem == STEM:
            assert ranked[0].profile.name == "brescia_piano_2018" and ours.score == 1.0
        else:
            assert ours.score < 0.5, path.name


# -- the value row ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lines", "weight", "baseline", "targets"),
    [
        (["44 studenti accolti 25 30 10,00%"], 10.0, "44 studenti accolti", {"30/6": "25", "31/12": "30"}),
        (["- - 15 20,00%"], 20.0, "-", {"30/6": "-", "31/12": "15"}),
        (["Nessuno 3% 3% 40%"], 40.0, "Nessuno", {"30/6": "3%", "31/12": "3%"}),
        # two cells and no history marker: the storico is the one missing (the target is always stated)
        (["si si 10,00%"], 10.0, None, {"30/6": "si", "31/12": "si"}),
        # a storico phrase pins the row on the left: the lone value is the 30/6 one
        (["Nessuno Avvio sperimentazione 40%"], 40.0, "Nessuno", {"30/6": "Avvio sperimentazione"}),
        # one value, its weight glued to the first line of its wrapped text
        (["Rotazione degli incarichi 25,00%", "all'Ufficio Provveditorato e", "agli Sportelli anagrafici"], 25.0,
         None, {"31/12": "Rotazione degli incarichi all'Ufficio Provveditorato e agli Sportelli anagrafici"}),
        (["12", "(somma eventi e", "comunicazioni mirate)", "5 7", "20,00%"], 20.0,
         "12 (somma eventi e comunicazioni mirate)", {"30/6": "5", "31/12": "7"}),
        # a number after "entro" continues the phrase; the percentages on the next line are cells
        (["80% istanze istruite entro 2", "giorni solari", "75,00% 75,00% 25,00%"], 25.0,
         "80% istanze istruite entro 2 giorni solari", {"30/6": "75,00%", "31/12": "75,00%"}),
        # numbers recur in every cell: each number after a content word starts one
        (["30", "ispezioni congiunte", "10", "ispezioni congiunte", "30", "ispezioni congiunte", "25,00%"], 25.0,
         "30 ispezioni congiunte", {"30/6": "10 ispezioni congiunte", "31/12": "30 ispezioni congiunte"}),
        # only as many weak starts as free columns: the rest wraps the last cell
        (["4 seminari, 6 corsi 2 seminari 4 seminari", "6 corsi", "10 seminari formativi ad", "hoc", "15,00%"], 15.0,
         "4 seminari, 6 corsi", {"30/6": "2 seminari", "31/12": "4 seminari 6 corsi 10 seminari formativi ad hoc"}),
        # parallel cells recognised by their recurring opening words
        (["nuova attività almeno due procedure almeno cinque procedure 10,00%"], 10.0, "nuova attività",
         {"30/6": "almeno due procedure", "31/12": "almeno cinque procedure"}),
        (["esame di un campione di", "almeno 2.000 istanze di test", "sul Quality Check", "esame di un campione",
          "di almeno 6.000 istanze", "esaminate in 6 riunioni", "esame di un campione di", "almeno 9.000 istanze",
          "sul", "Quality Check", "25,00%"], 25.0,
         "esame di un campione di almeno 2.000 istanze di test sul Quality Check",
         {"30/6": "esame di un campione di almeno 6.000 istanze esaminate in 6 riunioni",
          "31/12": "esame di un campione di almeno 9.000 istanze sul Quality Check"}),
        # a capitalised line after a complete one starts a cell while columns are free
        (["- Aggiornamento sulle", "attività", "Descrizione delle", "attività realizzate", "100,00%"], 100.0, "-",
         {"30/6": "Aggiornamento sulle attività", "31/12": "Descrizione delle attività realizzate"}),
        (["98% (STIMATO) -------", "98% degli acquisti", "vengono fatti", "25,00%"], 25.0, "98% (STIMATO)",
         {"30/6": "-------", "31/12": "98% degli acquisti vengono fatti"}),
        # an en dash is prose, not an empty cell
        (["nuova attività", "- Realizzazione – del progetto", "Attiv-aree e dell'applicativo", "35,00%"], 35.0,
         "nuova attività", {"30/6": "-", "31/12": "Realizzazione – del progetto Attiv-aree e dell'applicativo"}),
    ],
)
def test_value_rows_from_the_sample(lines: list[str], weight: float, baseline: str | None,
                                    targets: dict[str, str]) -> None:
    row = read_value_row(lines, LABELS, 2018, HISTORY)
    assert (row.weight, row.baseline, row.targets) == (weight, baseline, targets)


def test_a_changed_weight_takes_its_new_value_and_leaves_the_wrapped_word() -> None:
    lines = ["nuova attività presentazione esiti alla", "data del 31 maggio", "presentazione esiti alla data",
             "31 maggio e del 30", "PASSA DA", "20,00% A", "novembre 10%"]
    row = read_value_row(lines, LABELS, 2018, HISTORY)
    assert row.weight == 10.0 and row.baseline == "nuova attività"
    assert row.targets == {"30/6": "presentazione esiti alla data del 31 maggio",
                           "31/12": "presentazione esiti alla data 31 maggio e del 30 novembre"}
    assert row.notes == [("weight_changed", "weight changed from 20,00% to 10%")]


def test_a_first_cell_dated_in_the_reported_year_is_no_history() -> None:
    lines = ["Affidata progettazione (det. 32/AMM", "del 8/3/2018) – contratto", "stipulato", "Affidati servizi per",
             "condizionamento (det.", "44/AMM del 17/4/2018) –", "contratto stipulato", "Affidamento e",
             "completamento lavori", "100,00%"]
    row = read_value_row(lines, LABELS, 2018, HISTORY)
    assert row.baseline is None
    assert row.targets == {
        "30/6": "Affidata progettazione (det. 32/AMM del 8/3/2018) – contratto stipulato Affidati servizi per "
                "condizionamento (det. 44/AMM del 17/4/2018) – contratto stipulato",
        "31/12": "Affidamento e completamento lavori",
    }
    assert [code for code, _ in row.notes] == ["no_history"]


def test_tabs_from_a_table_reader_are_cell_boundaries() -> None:
    assert read_value_row(["avvio lavori completamento lavori 30%"], LABELS, 2018).targets == {
        "31/12": "avvio lavori completamento lavori"}
    row = read_value_row(["avvio lavori\tcompletamento lavori\t30%"], LABELS, 2018)
    assert (row.weight, row.baseline, row.targets) == (30.0, None, {"30/6": "avvio lavori",
                                                                     "31/12": "completamento lavori"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tipo Indicatore: □X efficacia esterna □ efficacia interna □ efficienza □X qualità",
         "efficacia esterna, qualità"),
        ("Tipo Indicatore: □efficacia esterna □ efficacia interna □ efficienza □X  qualità", "qualità"),
        ("Tipo Indicatore: □ efficacia esterna □X efficacia interna □X efficienza □ qualità",
         "efficacia interna, efficienza"),
        ("Tipo Indicatore: □ efficacia esterna □ efficacia interna □ efficienza □ qualità", None),
    ],
)
def test_indicator_type_lists_the_checked_boxes(text: str, expected: str | None) -> None:
    assert indicator_type(text) == expected


# -- a small document in the same layout ------------------------------------------------------------
MINI = """\
PIANO DELLA
PERFORMANCE
2018
Obiettivo di qualità dell'Ente=100
OBIETTIVO OPERATIVO 9.1.1
Titolo breve nell'albero
AREA STRATEGICA 9
SERVIZI
Valore=100RELAZIONE
PREVISIONALE E PROGRAMMATICA 2018
OBIETTIVO STRATEGICO 9.1
REGOLAZIONE
Valore= 40
Pesi degli Obiettivi 2017 delle Aree dirigenziali
Obiettivo Operativo 9.1.1
Titolo lungo della tabella dei pesi
45,00%
Totale Dirigente 100,00%
 OBIETTIVO OPERATIVO 9.1.1
PROGETTO: VIGILANZA SUL MERCATO E
TUTELA DEL CONSUMATORE
Peso dell'obiettivo dirigenziale
Peso: 40 %
Ambiti strategici Tutela del mercato Peso: 100%
Prospettiva strategica • Indicatore 1: impresa/utenti (visite)
• Indicatore 2: impresa/utenti (focus)
Peso: 60%
Peso: 40%
Descrizione Controlli sui prodotti
e sugli strumenti metrici.
Beneficio atteso Mercato più trasparente.
Responsabile Amministrativo (a line of the description, not the label: it comes before Azioni)
Azioni da intraprendere Visite ispettive.
Servizio Regolazione del mercato
Ufficio Metrico
Responsabile Sig. Rossi
INDICATORI DI RISULTATO:
Indicatore 1: n. visite ispettive
Tipo Indicatore: □X efficacia esterna □ efficacia interna
□ efficienza □ qualità
Target storico di riferimento: Valore Target: Peso
al 30/6 al 31/12
14\t5\t12\t60,00%
Risultati raggiunti 6
Scostamenti +1
NUOVO INDICATORE
Indicatore 2: n. focus
Tipo Indicatore: □ efficacia esterna □X efficacia interna
□ efficienza □X qualità
Target storico di riferimento: Valore Target: Peso
al 30/6 al 31/12
nuova attività 2 4 40,00%
Risultati raggiunti
Scostamenti //
Breve descrizione dei risultati
conseguiti e segnalazione delle
criticità/opportunità in fase di
attuazione dell'obiettivo
Indicatore 1: n. visite ispettive
Sono state svolte 6 visite.
Indicatore 2: ====
Proposta del Dirigente in merito alla variazione dei valori attesi
Indicatore 1: 5 6 12 14
"""


@pytest.fixture(scope="module")
def mini() -> dict:
    doc = read_text("mini.txt", MINI.encode("utf-8"))
    records = extract(doc, get_profile("brescia_piano_2018"))
    return json.loads(dumps(records))


def test_mini_tree_is_attached_by_code_not_position(mini: dict) -> None:
    report = mini["reports"][0]
    got = [(o["level"], o["code"], o["parent"], o["weight"], o["title"]) for o in report["objectives"]]
    assert got == [
        ("area", "9", None, 100.0, "SERVIZI"),  # the side label after "Valore=100" is not in the title
        ("strategic", "9.1", "9", 40.0, "REGOLAZIONE"),
        ("operational", "9.1.1", "9.1", 40.0, "VIGILANZA SUL MERCATO E TUTELA DEL CONSUMATORE"),
    ]
    assert report["title"] == "PIANO DELLA PERFORMANCE 2018"


def test_mini_sheet_sections_follow_their_order(mini: dict) -> None:
    sheet = mini["reports"][0]["objectives"][2]
    assert sheet["description"].startswith("Controlli sui prodotti e sugli strumenti metrici.")
    assert sheet["narrative"]["beneficio"].startswith("Mercato più trasparente.\nResponsabile Amministrativo")
    assert sheet["responsible"] == "Sig. Rossi"
    assert sheet["narrative"]["risultati"] == "Indicatore 1: n. visite ispettive Sono state svolte 6 visite. " \
                                             "Indicatore 2: ===="


def test_mini_indicators_skip_the_overview_and_the_prose(mini: dict) -> None:
    inds = mini["reports"][0]["indicators"]
    got = [(i["n"], i["name"], i["type"], i["weight"], i["baseline"], i["targets"], i["target"], i["actual"],
            i["deviation"]) for i in inds]
    assert got == [
        (1, "n. visite ispettive", "efficacia esterna", 60.0, "14", {"30/6": "5", "31/12": "12"}, "12", "6", "+1"),
        (2, "n. focus", "efficacia interna, qualità", 40.0, "nuova attività", {"30/6": "2", "31/12": "4"}, "4",
         None, "//"),
    ]
    assert inds[0]["target_value"]["value"] == 12.0


def test_mini_weight_table_disagreeing_with_the_sheet_is_reported(mini: dict) -> None:
    codes = [(w["code"], w["message"]) for w in mini["warnings"]]
    assert ("weight_mismatch", "9.1.1: peso 40 nella scheda ma 45 nella tabella dei pesi") in codes


def test_the_family_reads_the_block_stream_not_the_file(tmp_path: Path) -> None:
    """The value row as a table row (what a PDF reader delivers) reads like the tab-less text."""
    doc = read_text("mini.txt", MINI.encode("utf-8"))
    assert any(not hasattr(b, "text") for b in doc.blocks)  # the tab-separated row became a Table
    records = extract(doc, get_profile("brescia_piano_2018"))
    assert records.reports[0].indicators[0].targets == {"30/6": "5", "31/12": "12"}
