"""Benchmark: rendering a Relazione of 100 objectives and 300 indicators (generated records) to Word.

Run: .venv/bin/python bench/bench_render.py [--repeat N]
Reports the first render in a fresh process (imports of docxtpl and matplotlib included: what a
user waits for) and the best of N warm renders. Scoring is included; extraction is not.
Target (issue 4): under 2 s.
"""

from __future__ import annotations

import argparse
import time

TARGET_SECONDS = 2.0
AREAS, STRATEGIC_PER_AREA, OPERATIONAL_PER_STRATEGIC = 4, 4, 5  # 4 + 16 + 80 = 100 objectives


def indicators_of(op_index: int) -> int:
    """3 or 4 indicators per operational objective: 300 in all."""
    return 3 if op_index % 4 == 0 else 4


def generated_report():  # noqa: ANN201 - Report, imported lazily so the cold timing includes the import
    from relazione.records.model import Indicator, Objective, Report
    from relazione.records.values import parse_value

    objectives, indicators = [], []
    for a in range(1, AREAS + 1):
        objectives.append(Objective("area", f"Area strategica numero {a} & servizi <alle> imprese", code=f"{a}",
                                    weight=100 / AREAS))
        for s in range(1, STRATEGIC_PER_AREA + 1):
            s_code = f"{a}.{s}"
            objectives.append(Objective("strategic", f"Obiettivo strategico di prova {s_code}", code=s_code,
                                        parent=f"{a}", weight=100 / STRATEGIC_PER_AREA, description="Descrizione"))
            for o in range(1, OPERATIONAL_PER_STRATEGIC + 1):
                o_code = f"{s_code}.{o}"
                objectives.append(Objective("operational", f"Obiettivo operativo {o_code} con un titolo lungo",
                                            code=o_code, parent=s_code, weight=100 / OPERATIONAL_PER_STRATEGIC,
                                            responsible="Area Amministrativa"))
                count = indicators_of(len(objectives))
                for n in range(1, count + 1):
                    target, actual = (">= 80%", f"{70 + 5 * n}%") if n % 2 else ("<= 30 gg", f"{25 + 3 * n} gg")
                    indicators.append(Indicator(o_code, n, f"Indicatore {n} dell'obiettivo {o_code}",
                                                weight=100 / count, algorithm="A / B",
                                                target=target, actual=actual, target_value=parse_value(target),
                                                actual_value=parse_value(actual)))
    return Report(ente="Camera di Commercio di Prova", kind="relazione", year=2024, objectives=objectives,
                  indicators=indicators)


def render_once() -> int:
    from relazione.render.word import render_report
    from relazione.scoring.aggregate import score_report

    report = generated_report()
    score_report(report)
    return len(render_report(report, source="bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    size = render_once()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        render_once()
        warm.append(time.perf_counter() - start)
    report = generated_report()
    print(f"{len(report.objectives)} objectives, {len(report.indicators)} indicators, {size // 1024} KB .docx")
    print(f"first render (imports included): {cold:.2f} s; warm best of {args.repeat}: {min(warm):.2f} s; "
          f"target < {TARGET_SECONDS:.1f} s: {'ok' if max(cold, min(warm)) < TARGET_SECONDS else 'MISSED'}")


if __name__ == "__main__":
    main()
