"""Both seeds extract to exactly the content of their curated files, stage by stage against golden files."""

from __future__ import annotations

import pytest

from conftest import SEED_2014, SEED_2022
from avtale.extract import extract

from extract_helpers import check_golden, content
from extract_stages import run_stages

SEEDS = {"2014": SEED_2014, "2022": SEED_2022}


@pytest.mark.parametrize("stage", ["read", "clean", "unwrap", "recognise", "build", "notes"])
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_stage_golden(seed, stage):
    check_golden(f"seed{seed}.{stage}.txt", run_stages(SEEDS[seed])[stage])


def test_seed_2014_equals_curated(agreement_2014):
    result = extract(SEED_2014)
    assert content(result.agreement) == content(agreement_2014)
    assert result.agreement.status == "signed"


def test_seed_2022_equals_curated(agreement_2022):
    result = extract(SEED_2022)
    assert content(result.agreement) == content(agreement_2022)
    assert result.agreement.status == "draft"  # no signature block in the export: the drafter decides


def test_seed_2014_noise_reported_with_lines():
    notes = extract(SEED_2014).notes.render("s")
    assert "s:45: dropped: «[bookmark: _GoBack]» (bookmark marker)" in notes
    assert "s:47: dropped: «image1.jpeg» (image file name)" in notes
    assert "s:53: dropped: «B» (single letter (logo text))" in notes
    assert "s:55: dropped: «KUNNSKAPSDEPARTEMENTET» (text in a logo after the end of the agreement)" in notes
    assert "s:57: dropped: «— ——» (no letters (rule or logo))" in notes
