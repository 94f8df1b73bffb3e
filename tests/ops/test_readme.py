"""The README tells the truth about what the code defines."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import extractor.config
import timeline.config

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def table_rows(doc: str) -> list[str]:
    return [line.strip() for line in doc.splitlines() if re.match(r"\s*\| [A-Z_]+ \|", line)]


@pytest.mark.parametrize("module", [extractor.config, timeline.config], ids=["extractor", "timeline"])
def test_every_setting_is_in_the_readme_as_the_code_documents_it(module):
    rows = table_rows(module.__doc__)
    assert rows
    missing = [row for row in rows if row not in README]
    assert not missing, "README's configuration tables differ from the code's:\n" + "\n".join(missing)


@pytest.mark.parametrize("target", ["run", "test", "bench-timex", "bench-extract", "bench-merge", "bench-timeline"])
def test_make_targets_named_in_the_readme_exist(target):
    assert f"make {target}" in README
    assert re.search(rf"^{re.escape(target)}:", (ROOT / "Makefile").read_text(), re.M)
