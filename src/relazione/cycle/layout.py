"""The columns of a raccolta sheet, shared by the writer and the reader: headers, widths, what is filled in."""

from __future__ import annotations

from dataclasses import dataclass

META_SHEET = "_relazione"  # hidden: format, period, year, ente of the workbook
GUIDE_SHEET = "Istruzioni"
FORMAT_ID = "relazione.raccolta/1"


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    header: str  # "{periodo}" is replaced by the period ("Valore al 30/06")
    width: float
    to_fill: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("key", "Chiave", 14),
    Column("path", "Area / obiettivi", 16),
    Column("objective", "Obiettivo", 40),
    Column("code", "Indicatore n.", 11),
    Column("name", "Indicatore", 45),
    Column("algorithm", "Algoritmo di calcolo", 30),
    Column("unit", "Unità di misura", 13),
    Column("weight", "Peso (%)", 8),
    Column("target", "Target al {periodo}", 15),
    Column("value", "Valore al {periodo}", 15, to_fill=True),
    Column("note", "Note / azioni svolte", 40, to_fill=True),
    Column("issues", "Criticità", 30, to_fill=True),
    Column("new_target", "Nuovo target proposto", 16, to_fill=True),
    Column("reason", "Motivazione della proposta", 30, to_fill=True),
)


def header(column: Column, period: str) -> str:
    return column.header.replace("{periodo}", period)


def letter(field: str) -> str:
    """The Excel column letter of a field (the columns fit in A-Z)."""
    index = next(i for i, c in enumerate(COLUMNS) if c.field == field)
    return chr(ord("A") + index)
