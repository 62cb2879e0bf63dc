"""The ``relazione`` command: a thin layer over readers, engine, records and exporters.

Exit status: 0 ok; 1 extracted with warnings under ``--strict``; 2 bad input (one-line error).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from relazione import __version__
from relazione.errors import RelazioneError

EXIT_OK, EXIT_WARNINGS, EXIT_BAD_INPUT = 0, 1, 2
EXPLAIN_DESCRIPTION = (
    "Mostra come il documento è stato letto, blocco per blocco: il profilo usato e perché, i titoli riconosciuti "
    "(livello, codice, segnali), le tabelle (intestazione, colonne e campi, righe lette e non lette con il motivo) "
    "e un riepilogo di cosa manca. Serve a capire perché qualcosa non è stato letto e a scrivere un profilo."
)


def _cmd_extract(args: argparse.Namespace) -> int:
    from relazione.cli.extract_files import extract_files

    return extract_files(
        [Path(f) for f in args.files], Path(args.output), fmt=args.format, profile_name=args.profile,
        force=args.force, strict=args.strict, jobs=args.jobs,
    )


def _cmd_detect(args: argparse.Namespace) -> int:
    from relazione.extract.detect import rank_profiles
    from relazione.readers import read_document

    doc = read_document(Path(args.file))
    ranked = rank_profiles(doc)
    print(f"{args.file}: {ranked[0].profile.name}")
    for c in ranked:
        found = f"  ({', '.join(c.found)})" if c.found else ""
        print(f"  {c.score:5.2f}  {c.profile.name}{found}")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from relazione.records.model import load

    records = load(Path(args.file))
    n_obj = sum(len(r.objectives) for r in records.reports)
    n_ind = sum(len(r.indicators) for r in records.reports)
    print(f"{args.file}: valid records, {len(records.reports)} report(s), {n_obj} objectives, {n_ind} indicators")
    return EXIT_OK


def _cmd_profiles(args: argparse.Namespace) -> int:
    from relazione.extract.profiles import builtin_profiles

    for p in builtin_profiles():
        print(f"{p.name:28} {p.description}")
    return EXIT_OK


def _cmd_score(args: argparse.Namespace) -> int:
    from relazione.cli.workflow import score_file

    out = Path(args.output) if args.output else None
    return score_file(Path(args.file), out, method=args.method, force=args.force, indicators=args.indicators)


def _cmd_check(args: argparse.Namespace) -> int:
    from relazione.check.run import CheckRequest, run_check

    return run_check(CheckRequest(
        drafts=[Path(f) for f in args.files], plan=Path(args.plan) if args.plan else None, fmt=args.format,
        output=Path(args.output) if args.output else None, force=args.force, fail_on=args.fail_on,
        profile=args.profile, method=args.method, colour=sys.stdout.isatty() and not args.no_color,
    ))


def _cmd_render(args: argparse.Namespace) -> int:
    from relazione.cli.workflow import render_file

    template = Path(args.template) if getattr(args, "template", None) else None
    return render_file(Path(args.file), Path(args.output), template=template, method=args.method, force=args.force,
                       report_number=args.report, profile_name=getattr(args, "profile", None))


def _cmd_convert(args: argparse.Namespace) -> int:
    from relazione.cli.workflow import convert_files

    template = Path(args.template) if args.template else None
    return convert_files([Path(f) for f in args.files], Path(args.output), template=template, method=args.method,
                         force=args.force, profile_name=args.profile, jobs=args.jobs, report_number=args.report)


def _cmd_explain(args: argparse.Namespace) -> int:
    from relazione.extract.explain.document import explain_file

    return explain_file(Path(args.file), page=args.page, profile_name=args.profile)


def _render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, metavar="OUT.docx",
                   help="Word file to write (several reports: OUT_1.docx, OUT_2.docx ...)")
    p.add_argument("-t", "--template", metavar="TEMPLATE.docx",
                   help="a custom docxtpl template (default: built-in relazione or monitoraggio)")
    p.add_argument("--report", type=int, metavar="N", help="render only the N-th report of the records (1-based)")
    p.add_argument("--method", default="integra", choices=("integra", "bands"), help="scoring method")
    p.add_argument("--force", action="store_true", help="overwrite existing output files")
    p.set_defaults(func=_cmd_render)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="relazione",
        description="Estrae, genera e verifica i documenti di performance delle Camere di Commercio.",
    )
    parser.add_argument("--version", action="version", version=f"relazione {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="extract records from reports (text, PDF, DOCX)",
                       description="Extract areas, objectives and indicators into records.")
    p.add_argument("files", nargs="+", metavar="FILE", help="report files, or folders to walk (batch)")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file (one input) or folder (several inputs or a folder)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="batch: files processed in parallel (default: the number of cores)")
    p.add_argument("--format", choices=("json", "xlsx", "csv"), default=None,
                   help="output format (default: from OUT's extension, else json)")
    p.add_argument("--profile", metavar="NAME", help="profile name or .toml file (default: detected)")
    p.add_argument("--force", action="store_true",
                   help="overwrite existing output files (batch: redo files whose output is up to date)")
    p.add_argument("--strict", action="store_true", help="exit 1 when extraction produced warnings")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("detect", help="show which profile fits a document, with scores",
                       description="Score every profile on FILE and print the chosen one first.")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=_cmd_detect)

    p = sub.add_parser("explain", help="spiega la lettura di un documento, blocco per blocco (in italiano)",
                       description=EXPLAIN_DESCRIPTION)
    p.add_argument("file", metavar="FILE", help="il documento (.txt, .pdf, .docx, .xlsx)")
    p.add_argument("--page", type=int, metavar="N", help="solo i blocchi della pagina N (PDF) o del foglio N (xlsx)")
    p.add_argument("--profile", metavar="NOME", help="nome del profilo o file .toml (predefinito: rilevato)")
    p.set_defaults(func=_cmd_explain)

    p = sub.add_parser("validate", help="check that a JSON file is valid relazione records",
                       description="Validate a records JSON file against the shipped JSON Schema.")
    p.add_argument("file", metavar="RECORDS.json")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("profiles", help="list the built-in profiles", description="List the built-in profiles.")
    p.set_defaults(func=_cmd_profiles)

    p = sub.add_parser("score", help="compute achievement scores and print the tree",
                       description="Compute the achievement (grado di raggiungimento) of indicators, objectives, "
                                   "areas and ente; print it beside the stated scores. FILE: records JSON or a "
                                   "report (.txt/.pdf/.docx/.xlsx, extracted first).")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", metavar="OUT.json", help="write the scored records (achievement fields)")
    p.add_argument("--method", default="integra", choices=("integra", "bands"),
                   help="scoring method: integra (default, spec/scoring.md) or bands (fixed verdict bands 90/70)")
    p.add_argument("--indicatori", dest="indicators", action="store_true", help="also list every indicator")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.set_defaults(func=_cmd_score)

    p = sub.add_parser("check", help="check consistency: one draft, two drafts, or a plan against its report",
                       description="DRAFT: inconsistencies within one draft (weights, codes, missing targets, "
                                   "verdicts and scores, restated values). OLD NEW: what changed between two "
                                   "drafts. --plan PLAN REPORT: the report covers the plan. Inputs: records JSON, "
                                   ".txt, .pdf, .docx or .xlsx. "
                                   "Exit 0 no findings, 1 findings (see --fail-on), 2 error.")
    p.add_argument("files", nargs="+", metavar="DRAFT", help="one draft, or OLD NEW, or the REPORT with --plan")
    p.add_argument("--plan", metavar="PLAN", help="the plan the REPORT must cover")
    p.add_argument("--format", choices=("text", "json", "docx"), default="text",
                   help="text (terminal, default), json ({\"findings\": [...]}) or docx (Verifica di coerenza)")
    p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of the terminal (needed for docx)")
    p.add_argument("--fail-on", choices=("errore", "avviso", "nota"), default="nota",
                   help="exit 1 only for findings at least this serious (default: nota, i.e. any finding)")
    p.add_argument("--profile", metavar="NAME", help="profile for documents (default: detected)")
    p.add_argument("--method", default="integra", help="scoring method for verdicts and scores (default: integra)")
    p.add_argument("--no-color", action="store_true", help="no colours in the terminal listing")
    p.add_argument("--force", action="store_true", help="overwrite an existing output file")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("render", help="generate the Word Relazione (or monitoring) from records",
                       description="Score the records and write a Word document from a template: the Relazione "
                                   "sulla performance, or the semester monitoring for monitoraggio records.")
    p.add_argument("file", metavar="RECORDS.json")
    _render_options(p)

    p = sub.add_parser("convert", help="legacy report to Word in one step (extract, score, render)",
                       description="Extract a legacy report (.txt/.pdf/.docx/.xlsx), score it and write it as a Word "
                                   "document with the standard template.")
    p.add_argument("files", nargs="+", metavar="INPUT", help="reports, or folders to walk (batch: OUT is a folder)")
    p.add_argument("--profile", metavar="NAME", help="profile name or .toml file (default: detected)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="batch: files processed in parallel (default: the number of cores)")
    _render_options(p)
    p.set_defaults(func=_cmd_convert)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except RelazioneError as exc:
        print(f"relazione: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("relazione: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last guard: a user sees one line, never a traceback
        print(f"relazione: error: internal error ({exc.__class__.__name__}: {exc}); please report it with the "
              "input file", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
