"""A thin reading says so: warnings naming what is missing, exit 1 under --strict, a confidence per record."""

from __future__ import annotations

import json
from pathlib import Path

from relazione.cli.main import main

OBJECTIVES_ONLY = """Relazione sulla Performance 2024
Obiettivo strategico 1.1 - Digitalizzare i servizi
Il servizio è stato avviato e procede secondo i tempi previsti dal programma.
Obiettivo strategico 1.2 - Sostenere le imprese
Le imprese sono state sostenute con bandi e contributi nel corso dell'anno.
"""


def _extract(tmp_path: Path, text: str, *extra: str) -> tuple[int, dict]:
    doc, out = tmp_path / "doc.txt", tmp_path / "out.json"
    doc.write_text(text, encoding="utf-8")
    code = main(["extract", str(doc), "-o", str(out), "--force", *extra])
    return code, json.loads(out.read_text(encoding="utf-8"))


def test_objectives_without_indicators_warn_and_fail_under_strict(tmp_path: Path) -> None:
    code, data = _extract(tmp_path, OBJECTIVES_ONLY, "--strict")
    thin = [w for w in data["warnings"] if w["code"] == "thin_result"]
    assert code == 1 and thin
    assert "nessun indicatore" in thin[0]["message"] and "relazione explain" in thin[0]["message"]


def test_indicators_without_target_or_result_are_a_thin_reading(tmp_path: Path) -> None:
    text = ("Obiettivo operativo 1.1.1 - Fascicolo elettronico\nIndicatore\tPeso\tTarget\tConsuntivo\n"
            "Fascicoli aperti\t50%\t\t\nPratiche digitali\t50%\t\t\n")
    _, data = _extract(tmp_path, text)
    assert any("senza target né risultato" in w["message"] for w in data["warnings"])


def test_a_complete_reading_has_no_thin_warning(tmp_path: Path) -> None:
    text = ("Obiettivo operativo 1.1.1 - Fascicolo elettronico\nIndicatore\tPeso\tTarget\tConsuntivo\n"
            "Fascicoli aperti\t100%\t>= 50\t60\n")
    code, data = _extract(tmp_path, text, "--strict")
    assert code == 0 and not data["warnings"]


def test_confidence_tells_a_level_word_from_numbering_and_header_words_from_content(tmp_path: Path) -> None:
    text = ("Obiettivo strategico 1.1 - Digitalizzare\nPeso 100%\n\n1.1.1 Fascicolo elettronico\n"
            "Indicatore\tQuota\tLimite\tDato\nFascicoli aperti\t100\t>= 50\t60\n\n"
            "1.1.2 Cassetto digitale\nIndicatore\tPeso\tTarget\tConsuntivo\nAdesioni\t100%\t>= 40%\t45%\n")
    _, data = _extract(tmp_path, text)
    report = data["reports"][0]
    confidence = {o["code"]: o["confidence"] for o in report["objectives"]}
    assert confidence["1.1"] == 1.0 and confidence["1.1.1"] == 0.8
    by_name = {i["name"]: i["confidence"] for i in report["indicators"]}
    assert by_name == {"Fascicoli aperti": 0.75, "Adesioni": 1.0}
