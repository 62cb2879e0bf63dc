"""Tree tables: one table whose level columns name the objectives of each indicator row."""

from __future__ import annotations

from pathlib import Path

from relazione.extract.engine import extract
from relazione.extract.profiles import get_profile
from relazione.readers import read_document

DATA = Path(__file__).parent / "data" / "outline"
HEADER = ("Area strategica", "Obiettivo strategico", "Obiettivo operativo", "Indicatore", "Peso", "Target",
          "Consuntivo")


def _report(path: Path):  # noqa: ANN202
    return extract(read_document(path), get_profile("generic")).reports[0]


def test_level_cells_left_empty_below_keep_the_objectives_of_the_row_above() -> None:
    report = _report(DATA / "rovigo_piano_albero.txt")
    assert [(o.level, o.code, o.parent) for o in report.objectives] == [
        ("area", "1", None), ("strategic", "1.1", "1"), ("operational", "1.1.1", "1.1"),
        ("operational", "1.1.2", "1.1"), ("strategic", "1.2", "1"), ("operational", "1.2.1", "1.2"),
        ("area", "2", None), ("strategic", "2.1", "2"), ("operational", "2.1.1", "2.1")]
    assert [(i.objective, i.n, i.name, i.weight, i.target, i.actual) for i in report.indicators][:2] == [
        ("1.1.1", 1, "Numero di imprese finanziate", 50.0, ">= 100", "120"),
        ("1.1.1", 2, "Tempo medio di liquidazione", 50.0, "<= 30 gg", "25 gg")]


def test_word_cells_merged_down_over_indicator_rows_give_each_indicator_its_objective(tmp_path: Path) -> None:
    from docx import Document as Word

    rows = [HEADER,
            ("Competitività", "Sostenere le imprese", "Contributi alle imprese", "Imprese finanziate", "60%",
             ">= 100", "120"),
            ("", "", "", "Tempo medio di liquidazione", "40%", "<= 30 gg", "25 gg"),
            ("", "", "Formazione", "Ore di formazione", "100%", ">= 200", "180"),
            ("", "Turismo", "Eventi di promozione", "Eventi realizzati", "100%", ">= 5", "6")]
    word = Word()
    word.add_paragraph("Camera di Commercio di Rovigo - Relazione sulla Performance 2024")
    table = word.add_table(rows=len(rows), cols=len(HEADER))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if text:
                table.cell(i, j).text = text
    for column, top, bottom in ((0, 1, 4), (1, 1, 3), (2, 1, 2)):  # real vertical merges
        table.cell(top, column).merge(table.cell(bottom, column))
    path = tmp_path / "albero.docx"
    word.save(path)
    report = _report(path)
    assert [(o.level, o.title, o.parent) for o in report.objectives] == [
        ("area", "Competitività", None), ("strategic", "Sostenere le imprese", "Competitività"),
        ("operational", "Contributi alle imprese", "Sostenere le imprese"),
        ("operational", "Formazione", "Sostenere le imprese"), ("strategic", "Turismo", "Competitività"),
        ("operational", "Eventi di promozione", "Turismo")]
    assert [(i.objective, i.name) for i in report.indicators] == [
        ("Contributi alle imprese", "Imprese finanziate"), ("Contributi alle imprese", "Tempo medio di liquidazione"),
        ("Formazione", "Ore di formazione"), ("Eventi di promozione", "Eventi realizzati")]


def test_columns_whose_header_words_are_unknown_are_named_by_their_cells(tmp_path: Path) -> None:
    doc = tmp_path / "soglie.txt"
    doc.write_text(
        "Obiettivo operativo 1.1.1 - Contributi alle imprese\n"
        "Indicatore\tQuota\tLimite\tDato\n"
        "Imprese finanziate\t60\t>= 100\t120\n"
        "Tempo medio di liquidazione\t40\t<= 30 gg\t25 gg\n", encoding="utf-8")
    report = _report(doc)
    assert [(i.name, i.weight, i.target, i.actual) for i in report.indicators] == [
        ("Imprese finanziate", 60.0, ">= 100", "120"), ("Tempo medio di liquidazione", 40.0, "<= 30 gg", "25 gg")]


def test_a_dash_in_a_level_column_puts_the_indicator_on_the_level_above(tmp_path: Path) -> None:
    doc = tmp_path / "trattino.txt"
    doc.write_text(
        "Obiettivo strategico\tObiettivo operativo\tIndicatore\tTarget\tConsuntivo\n"
        "1.1 Digitalizzare\t-\tServizi digitali attivati\t>= 5\t6\n"
        "\t1.1.1 Fascicolo elettronico\tFascicoli aperti\t>= 50\t60\n"
        "\t-\tCassetto digitale\t>= 40%\t45%\n", encoding="utf-8")
    report = _report(doc)
    assert [(i.objective, i.name) for i in report.indicators] == [
        ("1.1", "Servizi digitali attivati"), ("1.1.1", "Fascicoli aperti"), ("1.1", "Cassetto digitale")]


