"""``relazione explain``: the engine's reading told block by block, in Italian, on real commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import sample
from relazione.cli.main import main
from relazione.extract.generic.outline import explain_outline, plan_outline
from relazione.extract.profiles import get_profile
from relazione.readers import read_document
from test_pdf_reader import make_pdf

NUMBERED = (
    "Camera di Commercio di Lodi\nRelazione sulla performance 2023\n\n"
    "1. Competitività delle imprese\n\n1.1 Digitalizzazione delle imprese\n\n"
    "Indicatore\tPeso\tLivello atteso\tMisurato\n"
    "Imprese assistite\t60\t>= 100\t130\n"
    "Tempo medio di risposta\t40\t<= 5 gg\t4 gg\n\n"
    "1.2 Internazionalizzazione\n\n"
    "Indicatore\tPeso\tTarget\n"
    "Eventi all'estero\t100%\talmeno 3\n\n"
    "2. Efficienza della Camera\n\n2.1 Tempi di pagamento\n\n"
    "Indicatore\tPeso\tTarget\tConsuntivo\n"
    "Tempo medio di pagamento\t100%\t<= 30 gg\t25 gg\n\n"
    "Note finali\n1. Premessa metodologica\n2. Fonti dei dati\n"
)
NO_TREE = NUMBERED.split("2. Efficienza")[0] + "Note finali\n1. Premessa metodologica\n2. Fonti dei dati\n"


def explain(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["explain", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_numbered_headings_and_tables_are_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "lodi.txt"
    src.write_text(NUMBERED, encoding="utf-8")
    code, out, err = explain(capsys, str(src))
    assert code == 0 and not err
    assert "Profilo: generic" in out and "0.50  generic" in out
    assert "r.4 TITOLO → area strategica 1 «Competitività delle imprese»" in out
    assert "r.6 TITOLO → obiettivo strategico 1.1 «Digitalizzazione delle imprese»" in out
    assert "numerazione a 2 livelli: l'esame preliminare della struttura la legge come obiettivo strategico" in out
    assert "sotto 1 (per codice" in out
    assert "col.1 «Indicatore» → nome dell'indicatore: parola d'intestazione uguale al sinonimo «Indicatore»" in out
    assert "col.3 «Livello atteso» → target (risultato atteso): dedotta dal contenuto: le celle indicano soglie" in out
    assert "col.4 «Misurato» → risultato (consuntivo): dedotta dal contenuto" in out
    assert "indicatori letti: 2 (r.9 – r.10): «Imprese assistite», «Tempo medio di risposta»" in out
    assert "NUMERO «1» NON LETTO COME TITOLO «1. Premessa metodologica»: nella sua parte del documento non c'è" in out
    assert "r.26 NUMERO «2» NON LETTO COME TITOLO «2. Fonti dei dati»" in out
    assert "aree strategiche: 2, obiettivi strategici: 3, obiettivi operativi: 0; indicatori: 4" in out
    assert "manca: obiettivi senza peso: tutti su 5" in out
    assert "manca: indicatori senza risultato: 1 su 4" in out


def test_a_numbered_chapter_and_a_single_depth_are_no_objectives(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "lodi.txt"
    src.write_text(NO_TREE, encoding="utf-8")
    code, out, _ = explain(capsys, str(src))
    assert code == 0
    assert "r.4 NUMERO «1» NON LETTO COME TITOLO «1. Competitività delle imprese»: numerazione dei capitoli" in out
    assert "r.6 NUMERO «1.1» NON LETTO COME TITOLO «1.1 Digitalizzazione delle imprese»: un solo livello" in out
    assert "r.9 «Imprese assistite | 60 | >= 100 | 130»: nessun obiettivo aperto prima della tabella" in out
    assert "manca: obiettivi: nessun titolo riconosciuto" in out
    assert "nessun obiettivo né indicatore riconosciuto [no_structure]" in out


def test_explain_outline_keeps_what_plan_outline_keeps_and_says_why_not(tmp_path: Path) -> None:
    src = tmp_path / "lodi.txt"
    src.write_text(NUMBERED, encoding="utf-8")
    doc, profile = read_document(src), get_profile("generic")
    entries = explain_outline(doc, profile)
    assert {e.key: e.level for e in entries if e.level} == {k: m.level for k, m in plan_outline(doc, profile).items()}
    reasons = {e.title: (e.depth, e.evidence, e.level, e.reason) for e in entries}
    assert reasons["Digitalizzazione delle imprese"] == (2, True, "strategic", "")
    assert reasons["Premessa metodologica"] == (1, False, None, "no_evidence")


def test_brescia_sample_names_level_words_and_indicator_columns(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = explain(capsys, str(sample("brescia_piao_2024_semestrale.txt")))
    assert code == 0
    assert "Profilo: brescia_piao" in out and "letto dal modulo dedicato «brescia_piao»" in out
    assert "1.00  brescia_piao — frasi trovate: Piano integrato di attività e organizzazione" in out
    lines = out.splitlines()
    heading = next(i for i, ln in enumerate(lines) if ln.startswith("r.339 TITOLO → obiettivo strategico 1.1 "))
    assert "(peso 50)" in lines[heading]
    assert "parola di livello «OBIETTIVO STRATEGICO» (somiglianza 100%)" in lines[heading + 1]
    assert "sotto 1 (per codice" in lines[heading + 2]
    assert "r.33 TITOLO RIPETUTO obiettivo strategico 1.1: stesso obiettivo letto a r.339" in out
    assert "col.3 «peso» → peso: parola d'intestazione uguale al sinonimo «Peso» del profilo (100%)" in out
    assert "col.4 «Risultato atteso 2024» → target (risultato atteso): parola d'intestazione simile al sinonimo " \
           "«Risultato atteso»" in out
    assert "indicatori letti: 3 (r.413 – r.415): «Partecipazione al CSS" in out
    assert "aree strategiche: 3, obiettivi strategici: 9, obiettivi operativi: 27; indicatori: 93" in out


def test_brescia_with_the_generic_profile_shows_codes_under_a_section(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = explain(capsys, str(sample("brescia_piao_2024_semestrale.txt")), "--profile", "generic")
    assert code == 0 and "scelto dall'utente con --profile" in out
    assert "r.36 SEZIONE «OBIETTIVI OPERATIVI»" in out
    assert "r.37 TITOLO → obiettivo operativo 1.1.1" in out
    assert "codice senza parola di livello sotto la sezione a r.36 che annuncia obiettivi operativi" in out


def _two_page_pdf(path: Path) -> Path:
    page1 = [(50, 60, "Relazione sulla performance 2023"), (50, 100, "AREA STRATEGICA 1"),
             (50, 115, "Competitività delle imprese"), (50, 150, "Premessa e contesto del documento.")]
    page2 = [(50, 60, "OBIETTIVO STRATEGICO 1.1"), (50, 75, "Digitalizzazione")]
    for y, cells in ((110, ("Indicatore", "Peso", "Target", "Consuntivo")),
                     (125, ("Imprese assistite", "50%", ">= 100", "130")),
                     (140, ("Tempo medio di risposta", "50%", "<= 5 gg", "4 gg"))):
        page2 += [(x, y, text) for x, text in zip((50, 250, 330, 420), cells, strict=True)]
    path.write_bytes(make_pdf([page1, page2]))
    return path


def test_page_limits_the_listing_to_one_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = _two_page_pdf(tmp_path / "lodi.pdf")
    code, out, _ = explain(capsys, str(pdf), "--page", "2")
    assert code == 0 and "solo pagina 2" in out
    assert "p.2 r.1 TITOLO → obiettivo strategico 1.1 «Digitalizzazione»" in out
    assert "sotto 1 (per codice" in out  # the area opened on page 1 is its parent
    assert "indicatori letti: 2 (p.2 r.4 – p.2 r.5)" in out
    assert "AREA STRATEGICA" not in out and "p.1 " not in out
    assert "aree strategiche: 1, obiettivi strategici: 1" in out  # the summary covers the whole document


def test_a_page_that_does_not_exist_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = _two_page_pdf(tmp_path / "lodi.pdf")
    code, out, err = explain(capsys, str(pdf), "--page", "7")
    assert code == 2 and not out
    assert err.count("\n") == 1 and "--page 7: nessun contenuto a pagina 7" in err
    text = tmp_path / "lodi.txt"
    text.write_text(NUMBERED, encoding="utf-8")
    code, _, err = explain(capsys, str(text), "--page", "1")
    assert code == 2 and "il documento non ha pagine" in err


@pytest.mark.parametrize(("name", "content"), [("missing.txt", None), ("empty.txt", ""), ("broken.pdf", "%PDF-1.4 x")])
def test_bad_input_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
                                       content: str | None) -> None:
    src = tmp_path / name
    if content is not None:
        src.write_text(content, encoding="utf-8")
    code, out, err = explain(capsys, str(src))
    assert code == 2 and not out
    assert err.startswith("relazione: errore: ") and err.count("\n") == 1 and "Traceback" not in err


def test_an_unknown_profile_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "lodi.txt"
    src.write_text(NUMBERED, encoding="utf-8")
    code, _, err = explain(capsys, str(src), "--profile", "nessuno")
    assert code == 2 and "profilo sconosciuto 'nessuno'" in err
