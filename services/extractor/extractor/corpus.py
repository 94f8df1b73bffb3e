"""Documents for the command line and the benchmarks: article ``.json`` files and TimeML ``.tml`` files.

A TimeML document's text is the content of ``<TEXT>`` with its tags removed and XML entities
unescaped; offsets of the gold tags index that text, so the tagger and the scorers agree on them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Iterable, Iterator

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*"([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True)
class Tag:
    """An inline TimeML tag (TIMEX3, EVENT, SIGNAL) with offsets into the stripped text."""

    name: str
    attrs: dict[str, str]
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SourceDocument:
    """One document to process: its name (file stem), text, publication date and article payload."""

    doc: str
    text: str
    published_at: str | None
    article: dict = field(compare=False)


@dataclass
class TmlGold:
    """The gold annotation of one TimeML file."""

    doc: str
    text: str
    dct: str | None
    dct_tid: str | None
    timexes: list[Tag]
    events: list[Tag]
    instances: list[dict[str, str]]
    tlinks: list[dict[str, str]]


def strip_tags(marked: str) -> tuple[str, list[Tag]]:
    """Remove inline tags from ``marked``; return the plain text and the tags with plain offsets."""
    out: list[str] = []
    length = 0
    open_tags: list[tuple[str, dict[str, str], int]] = []
    tags: list[Tag] = []
    pos = 0
    for m in _TAG.finditer(marked):
        chunk = unescape(marked[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if closing:
            for i in range(len(open_tags) - 1, -1, -1):
                if open_tags[i][0] == name:
                    oname, oattrs, ostart = open_tags.pop(i)
                    tags.append(Tag(oname, oattrs, ostart, length, ""))
                    break
        elif not selfclosing:
            open_tags.append((name, dict(_ATTR.findall(attrs)), length))
    out.append(unescape(marked[pos:]))
    text = "".join(out)
    tags = [Tag(t.name, t.attrs, t.start, t.end, text[t.start:t.end]) for t in tags]
    tags.sort(key=lambda t: (t.start, -t.end))
    return text, tags


def _dct(xml: str) -> tuple[str | None, str | None]:
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", xml)
    if not m:
        return None, None
    attrs = dict(_ATTR.findall(m.group(1)))
    value = attrs.get("value", "")
    return (value[:10] if re.match(r"\d{4}-\d{2}-\d{2}", value) else None), attrs.get("tid")


def read_tml_gold(path: str | Path) -> TmlGold:
    """Parse a TimeML file; raises ValueError when it has no ``<TEXT>`` element."""
    path = Path(path)
    xml = path.read_text("utf-8")
    m = _TEXT.search(xml)
    if not m:
        raise ValueError(f"{path}: no <TEXT> element")
    text, tags = strip_tags(m.group(1))
    dct, dct_tid = _dct(xml)
    tail = xml[m.end():]
    instances = [dict(_ATTR.findall(a)) for a in re.findall(r"<MAKEINSTANCE([^>]*)/?>", tail)]
    tlinks = [dict(_ATTR.findall(a)) for a in re.findall(r"<TLINK([^>]*)/?>", tail)]
    return TmlGold(
        doc=path.stem, text=text, dct=dct, dct_tid=dct_tid,
        timexes=[t for t in tags if t.name == "TIMEX3"],
        events=[t for t in tags if t.name == "EVENT"],
        instances=instances, tlinks=tlinks,
    )


def read_document(path: str | Path) -> SourceDocument:
    """Read one ``.tml`` or article ``.json``; raises ValueError for other files or bad content."""
    path = Path(path)
    if path.suffix == ".tml":
        gold = read_tml_gold(path)
        article = {"id": gold.doc, "text": gold.text, "published_at": gold.dct}
    elif path.suffix == ".json":
        try:
            article = json.loads(path.read_text("utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not JSON: {exc}") from None
        if not isinstance(article, dict) or not isinstance(article.get("text"), str):
            raise ValueError(f"{path}: not an article (an object with a text)")
        article.setdefault("id", path.stem)
    else:
        raise ValueError(f"{path}: expected a .tml or .json file")
    return SourceDocument(path.stem, article["text"], article.get("published_at"), article)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the ``.tml``/``.json`` files under folders named, in sorted order."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.suffix in (".tml", ".json") and f.name != "gold.json"))
        else:
            files.append(p)
    return files


def read_documents(paths: Iterable[str | Path]) -> Iterator[SourceDocument]:
    for path in expand(paths):
        yield read_document(path)
