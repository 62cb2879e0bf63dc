"""Look at it: every sample's documents rendered, and checked for what a person opening them would notice.

No Python left-overs ("None", "nan", "{{"), tables that fit the width of their page with no word or
number wider than its column, header rows repeated on every page, rows never split across pages,
Italian as the language of every style, and properties that name the ente, today and this tool.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Twips

from conftest import SAMPLES
from relazione.check.findings import Finding
from relazione.check.output import write_docx
from relazione.extract.pipeline import extract_file
from relazione.office.fonts import text_width_cm
from relazione.office.tables import CELL_PADDING_CM, usable_widths
from relazione.render.word import render_report
from relazione.scoring.aggregate import score_records

LEFTOVERS = re.compile(r"\bNone\b|\bnan\b|\{\{|\{%|%\}|\}\}")
TOKEN = re.compile(r"[^ \t\n\u2003]+")  # what may not break: words, and numbers with their no-break spaces
SEEDS = sorted(p.stem for p in SAMPLES.glob("*.txt"))


def _rendered() -> list[tuple[str, str, bytes]]:
    """(document name, ente, .docx bytes) for every report of every sample."""
    out = []
    for stem in SEEDS:
        records = score_records(extract_file(SAMPLES / f"{stem}.txt"))
        for k, report in enumerate(records.reports, start=1):
            out.append((f"{stem}#{k} ({report.kind})", report.ente or "", render_report(report, source=stem)))
    return out


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[tuple[str, str, bytes]]:
    docs = _rendered()
    findings = [Finding("missing", "avviso", "indicator", "1.1", "Indicatore 1.1#1 senza risultato (consuntivo).",
                        report="Camera di Commercio di Prova", new_where="prova.txt l.12")]
    out = tmp_path_factory.mktemp("verifica") / "verifica.docx"
    write_docx(findings, out, inputs=["prova.txt"], force=False)
    return [*docs, ("Verifica di coerenza", "Camera di Commercio di Prova", out.read_bytes())]


def _texts(doc) -> list[str]:  # noqa: ANN001
    body = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]
    feet = [p.text for s in doc.sections for p in s.footer.paragraphs]
    return body + feet


def test_no_python_leftovers_in_any_text(documents) -> None:
    for name, _, data in documents:
        bad = [t for t in _texts(Document(io.BytesIO(data))) if LEFTOVERS.search(t)]
        assert not bad, f"{name}: {bad[:3]}"


def test_every_table_fits_the_width_of_its_page(documents) -> None:
    for name, _, data in documents:
        doc = Document(io.BytesIO(data))
        for n, (tbl, usable) in enumerate(usable_widths(doc), start=1):
            grid = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
            assert sum(grid) <= usable, f"{name}: table {n} is {sum(grid)} twips wide, the page {usable}"


def _size_pt(p) -> float:  # noqa: ANN001
    sz = p.find(f".//{qn('w:rPr')}/{qn('w:sz')}")
    return int(sz.get(qn("w:val"))) / 2 if sz is not None else 10.0


def test_no_word_or_number_is_wider_than_its_column(documents) -> None:
    for name, _, data in documents:
        doc = Document(io.BytesIO(data))
        for tbl, _ in usable_widths(doc):
            for tc in tbl.iter(qn("w:tc")):
                room = Twips(int(tc.tcPr.tcW.get(qn("w:w")))).cm - CELL_PADDING_CM
                for p in tc.iter(qn("w:p")):
                    text = "".join(t.text or "" for t in p.iter(qn("w:t")))
                    b = p.find(f".//{qn('w:r')}/{qn('w:rPr')}/{qn('w:b')}")
                    bold = b is not None and b.get(qn("w:val")) not in ("0", "false")
                    wide = [w for w in TOKEN.findall(text) if text_width_cm(w, _size_pt(p), bold=bold) > room + 0.01]
                    assert not wide, f"{name}: {wide[0]!r} does not fit its column ({room:.2f} cm)"


def test_header_rows_repeat_and_rows_never_split(documents) -> None:
    for name, _, data in documents:
        doc = Document(io.BytesIO(data))
        for tbl, _ in usable_widths(doc):
            rows = tbl.findall(qn("w:tr"))
            assert all(r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None for r in rows), name
            if len(tbl.tblGrid.findall(qn("w:gridCol"))) >= 3:  # the data tables (label sheets have no header)
                assert rows[0].trPr.find(qn("w:tblHeader")) is not None, f"{name}: header row does not repeat"


def test_every_style_is_italian(documents) -> None:
    for name, _, data in documents:
        styles = Document(io.BytesIO(data)).styles.element
        default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        assert default.get(qn("w:val")) == "it-IT", name
        langs = {lang.get(qn("w:val")) for lang in styles.iter(qn("w:lang"))}
        assert langs == {"it-IT"}, f"{name}: {langs}"


def test_properties_name_the_ente_today_and_the_tool(documents) -> None:
    now = datetime.now(UTC)
    for name, ente, data in documents:
        props = Document(io.BytesIO(data)).core_properties
        assert props.author == ente and props.title, name
        assert "python-docx" not in f"{props.author} {props.comments} {props.last_modified_by}", name
        for when in (props.created, props.modified):
            assert abs(now - when.replace(tzinfo=UTC)) < timedelta(hours=1), f"{name}: {when}"
        app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode()
        assert "<Application>relazione " in app, name


def test_pira_renders_as_a_pira_and_the_addendum_says_what_it_is(documents) -> None:
    by_kind = {name: "\n".join(_texts(Document(io.BytesIO(data)))) for name, _, data in documents}
    pira = next(text for name, text in by_kind.items() if name.startswith("brescia_pira"))
    assert "Piano degli indicatori e dei risultati attesi di bilancio 2020" in pira
    assert "Programma 011-005 - " in pira and "Relazione sulla Performance" not in pira
    addendum = [text for text in by_kind.values() if "Questo documento è un addendum" in text]
    assert len(addendum) == 1 and "Addendum conseguente all'approvazione del consuntivo" in addendum[0]


def test_relazione_has_the_unioncamere_outline(documents) -> None:
    name, _, data = next(d for d in documents if "relazione_2024#3" in d[0])
    headings = [p.text for p in Document(io.BytesIO(data)).paragraphs if p.style.name.startswith("Heading")]
    for wanted in ("Premessa", "1 Principali risultati raggiunti", "2 Analisi del contesto e delle risorse",
                   "3 Rendicontazione della performance organizzativa", "3.0 Albero della performance",
                   "3.1 Obiettivi strategici", "3.2 Obiettivi operativi", "3.3 Valutazione complessiva",
                   "3.4 Bilancio di genere", "4 Obiettivi individuali", "5 Il processo di misurazione e valutazione"):
        assert wanted in headings, f"{name}: no {wanted!r}"


def test_output_files_follow_the_umask(tmp_path: Path) -> None:
    from relazione.fileio import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.docx", b"PK")
        os.umask(0o027)
        write_atomic(tmp_path / "b.docx", b"PK")
    finally:
        os.umask(old)
    assert (tmp_path / "a.docx").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "b.docx").stat().st_mode & 0o777 == 0o640
