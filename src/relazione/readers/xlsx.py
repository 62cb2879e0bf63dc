"""Excel reader (openpyxl): the visible worksheets of an .xlsx/.xlsm workbook -> the block stream.

Offices keep plans and monitoring in workbooks; read as blocks they go through the same extractors
as a Word or text report.

- Sheets in tab order; hidden and empty sheets are skipped. A sheet's name is a Line before its
  content (offices name sheets after areas), except Excel's default names ("Foglio1", "Sheet2"),
  which say nothing and could be taken for the title of a heading that ends the sheet before.
- A fully empty row cuts the sheet into runs of rows. In a run, a row whose only filled cell is text
  is a Line (a heading or a note); consecutive rows with two or more filled cells (or one number)
  are a Table (origin "xlsx"), columns aligned (same column, same cell index), trailing empty
  columns dropped. The first block of a run is ``after_blank``, as after a blank line in text.
- Merged cells are read once: openpyxl keeps the value in the top-left cell and the covered cells
  empty, the convention of the Word reader (an empty cell under a value means "same as above").
- Values are the text a person sees: the cached result of a formula, numbers through their number
  format with the Italian decimal comma ("85%", "12,5", "1.500"), dates "31/12/2024", booleans SI/NO.
Provenance: ``page`` is the sheet's position among the workbook's tabs, ``line`` its row number.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

import regex as re

from relazione.errors import RelazioneError
from relazione.readers.blocks import Block, Cell, Document, Line, Provenance, Row, Table, sha256_of
from relazione.readers.clean import clean_inline
from relazione.readers.zipguard import check_package

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: legacy .xls, or an encrypted .xlsx
_ENCRYPTED_STREAM = "EncryptionInfo".encode("utf-16-le")  # stream name of a password-protected OOXML file
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# A report workbook holds a few thousand cells; openpyxl needs about 8 bytes of memory per byte of
# sheet XML and some 20 seconds per 20 MB, so a workbook expanding past this is refused, not read for minutes.
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
_DEFAULT_SHEET_NAME = re.compile(r"^(?:sheet|foglio|feuil|tabelle|hoja|planilha|blad)\s*\d*$", re.IGNORECASE)
# number format pieces: quoted literal, escaped char, [colour]/[$€-410] tag, padding _x / fill *x, one char
_FORMAT_TOKEN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].|.', re.DOTALL)
_PLACEHOLDERS = "0#?"
_LINE_BREAKS = re.compile(r"[\r\n\v\f\u2028\u2029]+")


def read_xlsx(path: str, data: bytes) -> Document:
    _refuse_compound_file(path, data)
    check_package(path, data, part="xl/workbook.xml", kind="una cartella Excel", limit=MAX_WORKBOOK_BYTES)
    workbook = _load(path, data)
    tabs = workbook.sheetnames
    blocks: list[Block] = []
    for ws in workbook.worksheets:
        content = _sheet_blocks(ws, tabs.index(ws.title) + 1) if ws.sheet_state == "visible" else []
        if content and not _DEFAULT_SHEET_NAME.match(ws.title.strip()):
            blocks.append(Line(clean_inline(ws.title), Provenance(content[0].prov.page, None), after_blank=True))
        blocks.extend(content)
    if not blocks:
        raise RelazioneError(path, "nessun testo in alcun foglio")
    return Document(path=path, format="xlsx", blocks=blocks, pages=len(tabs), sha256=sha256_of(data))


def read_ods(path: str, data: bytes) -> Document:
    """No well-kept pure-Python reader of OpenDocument spreadsheets exists on PyPI (odfpy, ezodf and
    pyexcel-ods had their last releases in 2015-2022), and LibreOffice saves .xlsx in one step."""
    raise RelazioneError(path, "foglio di calcolo OpenDocument: salvarlo come .xlsx")


def is_ods(data: bytes) -> bool:
    """An ODF zip stores its mimetype first and uncompressed, so the first bytes tell."""
    return data.startswith(b"PK") and ODS_MIMETYPE in data[:200]


def _refuse_compound_file(path: str, data: bytes) -> None:
    """Excel stores a password-protected .xlsx inside an OLE compound file, like a legacy .xls:
    the ``EncryptionInfo`` stream tells them apart."""
    if not data.startswith(OLE_MAGIC):
        return
    if _ENCRYPTED_STREAM in data:
        raise RelazioneError(path, "cartella di lavoro protetta da password: togliere la password e salvarla di nuovo")
    raise RelazioneError(path, "cartella Excel .xls (vecchio formato): salvarla come .xlsx")


def _load(path: str, data: bytes):  # noqa: ANN202 - openpyxl's Workbook, imported lazily
    """data_only: a formula cell gives the value Excel computed and cached, the one a person saw."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about every extension it does not read
            return load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
    except MemoryError:
        raise  # not damage: the batch reports it as "out of memory"
    except Exception as exc:  # openpyxl raises many types on damaged packages
        raise RelazioneError(path, f"cartella Excel danneggiata ({exc.__class__.__name__})") from None


def _sheet_blocks(ws, page: int) -> list[Block]:  # noqa: ANN001 - openpyxl Worksheet
    cells = _filled_cells(ws)
    blocks: list[Block] = []
    for run in _runs(sorted(cells)):
        blocks.extend(_run_blocks(run, cells, page))
    return blocks


def _filled_cells(ws) -> dict[int, dict[int, tuple[str, bool]]]:  # noqa: ANN001
    """row -> column -> (text, is text) for every cell showing something. The stored cells are
    walked, not the used range: one stray cell at XFD1048576 must not mean 17 billion empty ones.
    A cell covered by a merge has no value (openpyxl keeps it in the top-left cell only)."""
    rows: dict[int, dict[int, tuple[str, bool]]] = {}
    for (r, c), cell in ws._cells.items():  # noqa: SLF001 - the only sparse view openpyxl offers
        text = cell_text(cell.value, cell.number_format)
        if text:
            rows.setdefault(r, {})[c] = (text, isinstance(cell.value, str))
    return rows


