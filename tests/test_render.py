"""Rendering Word reports: escaping, placeholders, verdict colours, custom templates, the CLI."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docxtpl import DocxTemplate

from relazione.cli.main import main
from relazione.errors import RelazioneError
from relazione.records.model import Indicator, Objective, Records, Report, Source, save
from relazione.records.values import parse_value
from relazione.render.word import render_report
from relazione.scoring.aggregate import score_report


def _ind(objective: str, target: str, actual: str, n: int = 1) -> Indicator:
    return Indicator(objective=objective, n=n, name=f"Indicatore {n} di {objective}", weight=100.0, target=target,
                     actual=actual, target_value=parse_value(target), actual_value=parse_value(actual))


def _report(title: str = "Servizi digitali", kind: str = "relazione") -> Report:
    report = Report(ente="Camera di Commercio di Prova", kind=kind, year=2024, reference_date="2024-06-30",
                    objectives=[
                        Objective("area", "Competitività", code="1", weight=100.0),
                        Objective("strategic", title, code="1.1", parent="1", weight=100.0),
                        Objective("operational", "Sportelli", code="1.1.1", parent="1.1", weight=60.0),
                        Objective("operational", "Pratiche", code="1.1.2", parent="1.1", weight=40.0),
                    ],
                    indicators=[_ind("1.1.1", ">= 100 N.", "120 N."), _ind("1.1.2", "<= 10 gg", "13 gg"),
                                _ind("1.1.2", ">= 50%", "10%", n=2)])
    score_report(report)
    return report


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_special_characters_in_titles_survive() -> None:
    title = "Qualità <servizi> & {{ tempi }} {% if %}"
    text = _text(render_report(_report(title)))
    assert f"Obiettivo strategico 1.1 - {title}" in text


def test_placeholders_are_marked_for_the_user() -> None:
    text = _text(render_report(_report()))
    assert "[Da compilare: presentazione della Relazione" in text
    assert "[Da compilare: quadro economico e normativo del territorio" in text
    assert "Organismo Indipendente di Valutazione valida la Relazione con un proprio documento" in text
    assert "valutazione complessiva dell'Organismo" not in text  # the OIV writes its own assessment


def test_verdicts_are_coloured() -> None:
    data = render_report(_report())
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:fill="C8E6C9"' in xml  # green: Raggiunto (1.1.1)
    assert 'w:fill="FFCDD2"' in xml or 'w:fill="FFE082"' in xml  # 1.1.2 is not fully reached
    assert "{%" not in xml and "{{ o." not in xml  # no tag left unrendered


def test_charts_are_images() -> None:
    data = render_report(_report())
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sum(n.startswith("word/media/") for n in names) == 2  # per area and per strategic objective


def test_monitoring_records_get_the_monitoring_template() -> None:
    text = _text(render_report(_report(kind="monitoraggio")))
    assert "Monitoraggio semestrale 2024" in text
    assert "Valore al 30/6" in text


def _custom_template(tmp_path: Path, body: str) -> Path:
    doc = Document()
    doc.add_paragraph("Relazione di {{ ente }}")
    doc.add_paragraph("Testo libero")
    doc.add_paragraph(body)
    path = tmp_path / "custom.docx"
    doc.save(path)
    return path


def test_custom_template_renders(tmp_path: Path) -> None:
    path = _custom_template(tmp_path, "{%p for a in aree %}")
    doc = Document(path)
    doc.add_paragraph("{{ a.titolo }}: {{ a.punteggio }}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(path)
    text = _text(render_report(_report(), template=path))
    assert "Relazione di Camera di Commercio di Prova" in text
    assert "Competitività: " in text


def test_unknown_variable_names_the_tag_and_the_paragraph(tmp_path: Path) -> None:
    path = _custom_template(tmp_path, "Sindaco: {{ sindaco_nome }}")
    with pytest.raises(RelazioneError, match=r"variabile sconosciuta 'sindaco_nome' nel tag \"\{\{ sindaco_nome \}\}\" "
                                             r"\(paragrafo 3\)"):
        render_report(_report(), template=path)


def test_unknown_field_names_the_tag(tmp_path: Path) -> None:
    path = _custom_template(tmp_path, "{%p for a in aree %}")
    doc = Document(path)
    doc.add_paragraph("{{ a.titolo_lungo }}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(path)
    with pytest.raises(RelazioneError, match=r"campo sconosciuto 'titolo_lungo' nel tag .*\(paragrafo 4\)"):
        render_report(_report(), template=path)


def test_template_syntax_error_is_a_clear_error(tmp_path: Path) -> None:
    path = _custom_template(tmp_path, "{{ ente ")
    with pytest.raises(RelazioneError, match="errore di sintassi nel modello"):
        render_report(_report(), template=path)


def test_builtin_templates_use_only_known_variables() -> None:
    from importlib import resources

    from relazione.render.word import VARIABLES

    for name in ("relazione.docx", "monitoraggio.docx"):
        data = resources.files("relazione.templates").joinpath(name).read_bytes()
        assert DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables() <= VARIABLES


# -- command line ----------------------------------------------------------------------------------
@pytest.fixture
def records_file(tmp_path: Path) -> Path:
    path = tmp_path / "records.json"
    save(Records(Source(path="prova.txt"), reports=[_report()]), path)
    return path


def test_cli_render_writes_and_never_overwrites(records_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.docx"
    assert main(["render", str(records_file), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"PK")
    before = out.read_bytes()
    assert main(["render", str(records_file), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main(["render", str(records_file), "-o", str(out), "--force"]) == 0


def test_cli_render_missing_template_is_one_line_error(records_file: Path, tmp_path: Path, capsys) -> None:
    assert main(["render", str(records_file), "-o", str(tmp_path / "o.docx"), "-t", str(tmp_path / "no.docx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "modello non trovato" in err
    assert not (tmp_path / "o.docx").exists()


def test_cli_score_prints_the_tree(records_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "scored.json"
    assert main(["score", str(records_file), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Obiettivo strategico 1.1 - Servizi digitali" in printed and "calcolato" in printed
    assert '"achievement": 100.0' in out.read_text(encoding="utf-8")


def test_cli_convert_legacy_report_in_one_step(tmp_path: Path) -> None:
    from conftest import sample

    out = tmp_path / "mantova.docx"
    assert main(["convert", str(sample("cremona_mantova_pavia_relazione_2024.txt")), "-o", str(out),
                 "--report", "3"]) == 0
    text = _text(out.read_bytes())
    assert "Camera di Commercio di Mantova" in text
    assert "Grado di raggiungimento complessivo dell'ente nell'anno 2024: 97,78%" in text


def test_narratives_keep_their_paragraphs_and_bulleted_lists(tmp_path) -> None:
    from docx import Document as WordDocument

    from relazione.records.model import Objective, Report
    from relazione.render.word import render_report

    text = ("Le azioni dell'anno sono state queste:\n• formazione delle imprese;\n• sportello digitale;\n"
            "Il bilancio dell'iniziativa è positivo.")
    report = Report(ente="Camera di Commercio di Lodi", kind="relazione", year=2024, objectives=[
        Objective("strategic", "Digitalizzazione", code="1.1", narrative={"azioni_svolte": text})])
    out = tmp_path / "r.docx"
    out.write_bytes(render_report(report))
    paragraphs = [(p.style.name, p.text) for p in WordDocument(str(out)).paragraphs]
    start = paragraphs.index(("Normal", "Azioni svolte"))
    assert paragraphs[start + 1:start + 5] == [
        ("Normal", "Le azioni dell'anno sono state queste:"), ("List Bullet", "formazione delle imprese;"),
        ("List Bullet", "sportello digitale;"), ("Normal", "Il bilancio dell'iniziativa è positivo.")]
