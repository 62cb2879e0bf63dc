"""The ``relazione`` command: a thin layer over readers, engine, records and exporters.

Exit status: 0 ok; 1 extracted with warnings under ``--strict``; 2 bad input (one-line error).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from relazione import __version__
from relazione.cli.cycle_commands import add_cycle_commands
from relazione.cli.interrupt import Interrupted, interruptible
from relazione.cli.parser_it import speak_italian
from relazione.errors import RelazioneError, shown_path
from relazione.readers.pdf_source import DEFAULT_ENGINE, ENGINES

if TYPE_CHECKING:
    from relazione.cli.workflow import RenderOptions
    from relazione.readers.pdf_ocr import OcrMode
    from relazione.readers.pdf_reading import PdfReading

EXIT_OK, EXIT_WARNINGS, EXIT_BAD_INPUT = 0, 1, 2
DETECT_PAGES = 10  # a report's family shows on its first pages: detect reads no more of a PDF
EXPLAIN_DESCRIPTION = (
    "Mostra come il documento è stato letto, blocco per blocco: il profilo usato e perché, i titoli riconosciuti "
    "(livello, codice, segnali), le tabelle (intestazione, colonne e campi, righe lette e non lette con il motivo) "
    "e un riepilogo di cosa manca. Serve a capire perché qualcosa non è stato letto e a scrivere un profilo."
)


def _cmd_extract(args: argparse.Namespace) -> int:
    from relazione.cli.extract_files import extract_files

    return extract_files(
        [Path(f) for f in args.files], Path(args.output), fmt=args.format, profile_name=args.profile,
        force=args.force, strict=args.strict, jobs=args.jobs, pdf_reading=_pdf_reading(args),
    )


def _cmd_detect(args: argparse.Namespace) -> int:
    from relazione.extract.detect import rank_profiles
    from relazione.readers import read_document

    doc = read_document(Path(args.file), _pdf_reading(args, max_pages=DETECT_PAGES))
    ranked = rank_profiles(doc)
    print(f"{shown_path(args.file)}: {ranked[0].profile.name}")
    for c in ranked:
        found = f"  ({', '.join(c.found)})" if c.found else ""
        print(f"  {c.score:5.2f}  {c.profile.name}{found}")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from relazione.records.model import load

    records = load(Path(args.file))
    n_obj = sum(len(r.objectives) for r in records.reports)
    n_ind = sum(len(r.indicators) for r in records.reports)
    print(f"{shown_path(args.file)}: dati validi, {len(records.reports)} report, {n_obj} obiettivi, {n_ind} indicatori")
    return EXIT_OK


def _cmd_profiles(args: argparse.Namespace) -> int:
    from relazione.extract.profiles import builtin_profiles

    for p in builtin_profiles():
        print(f"{p.name:28} {p.description}")
    return EXIT_OK


def _cmd_score(args: argparse.Namespace) -> int:
    from relazione.cli.workflow import score_file

    out = Path(args.output) if args.output else None
    return score_file(Path(args.file), out, method=args.method, force=args.force, indicators=args.indicators,
                      min_coverage=args.min_coverage, pdf_reading=_pdf_reading(args))


def _cmd_check(args: argparse.Namespace) -> int:
    from relazione.check.run import CheckRequest, run_check

    return run_check(CheckRequest(
        drafts=[Path(f) for f in args.files], plan=Path(args.plan) if args.plan else None, fmt=args.format,
        output=Path(args.output) if args.output else None, force=args.force, fail_on=args.fail_on,
        profile=args.profile, method=args.method, colour=sys.stdout.isatty() and not args.no_color,
        pdf_reading=_pdf_reading(args),
    ))


def _render_options_of(args: argparse.Namespace) -> RenderOptions:
    from relazione.cli.workflow import RenderOptions  # imported when needed, as every command's work

    return RenderOptions(
        method=args.method, template=Path(args.template) if args.template else None, force=args.force,
        report_number=args.report, min_coverage=args.min_coverage, pdf=args.pdf,
        kind=getattr(args, "kind", None), profile=getattr(args, "profile", None),
        pdf_reading=_pdf_reading(args), history=tuple(Path(f) for f in args.history),
    )


def _cmd_render(args: argparse.Namespace) -> int:
    from relazione.cli.workflow import render_file

    return render_file(Path(args.file), Path(args.output), _render_options_of(args))


def _cmd_convert(args: argparse.Namespace) -> int:
    from relazione.cli.workflow import convert_files

    return convert_files([Path(f) for f in args.files], Path(args.output), _render_options_of(args), jobs=args.jobs)


def _cmd_explain(args: argparse.Namespace) -> int:
    from relazione.extract.explain.document import explain_file

    return explain_file(Path(args.file), page=args.page, profile_name=args.profile, pdf_reading=_pdf_reading(args))


def _ocr_mode(text: str) -> OcrMode:
    from relazione.readers.pdf_ocr import OcrMode  # imported on use: the readers take 0.3 s to import

    try:
        return OcrMode(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"valore non valido: {text!r} (scegliere fra auto, sempre, mai)") from None


def _pdf_reading(args: argparse.Namespace, max_pages: int | None = None) -> PdfReading:
    """How this command reads PDFs: ``--pdf-engine`` and ``--ocr`` as one value (defaults where the
    command has neither)."""
    from relazione.readers.pdf_reading import DEFAULT_READING, PdfReading

    return PdfReading(engine=getattr(args, "pdf_engine", DEFAULT_READING.engine),
                      ocr=getattr(args, "ocr", DEFAULT_READING.ocr), max_pages=max_pages)


def _percent(text: str) -> float:
    try:
        value = float(text.replace(",", ".").rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"non è una percentuale: {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"la percentuale va da 0 a 100: {text!r}")
    return value


def _coverage_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--copertura-minima", dest="min_coverage", type=_percent, default=100.0, metavar="PERCENTUALE",
                   help="quota minima (0-100) di obiettivi figli e indicatori valutabili perché il grado di "
                        "raggiungimento di un obiettivo, di un'area o dell'ente sia mostrato; sotto, \"n.d.\" con "
                        "il motivo (predefinito: 100, cioè tutti)")


def _render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, metavar="OUT.docx",
                   help="file Word da scrivere (più report: OUT_1.docx, OUT_2.docx ...); OUT.pdf scrive solo il PDF, "
                        "con il sommario compilato (serve LibreOffice)")
    p.add_argument("--pdf", action="store_true",
                   help="scrive anche OUT.pdf accanto a OUT.docx, entrambi con il sommario compilato "
                        "(serve LibreOffice)")
    p.add_argument("-t", "--template", metavar="MODELLO.docx",
                   help="un modello docxtpl proprio (predefinito: quello della Relazione, del monitoraggio o del PIRA)")
    p.add_argument("--report", type=int, metavar="N", help="solo l'N-esimo report dei dati (da 1)")
    p.add_argument("--method", default="integra", choices=("integra", "bands"), help="metodo di calcolo dei punteggi")
    p.add_argument("--force", action="store_true", help="sovrascrive i file già esistenti")
    p.add_argument("--storico", dest="history", nargs="+", action="extend", default=[], metavar="ANNO_PRIMA.json",
                   help="dati (.json) o documenti degli anni precedenti dello stesso ente: la Relazione mostra "
                        "per ogni obiettivo l'andamento negli anni di target, consuntivi e grado di raggiungimento")
    _coverage_option(p)
    _pdf_reading_options(p)
    p.set_defaults(func=_cmd_render)


def _pdf_reading_options(p: argparse.ArgumentParser) -> None:
    """``--pdf-engine`` and ``--ocr``: every command that may read a PDF takes both."""
    p.add_argument("--pdf-engine", choices=ENGINES, default=DEFAULT_ENGINE,
                   help="libreria che legge i PDF: pdfium (predefinita, veloce) o pdfplumber (lenta, di "
                        "riferimento per confrontare le letture)")
    p.add_argument("--ocr", type=_ocr_mode, default="auto", metavar="{auto,sempre,mai}",
                   help="pagine dei PDF da leggere con l'OCR (Tesseract): auto, quelle scansionate, senza testo "
                        "(predefinito); sempre, tutte, anche quelle con testo; mai, nessuna")


def _parser(sub: argparse._SubParsersAction, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=summary, description=description, add_help=False)
    p.add_argument("-h", "--help", action="help", help="mostra questo aiuto ed esce")
    return p


def build_parser() -> argparse.ArgumentParser:
    speak_italian()
    parser = argparse.ArgumentParser(
        prog="relazione", add_help=False,
        description="Estrae, genera e verifica i documenti di performance delle Camere di Commercio.",
    )
    parser.add_argument("-h", "--help", action="help", help="mostra questo aiuto ed esce")
    parser.add_argument("--version", action="version", version=f"relazione {__version__}",
                        help="mostra la versione ed esce")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMANDO", title="comandi")

    p = _parser(sub, "extract", "estrae i dati (obiettivi, indicatori) da documenti di testo, PDF, Word, Excel",
                "Legge aree, obiettivi e indicatori dei documenti e li scrive come dati (JSON, Excel o CSV).")
    p.add_argument("files", nargs="+", metavar="FILE", help="i documenti, o cartelle da percorrere (più file)")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="file da scrivere (un documento) o cartella (più documenti o una cartella)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="più file: quanti in parallelo (predefinito: il numero di processori)")
    p.add_argument("--format", choices=("json", "xlsx", "csv"), default=None,
                   help="formato dei dati (predefinito: dall'estensione di OUT, altrimenti json)")
    p.add_argument("--profile", metavar="NOME", help="nome del profilo o file .toml (predefinito: rilevato)")
    p.add_argument("--force", action="store_true",
                   help="sovrascrive i file esistenti (più file: rifà anche quelli già aggiornati)")
    p.add_argument("--strict", action="store_true", help="esce con 1 se la lettura ha dato avvisi")
    _pdf_reading_options(p)
    p.set_defaults(func=_cmd_extract)

    p = _parser(sub, "detect", "mostra quale profilo si adatta a un documento, con i punteggi",
                "Dà un punteggio a ogni profilo sul documento e stampa per primo quello scelto.")
    p.add_argument("file", metavar="FILE")
    _pdf_reading_options(p)
    p.set_defaults(func=_cmd_detect)

    p = _parser(sub, "explain", "spiega la lettura di un documento, blocco per blocco", EXPLAIN_DESCRIPTION)
    p.add_argument("file", metavar="FILE", help="il documento (.txt, .pdf, .docx, .xlsx)")
    p.add_argument("--page", type=int, metavar="N", help="solo i blocchi della pagina N (PDF) o del foglio N (xlsx)")
    p.add_argument("--profile", metavar="NOME", help="nome del profilo o file .toml (predefinito: rilevato)")
    _pdf_reading_options(p)
    p.set_defaults(func=_cmd_explain)

    p = _parser(sub, "validate", "controlla che un file JSON contenga dati di relazione validi",
                "Controlla un file di dati JSON rispetto allo schema JSON distribuito con il programma.")
    p.add_argument("file", metavar="DATI.json")
    p.set_defaults(func=_cmd_validate)

    p = _parser(sub, "profiles", "elenca i profili disponibili", "Elenca i profili di lettura disponibili.")
    p.set_defaults(func=_cmd_profiles)

    p = _parser(sub, "score", "calcola i gradi di raggiungimento e stampa l'albero",
                "Calcola il grado di raggiungimento di indicatori, obiettivi, aree ed ente e lo stampa accanto "
                "a quello dichiarato. FILE: dati JSON o un documento (.txt/.pdf/.docx/.xlsx, letto prima).")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", metavar="OUT.json", help="scrive i dati con i punteggi calcolati")
    p.add_argument("--method", default="integra", choices=("integra", "bands"),
                   help="metodo: integra (predefinito, spec/scoring.md) o bands (fasce fisse 90/70)")
    p.add_argument("--indicatori", dest="indicators", action="store_true", help="elenca anche ogni indicatore")
    _coverage_option(p)
    p.add_argument("--force", action="store_true", help="sovrascrive il file se esiste")
    _pdf_reading_options(p)
    p.set_defaults(func=_cmd_score)

    p = _parser(sub, "check", "verifica la coerenza: una bozza, due bozze, o un piano con la sua relazione",
                "BOZZA: incoerenze in una bozza (pesi, codici, target mancanti, giudizi e punteggi, valori "
                "ripetuti diversi). VECCHIA NUOVA: cosa cambia fra due bozze. --plan PIANO RELAZIONE: la "
                "relazione copre il piano. Input: dati JSON, .txt, .pdf, .docx o .xlsx. "
                "Esce con 0 se non trova nulla, 1 se trova qualcosa (vedi --fail-on), 2 per un errore.")
    p.add_argument("files", nargs="+", metavar="BOZZA", help="una bozza, o VECCHIA NUOVA, o la RELAZIONE con --plan")
    p.add_argument("--plan", metavar="PIANO", help="il piano che la RELAZIONE deve coprire")
    p.add_argument("--format", choices=("text", "json", "docx"), default="text",
                   help="text (terminale, predefinito), json ({\"findings\": [...]}) o docx (Verifica di coerenza)")
    p.add_argument("-o", "--output", metavar="OUT", help="scrive in OUT invece che sul terminale (serve per docx)")
    p.add_argument("--fail-on", choices=("errore", "avviso", "nota"), default="nota",
                   help="esce con 1 solo per rilievi almeno così gravi (predefinito: nota, cioè qualsiasi)")
    p.add_argument("--profile", metavar="NOME", help="profilo per i documenti (predefinito: rilevato)")
    p.add_argument("--method", default="integra", help="metodo di calcolo di giudizi e punteggi (predefinito: integra)")
    p.add_argument("--no-color", action="store_true", help="nessun colore nell'elenco sul terminale")
    p.add_argument("--force", action="store_true", help="sovrascrive il file se esiste")
    _pdf_reading_options(p)
    p.set_defaults(func=_cmd_check)

    p = _parser(sub, "render", "genera la Relazione (o il monitoraggio) in Word dai dati",
                "Calcola i punteggi e scrive un documento Word da un modello: la Relazione sulla performance, "
                "o il monitoraggio semestrale per dati di monitoraggio.")
    p.add_argument("file", metavar="DATI.json")
    p.add_argument("--tipo", dest="kind", choices=("relazione", "monitoraggio", "piano", "pira"), default=None,
                   help="il documento da generare (predefinito: secondo i dati; piano: il Piano della "
                        "Performance con i target del triennio)")
    _render_options(p)

    p = _parser(sub, "convert", "da un documento esistente al Word in un passo (estrae, calcola, genera)",
                "Legge un documento esistente (.txt/.pdf/.docx/.xlsx), calcola i punteggi e lo scrive come "
                "documento Word con il modello standard.")
    p.add_argument("files", nargs="+", metavar="INPUT",
                   help="i documenti, o cartelle da percorrere (OUT è allora una cartella)")
    p.add_argument("--profile", metavar="NOME", help="nome del profilo o file .toml (predefinito: rilevato)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="più file: quanti in parallelo (predefinito: il numero di processori)")
    _render_options(p)
    p.set_defaults(func=_cmd_convert)
    add_cycle_commands(sub, _parser)
    from relazione.cli.web_command import add_web_command  # imported here: the whole registration is these lines

    add_web_command(sub, _parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 must never stop a message
        getattr(stream, "reconfigure", lambda **_: None)(errors="backslashreplace")
    try:
        with interruptible():
            return int(args.func(args))
    except RelazioneError as exc:
        print(f"relazione: errore: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:  # the machine, not the input: a full disk, a read-only folder, a name too long
        print(f"relazione: errore: {RelazioneError.from_os(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Interrupted as exc:
        print("relazione: interrotto", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("relazione: interrotto", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last guard: a user sees one line, never a traceback
        print(f"relazione: errore: errore interno ({exc.__class__.__name__}: {exc}); segnalatelo allegando il "
              "documento", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
