"""The work behind ``relazione check``: read the drafts, run the right checks, write the findings."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from relazione.check.diff import diff_records
from relazione.check.findings import Finding, at_least
from relazione.check.inputs import load_draft
from relazione.check.output import terminal, to_json, write_docx
from relazione.check.plan import check_plan
from relazione.check.single import check_records
from relazione.errors import RelazioneError
from relazione.fileio import refuse_existing
from relazione.readers.pdf_reading import DEFAULT_READING, PdfReading
from relazione.scoring.methods import get_method

EXIT_CLEAN, EXIT_FINDINGS = 0, 1


@dataclass
class CheckRequest:
    drafts: list[Path]
    plan: Path | None = None
    fmt: str = "text"
    output: Path | None = None
    force: bool = False
    fail_on: str = "nota"
    profile: str | None = None
    method: str = "integra"
    colour: bool = False
    pdf_reading: PdfReading = DEFAULT_READING  # how PDFs are read (--pdf-engine, --ocr)


def run_check(req: CheckRequest) -> int:
    _validate(req)
    findings = _findings(req)
    _emit(findings, req)
    return EXIT_FINDINGS if at_least(findings, req.fail_on) else EXIT_CLEAN


def _validate(req: CheckRequest) -> None:
    try:
        get_method(req.method)
    except ValueError as exc:
        raise RelazioneError(None, str(exc)) from None
    if req.plan is not None and len(req.drafts) != 1:
        raise RelazioneError(None, "check --plan PIANO RELAZIONE vuole una sola RELAZIONE")
    if not 1 <= len(req.drafts) <= 2:
        raise RelazioneError(None, "check vuole una bozza (BOZZA) o due (VECCHIA NUOVA)")
    if req.fmt == "docx" and req.output is None:
        raise RelazioneError(None, "--format docx richiede -o OUT.docx")
    if req.output is not None:
        refuse_existing(req.output, req.force)


def _findings(req: CheckRequest) -> list[Finding]:
    if req.plan is not None:
        return check_plan(load_draft(req.plan, req.profile, req.pdf_reading),
                          load_draft(req.drafts[0], req.profile, req.pdf_reading))
    drafts = [load_draft(p, req.profile, req.pdf_reading) for p in req.drafts]
    if len(drafts) == 2:
        return diff_records(drafts[0], drafts[1], req.method)
    return check_records(drafts[0], req.method)


def _emit(findings: list[Finding], req: CheckRequest) -> None:
    inputs = [str(p) for p in ([req.plan] if req.plan else []) + req.drafts]
    if req.fmt == "docx":
        assert req.output is not None
        write_docx(findings, req.output, inputs=inputs, force=req.force)
        print(terminal(findings, colour=req.colour).splitlines()[-1], file=sys.stderr)
        return
    text = to_json(findings) if req.fmt == "json" else terminal(findings, colour=req.colour and req.output is None)
    if req.output is None:
        sys.stdout.write(text)
    else:
        from relazione.fileio import write_atomic

        write_atomic(req.output, text.encode("utf-8"), force=req.force)
