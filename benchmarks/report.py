"""Sections of docs/performance.md that benchmarks own, between ``<!-- NAME:begin/end -->`` markers."""
from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "performance.md"


def write_section(name: str, body: str, doc_path: Path = DOC) -> None:
    """Replace section ``name`` of ``doc_path`` (or append it), leaving the other sections alone."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = doc_path.read_text() if doc_path.exists() else "# Performance\n"
    section = f"{begin}\n{body.rstrip()}\n{end}"
    if begin in text and end in text:
        text = text[:text.index(begin)] + section + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    doc_path.write_text(text)
