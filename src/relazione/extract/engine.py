"""Extraction entry point: document + profile -> Records.

A profile either drives the generic engine (:mod:`relazione.extract.generic`), names a family module in
:mod:`relazione.extract.families`, or lists ``parts`` (a composite document holding several reports, each
read by its own profile). Generic engine and families implement the same interface::

    extract(doc: Document, profile: Profile) -> Extraction

This module then does what every family shares: parse raw targets and actuals into Values and
wrap the result with the source facts.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import replace

import regex as re

from relazione.extract.completeness import completeness_warnings
from relazione.extract.extraction import Extraction
from relazione.extract.generic import walk as generic
from relazione.extract.profiles import Part, Profile, get_profile
from relazione.extract.report_evidence import not_a_report
from relazione.extract.report_split import part_ente, split_reports
from relazione.extract.restatements import add_restatements
from relazione.readers.blocks import Block, Document, Line
from relazione.records.model import Records, Report, Source, Warning_
from relazione.records.values import parse_value


def run_profile(doc: Document, profile: Profile) -> Extraction:
    if profile.parts:
        return run_composite(doc, profile)
    if profile.family:
        module = importlib.import_module(f"relazione.extract.families.{profile.family}")
        result = module.extract(doc, profile)
    else:
        return run_generic(doc, profile)
    add_restatements(doc, result.reports)  # overview rows and narrative target changes, for `check`
    return result


def run_generic(doc: Document, profile: Profile) -> Extraction:
    """The generic engine makes one report of a document: a document holding several reports is cut
    first (:mod:`relazione.extract.report_split`) and each part read on its own, as a composite's parts are."""
    result = Extraction()
    for sub in split_reports(doc, profile):
        sub_result = generic.extract(sub, profile)
        add_restatements(sub, sub_result.reports)  # overview rows and narrative target changes, for `check`
        for report in sub_result.reports:
            if result.reports:
                report.ente = part_ente(sub, profile) or result.reports[-1].ente
            _inherit_dates(report, result.reports)
        result.reports.extend(sub_result.reports)
        result.warnings.extend(sub_result.warnings)
    return result


def _block_text(block: Block) -> str:
    if isinstance(block, Line):
        return block.text
    return "\t".join(block.rows[0].texts) if block.rows else ""


def part_starts(doc: Document, profile: Profile) -> Iterator[tuple[int | None, Part]]:
    """Each part of a composite profile with the block its start line opens (None: not found), in order:
    a part is looked for after the start of the part found before it."""
    texts = [_block_text(b) for b in doc.blocks]  # once: every part's pattern is tried on them
    index = 0
    for part in profile.parts:
        search = re.compile(part.start, re.IGNORECASE).search
        start = next((i for i in range(index, len(texts)) if search(texts[i])), None)
        if start is not None:
            index = start + 1
        yield start, part


def split_parts(doc: Document, profile: Profile) -> list[tuple[Part, Document]]:
    """Cut a composite document at each part's start line (parts are found in order)."""
    starts = [(i, part) for i, part in part_starts(doc, profile) if i is not None]
    bounds = [i for i, _ in starts] + [len(doc.blocks)]
    return [
        (part, replace(doc, blocks=doc.blocks[start:end]))
        for (start, part), end in zip(starts, bounds[1:], strict=True)
    ]


def run_composite(doc: Document, profile: Profile) -> Extraction:
    result = Extraction()
    parts = split_parts(doc, profile)
    found = {id(p) for p, _ in parts}
    for part in profile.parts:
        if id(part) not in found:
            result.warnings.append(Warning_(
                "part_missing", f"non trovato l'inizio della parte letta con il profilo {part.profile!r}"))
    for part, sub in parts:
        sub_result = run_profile(sub, get_profile(part.profile))
        for report in sub_result.reports:
            if part.ente:
                report.ente = part.ente
            _inherit_dates(report, result.reports)
        result.reports.extend(sub_result.reports)
        result.warnings.extend(sub_result.warnings)
    return result


def _inherit_dates(report: Report, earlier: list[Report]) -> None:
    """A part that states no year or reference date (an annex such as a chamber's PIRA tables) is
    dated like the report of the same ente before it in the document."""
    same = next((r for r in reversed(earlier) if report.ente and r.ente == report.ente), None)
    if same is None:
        return
    report.year = report.year or same.year
    if report.reference_date is None and report.year == same.year:
        report.reference_date = same.reference_date


def extract(doc: Document, profile: Profile) -> Records:
    result = run_profile(doc, profile)
    no_report = not_a_report(doc, result.reports)
    if no_report is not None:  # its headings and tables are look-alikes: no records, and say why
        for report in result.reports:
            report.objectives, report.indicators = [], []
        result.warnings = [no_report]
    result.warnings[:0] = [Warning_(code, message, prov) for code, message, prov in doc.notes]
    for report in result.reports:
        finish_report(report)
    if no_report is None:
        result.warnings[:0] = completeness_warnings(result.reports, profile.name)  # first: the summary shows them
    source = Source(path=doc.path, sha256=doc.sha256, format=doc.format, profile=profile.name, pages=doc.pages)
    return Records(source=source, reports=result.reports, warnings=result.warnings)


def finish_report(report: Report) -> None:
    """Fill the parsed Values from the raw texts (never the other way round), and the confidence a
    family module leaves unset: code written for its layout reads what it finds with certainty."""
    for obj in report.objectives:
        if obj.confidence is None:
            obj.confidence = 1.0
    for ind in report.indicators:
        if ind.confidence is None:
            ind.confidence = 1.0
        if ind.target_value is None:
            ind.target_value = parse_value(ind.target)
        if ind.actual_value is None:
            ind.actual_value = parse_value(ind.actual)