def test_tables_under_a_national_indicators_heading_belong_to_no_objective(tmp_path: Path) -> None:
    doc = tmp_path / "nazionali.txt"
    doc.write_text(
        "Obiettivo operativo 1.1.1 - Contributi alle imprese\n"
        "Indicatore\tPeso\tTarget\tConsuntivo\n"
        "Imprese finanziate\t100%\t>= 100\t120\n\n"
        "A livello nazionale il progetto prevede la realizzazione di 100 assessment.\n\n"
        "Tempo di liquidazione\t\t<= 30 gg\t25 gg\n\n"
        "Indicatori a livello nazionale\n\n"
        "Indicatore\tTarget\tRisultato al 30/06/2024\n"
        "Grado di adesione al cassetto digitale\t>= 40%\t45%\n\n"
        "Obiettivo operativo 1.1.2 - Formazione\n"
        "Indicatore\tPeso\tTarget\tConsuntivo\n"
        "Ore di formazione\t100%\t>= 200\t180\n", encoding="utf-8")
    report = _report(doc)
    assert [(i.objective, i.name) for i in report.indicators] == [
        ("1.1.1", "Imprese finanziate"), ("1.1.1", "Tempo di liquidazione"), ("1.1.2", "Ore di formazione")]


def test_level_columns_headed_in_the_plural_name_their_level(tmp_path: Path) -> None:
    doc = tmp_path / "plurali.txt"
    doc.write_text(
        "OBIETTIVI STRATEGICI\tOBIETTIVI OPERATIVI\tINDICATORI\tRISULTATO ATTESO 2024\tRISULTATO\n"
        "1.1 - SOSTENERE LE IMPRESE\tContributi alle imprese\tImprese finanziate\t>= 100\t120\n"
        "\tFormazione degli imprenditori\tOre di formazione\t>= 200\t180\n", encoding="utf-8")
    report = _report(doc)
    assert [(o.level, o.code, o.title, o.parent) for o in report.objectives] == [
        ("strategic", "1.1", "SOSTENERE LE IMPRESE", None),
        ("operational", None, "Contributi alle imprese", "1.1"),
        ("operational", None, "Formazione degli imprenditori", "1.1")]
    assert [(i.objective, i.name) for i in report.indicators] == [
        ("Contributi alle imprese", "Imprese finanziate"), ("Formazione degli imprenditori", "Ore di formazione")]


def _sheets(head: str) -> str:
    return head + "".join(
        f"Obiettivo strategico 1.{k} - Obiettivo {k}\nIndicatore\tTarget\tConsuntivo\n{name}\t>= {k}0\t{k}5\n\n"
        for k, name in ((1, "Imprese finanziate nell'anno"), (2, "Tempo medio di liquidazione dei contributi"),
                        (3, "Ore di formazione erogate al personale")))


def test_a_summary_table_restating_the_detail_sheets_gives_no_indicators_of_its_own(tmp_path: Path) -> None:
    doc = tmp_path / "sintesi.txt"
    doc.write_text(_sheets(
        "Area strategica 1 - Competitività\n\nIndicatori più significativi\n"
        "Indicatore\tTarget\tConsuntivo\n"
        "Imprese finanziate nell'anno*\t>= 10\t15\nTempo medio di liquidazione\t>= 20\t25\n"
        "Ore di formazione erogate\t>= 30\t35\nGrado di trasparenza\t100%\t100%\n\n"), encoding="utf-8")
    report = _report(doc)
    assert [(i.objective, i.name) for i in report.indicators] == [
        ("1.1", "Imprese finanziate nell'anno"), ("1.2", "Tempo medio di liquidazione dei contributi"),
        ("1.3", "Ore di formazione erogate al personale")]


def test_an_objective_restating_its_childrens_indicators_keeps_its_own(tmp_path: Path) -> None:
    doc = tmp_path / "ripetuti.txt"
    doc.write_text(
        "Obiettivo strategico 1.1 - Digitalizzare\nIndicatore\tTarget\tConsuntivo\n"
        "Grado di adesione al cassetto digitale\t>= 40%\t45%\nGrado di rilascio di strumenti digitali\t>= 8%\t9%\n"
        "Tasso di alimentazione del fascicolo\t>= 5%\t6%\n\n"
        "Obiettivo operativo 1.1.1 - Cassetto\nIndicatore\tTarget\tConsuntivo\n"
        "Grado di adesione al cassetto digitale\t>= 40%\t45%\nGrado di rilascio di strumenti digitali\t>= 8%\t9%\n"
        "Tasso di alimentazione del fascicolo\t>= 5%\t6%\n", encoding="utf-8")
    report = _report(doc)
    assert [i.objective for i in report.indicators] == ["1.1", "1.1", "1.1", "1.1.1", "1.1.1", "1.1.1"]


