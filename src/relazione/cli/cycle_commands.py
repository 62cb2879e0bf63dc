"""The subcommands of the year's cycle: raccolta (the Excel form), importa (its values into the records),
nuovo-anno (next year's plan). Thin: the work is in :mod:`relazione.cycle`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def _cmd_raccolta(args: argparse.Namespace) -> int:
    from relazione.cycle.raccolta import write_raccolta

    write_raccolta(Path(args.file), Path(args.output), period=args.periodo, by=args.per, force=args.force)
    return 0


def _cmd_importa(args: argparse.Namespace) -> int:
    from relazione.cycle.importa import import_workbooks

    return import_workbooks([Path(f) for f in args.files], Path(args.records), Path(args.output),
                            partial=args.parziale, approve=args.approva, force=args.force)


def _cmd_nuovo_anno(args: argparse.Namespace) -> int:
    from relazione.cycle.nuovo_anno import write_next_year

    return write_next_year(Path(args.file), Path(args.output), force=args.force)


def add_cycle_commands(sub: argparse._SubParsersAction, new_parser: Callable[..., argparse.ArgumentParser]) -> None:
    """Il ciclo dell'anno: raccolta dei valori in Excel, importazione, piano dell'anno dopo."""
    p = new_parser(sub, "raccolta", "prepara la raccolta dei valori in Excel, da far compilare ai responsabili",
                "Scrive una cartella di lavoro Excel con un foglio per area (o per responsabile) e una riga per "
                "indicatore: obiettivo, algoritmo, unità, peso e target del periodo, poi le celle gialle da "
                "compilare (valore, note, criticità, nuovo target proposto e motivazione), controllate da Excel. "
                "Con -o CARTELLA: un file per responsabile (o area).")
    p.add_argument("file", metavar="DATI|DOCUMENTO", help="dati JSON, o un documento (piano, monitoraggio) da leggere")
    p.add_argument("-o", "--output", required=True, metavar="RACCOLTA.xlsx|CARTELLA",
                   help="il file .xlsx, o una cartella per un file per gruppo")
    p.add_argument("--periodo", choices=("30/06", "31/12"), default=None,
                   help="la data dei valori (predefinito: 30/06 per un piano, altrimenti 31/12)")
    p.add_argument("--per", choices=("area", "responsabile"), default="area", help="un foglio (o file) per area "
                   "(predefinito) o per responsabile")
    p.add_argument("--force", action="store_true", help="sovrascrive i file già esistenti")
    p.set_defaults(func=_cmd_raccolta)

    p = new_parser(sub, "importa", "importa nei dati le raccolte Excel compilate",
                "Legge una o più raccolte compilate e ne porta i valori nei dati: valore del periodo, note e "
                "criticità, nuovi target proposti come variazioni. Ogni cella non valida è segnalata con file, "
                "foglio e cella, e nulla viene scritto finché ne resta una (salvo --parziale). Esce con 0, "
                "1 se --parziale ha lasciato fuori qualcosa, 2 per un errore.")
    p.add_argument("files", nargs="+", metavar="RACCOLTA.xlsx",
                   help="le raccolte compilate (tutte dello stesso periodo)")
    p.add_argument("--in", dest="records", required=True, metavar="DATI.json",
                   help="i dati da cui è nata la raccolta")
    p.add_argument("-o", "--output", required=True, metavar="NUOVI_DATI.json", help="i dati aggiornati da scrivere")
    p.add_argument("--parziale", action="store_true", help="scrive le righe valide ed elenca le altre")
    p.add_argument("--approva", action="store_true",
                   help="i nuovi target proposti sono approvati: diventano il target (restano nello storico)")
    p.add_argument("--force", action="store_true", help="sovrascrive il file se esiste")
    p.set_defaults(func=_cmd_importa)

    p = new_parser(sub, "nuovo-anno", "prepara il piano dell'anno successivo dai dati di quest'anno",
                "Anno + 1, target del nuovo anno presi dai target pluriennali, valori, punteggi e giudizi azzerati; "
                "gli indicatori senza target per il nuovo anno sono elencati (e scritti fra gli avvisi).")
    p.add_argument("file", metavar="DATI", help="dati JSON (o un documento, letto prima)")
    p.add_argument("-o", "--output", required=True, metavar="PIANO.json", help="il piano da scrivere")
    p.add_argument("--force", action="store_true", help="sovrascrive il file se esiste")
    p.set_defaults(func=_cmd_nuovo_anno)
