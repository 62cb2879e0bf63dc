"""Shared fixtures: the bundled samples and their hand-reviewed expected records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def sample(name: str) -> Path:
    return SAMPLES / name


def expected_records(stem: str) -> dict:
    return json.loads((SAMPLES / "expected" / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture
def tmp_out(tmp_path: Path) -> Path:
    return tmp_path / "out.json"