def test_a_heading_of_the_same_level_under_an_untitled_coded_heading_is_its_title(tmp_path: Path) -> None:
    doc = tmp_path / "missione.txt"
    doc.write_text(
        "Area Strategica 2024_01\t\t\t\t\n"
        "MISSIONE 011: Competitività e sviluppo delle imprese\t\t\t\t\n"
        "Descrizione\tTipo\tValore Atteso\tValore Raggiunto\tNote\n"
        "Grado di restituzione delle risorse\tOUTCOME\t> = 25%\t40%\t\n"
        "Ob. Strategico 2024_01_01\t\t\t\t\n"
        "Sostenere le imprese\t\t\t\t\n"
        "Descrizione\tTipo\tValore Atteso\tValore Raggiunto\tNote\n"
        "Imprese finanziate\tOUTPUT\t>= 100\t120\t\n", encoding="utf-8")
    report = _report(doc)
    assert [(o.level, o.code, o.title) for o in report.objectives] == [
        ("area", "2024_01", "MISSIONE 011: Competitività e sviluppo delle imprese"),
        ("strategic", "2024_01_01", "Sostenere le imprese")]
    assert [i.objective for i in report.indicators] == ["2024_01", "2024_01_01"]


def test_running_text_ends_the_indicator_table_before_it(tmp_path: Path) -> None:
    doc = tmp_path / "gestione.txt"
    doc.write_text(
        "Obiettivo operativo 1.1.1 - Contributi alle imprese\n"
        "Descrizione\tTipo\tValore Atteso\tValore Raggiunto\tNote\n"
        "Imprese finanziate\tOUTPUT\t>= 100\t120\t\n\n"
        "Relazione sulla gestione e sui risultati\n\n"
        "La presente relazione viene elaborata alla data del 15 novembre in vista dell'insediamento del Consiglio.\n\n"
        "\tSi ricorda che ai sensi del decreto occorre rispettare le previsioni di bilancio\n"
        "--\t--\n\n"
        "Indirizzi generali e programma pluriennale\tCon deliberazione del Consiglio sono stati approvati\n"
        "Nuovi assetti istituzionali\tLa legge di riforma ha ridotto il numero delle Camere\n", encoding="utf-8")
    report = _report(doc)
    assert [i.name for i in report.indicators] == ["Imprese finanziate"]


def test_areas_heading_chapters_with_nothing_under_them_are_no_areas_of_the_plan(tmp_path: Path) -> None:
    doc = tmp_path / "capitoli.txt"
    doc.write_text(
        "Area strategica 1 - Competitività\n\n"
        "Obiettivo strategico 1.1 - Sostenere le imprese\nIndicatore\tTarget\tConsuntivo\n"
        "Imprese finanziate\t>= 10\t12\n\n"
        "Relazione sulla gestione\n\nMissione 012 - Regolazione dei mercati\n\n"
        "Nel corso dell'anno l'ufficio ha proseguito le attività di vigilanza sul mercato e sui prodotti.\n\n"
        "Area strategica 2 - Servizi\n", encoding="utf-8")
    report = _report(doc)  # the empty "Area strategica 2" is coded as the plan's areas are: it stays
    assert [(o.level, o.code) for o in report.objectives] == [("area", "1"), ("strategic", "1.1"), ("area", "2")]


def test_a_level_column_headed_with_an_apostrophe_for_the_accent_names_its_level(tmp_path: Path) -> None:
    doc = tmp_path / "attivita.txt"
    doc.write_text(
        "OBIETTIVO STRATEGICO\tATTIVITA'\tINDICATORI OPERATIVI\tRISULTATO ATTESO\tRISULTATO\n"
        "1.1 - SOSTENERE LE IMPRESE\tContributi alle imprese\tImprese finanziate\t>= 100\t120\n", encoding="utf-8")
    report = _report(doc)
    assert [(o.level, o.title) for o in report.objectives] == [
        ("strategic", "SOSTENERE LE IMPRESE"), ("operational", "Contributi alle imprese")]
    assert [(i.objective, i.name) for i in report.indicators] == [("Contributi alle imprese", "Imprese finanziate")]


def test_a_heading_under_an_untitled_one_whose_code_its_children_continue_is_an_objective(tmp_path: Path) -> None:
    doc = tmp_path / "fogli.txt"
    doc.write_text(
        "Area 1\n"
        "AS 011: COMPETITIVITÀ DELLE IMPRESE\n"
        "Obiettivo strategico 011-005 - Promozione\nIndicatore\tTarget\tConsuntivo\nImprese assistite\t>= 10\t12\n",
        encoding="utf-8")
    report = _report(doc)
    assert ("area", "011", "COMPETITIVITÀ DELLE IMPRESE") in [(o.level, o.code, o.title) for o in report.objectives]
    assert next(o for o in report.objectives if o.code == "011-005").parent == "011"