def _runs(row_numbers: list[int]) -> Iterator[list[int]]:
    """Consecutive row numbers: a fully empty row ends a run."""
    run: list[int] = []
    for r in row_numbers:
        if run and r != run[-1] + 1:
            yield run
            run = []
        run.append(r)
    if run:
        yield run


def _run_blocks(run: list[int], cells: dict[int, dict[int, tuple[str, bool]]], page: int) -> Iterator[Block]:
    """One-text-cell rows are Lines; the rows between them are one table each."""
    table_rows: list[int] = []
    first = True
    for r in run:
        values = list(cells[r].values())
        if len(values) == 1 and values[0][1]:
            if table_rows:
                yield _table(table_rows, cells, page, after_blank=first)
                table_rows, first = [], False
            yield Line(values[0][0], Provenance(page, r), after_blank=first)
            first = False
        else:
            table_rows.append(r)
    if table_rows:
        yield _table(table_rows, cells, page, after_blank=first)


def _table(rows: list[int], cells: dict[int, dict[int, tuple[str, bool]]], page: int, *, after_blank: bool) -> Table:
    """Cell i of every row is column ``left + i``: the columns of the rows stay aligned."""
    left = min(min(cells[r]) for r in rows)
    right = max(max(cells[r]) for r in rows)
    out: list[Row] = []
    for r in rows:
        prov = Provenance(page, r)
        row_cells = [Cell(cells[r].get(c, ("", False))[0], prov) for c in range(left, right + 1)]
        out.append(Row(row_cells, prov, after_blank=after_blank and not out))
    return Table(out, out[0].prov, origin="xlsx")


def cell_text(value: object, number_format: str = "General") -> str:
    """The text Excel shows for a value under its number format, Italian conventions."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_inline(_LINE_BREAKS.sub(" ", value))  # a cell wrapped with Alt+Enter is one text
    if isinstance(value, bool):
        return "SI" if value else "NO"
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return _date_text(value, number_format)
    if isinstance(value, int | float):
        return _number_text(float(value), number_format or "General")
    return clean_inline(str(value))


def _date_text(value: dt.datetime | dt.date | dt.time | dt.timedelta, number_format: str) -> str:
    if isinstance(value, dt.timedelta):
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    text = value.strftime("%d/%m/%Y")
    if isinstance(value, dt.datetime) and value.time() != dt.time() and "h" in number_format.lower():
        text += value.strftime(" %H:%M")
    return text


def _number_text(value: float, number_format: str) -> str:
    sections = number_format.split(";")
    index = _section_index(sections, value)
    if index is None or abs(value) >= 1e15:
        return _general(value)
    if index == 1:
        value = -value  # the negative section shows the sign itself (often as brackets)
    tokens = _FORMAT_TOKEN.findall(sections[index])
    digits = [i for i, t in enumerate(tokens) if t in _PLACEHOLDERS]
    if not digits:  # a section of text only: '0;-0;"-"' shows a dash for zero
        return "".join(_literal(t) for t in tokens).strip() or _general(value)
    if any(t in ("E", "e") for t in tokens):
        return _general(value)
    percent = "%" in tokens
    number = _fixed(value * 100 if percent else value, tokens[digits[0]: digits[-1] + 1])
    prefix = "".join(_literal(t) for t in tokens[: digits[0]])
    suffix = "".join(_literal(t) for t in tokens[digits[-1] + 1:] if t != "%")
    return f"{prefix}{number}{'%' if percent else ''}{suffix}".strip()


def _section_index(sections: list[str], value: float) -> int | None:
    """Which section of "positive;negative;zero;text" applies; None for General and text formats."""
    if sections[0].strip().lower() in ("general", "@", ""):
        return None
    if value < 0 and len(sections) > 1 and sections[1].strip():
        return 1
    if value == 0 and len(sections) > 2 and sections[2].strip():
        return 2
    return 0


def _literal(token: str) -> str:
    """The text a format token prints: quoted text, an escaped char, the symbol of [$€-410]."""
    if token.startswith('"'):
        return token.strip('"')
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("[$"):
        return token[2:-1].split("-")[0]
    if token.startswith(("[", "_", "*")) or token in ",.":
        return " " if token.startswith("_") else ""
    return token


def _fixed(value: float, pattern: list[str]) -> str:
    """``value`` through the digit pattern "#,##0.0#": decimals as the pattern asks (Excel rounds half
    up), optional decimals dropped when zero, thousands grouped with a dot, decimal comma."""
    point = pattern.index(".") if "." in pattern else len(pattern)
    decimals = [t for t in pattern[point + 1:] if t in _PLACEHOLDERS]
    shown = Decimal(repr(value)).quantize(Decimal(1).scaleb(-len(decimals)), rounding=ROUND_HALF_UP)
    whole, _, frac = f"{abs(shown):f}".partition(".")
    frac = frac.rstrip("0").ljust(decimals.count("0"), "0") if frac else ""
    if "," in pattern[:point]:
        whole = f"{int(whole):,}".replace(",", ".")
    sign = "-" if shown < 0 else ""
    return f"{sign}{whole},{frac}" if frac else f"{sign}{whole}"


def _general(value: float) -> str:
    """Excel's General format: integers whole, other numbers to 12 significant digits (so 0.1 + 0.2
    shows 0,3, not the float's 0,30000000000000004), never in exponent form."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{Decimal(f'{value:.12g}'):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
