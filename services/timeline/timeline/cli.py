"""``timeline build PATH… --out FILE.json``: a timeline from article files, without broker or server;
``timeline refile``: file a store's entries anew after an upgrade that changes where candidates are filed.

It runs the extractor's pipeline (imported only here, and only when the command runs: the
timeline service never needs spaCy) and the service's own merge code over the articles.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import redis

from . import merge
from .config import SettingsError, load_settings
from .store import Store

ENTRY_FIELDS = ("id", "date", "title", "status", "participants", "locations", "why")
MENTION_FIELDS = ("article", "start", "end", "text")


class ExtractorMissing(RuntimeError):
    """The extractor package (and its spaCy model) is not installed where the command runs."""


def extracted_events(paths: Sequence[str | Path], model: str | None = None) -> Iterator[dict]:
    """Every ``event.v1`` event the extractor finds in the article ``.json``/``.tml`` files under
    ``paths``, article by article (the extractor's selection flag ``timeline`` left as it is).

    Raises ExtractorMissing without the extractor, OSError when the model is not installed, and
    ValueError for a file that is not an article.
    """
    try:
        from extractor import config, corpus, pipeline
        from extractor.events.assemble import to_contract
    except ImportError as exc:
        raise ExtractorMissing(
            f"timeline build needs the extractor package (pip install -e services/extractor): {exc}") from exc
    nlp = pipeline.load(model or config.load_settings().spacy_model)
    articles = [doc.article for doc in corpus.read_documents(paths)]
    for doc, article in zip(pipeline.process(nlp, articles), articles):
        yield from to_contract(doc, article)


def timeline_document(entries: Iterable[dict]) -> dict:
    """What ``timeline build`` writes: the entries, each mention a trigger span of its article."""
    return {"entries": [
        {**{k: e[k] for k in ENTRY_FIELDS}, "mentions": [{k: m[k] for k in MENTION_FIELDS} for m in e["mentions"]]}
        for e in entries
    ]}


def build(paths: Sequence[str | Path], all_events: bool = False, model: str | None = None,
          settings: merge.MergeSettings = merge.MergeSettings()) -> dict:
    """The timeline document of the articles under ``paths`` (errors as ``extracted_events``)."""
    events = [e for e in extracted_events(paths, model) if all_events or e.get("timeline", True)]
    return timeline_document(merge.build(events, settings))


def refile() -> int:
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"timeline refile: {exc}", file=sys.stderr)
        return 1
    client = redis.Redis.from_url(settings.redis_url)
    try:
        filed = Store(client, settings.key_prefix).refile()
    except redis.RedisError as exc:
        print(f"timeline refile: {exc}", file=sys.stderr)
        return 1
    finally:
        client.close()
    print(f"{filed} entries filed", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="timeline", description="Timeline tools: a timeline from files, the store's upkeep.")
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("build", help="build a timeline from article .json/.tml files or folders")
    cmd.add_argument("paths", nargs="+", help="article .json or .tml files, or folders holding them")
    cmd.add_argument("--out", required=True, help="the timeline JSON file to write")
    cmd.add_argument("--all-events", action="store_true",
                     help="merge every event the extractor finds, not only those it selects for the timeline")
    cmd.add_argument("--model", help="spaCy model (default: the extractor's EXTRACTOR_SPACY_MODEL)")
    commands.add_parser("refile", help="file the stored entries anew as merge candidates (stop the mergers "
                                       "first); for a store written by a version that filed them differently")
    args = parser.parse_args(argv)
    if args.command == "refile":
        return refile()
    try:
        document = build(args.paths, all_events=args.all_events, model=args.model)
    except (ExtractorMissing, OSError, ValueError) as exc:
        print(f"timeline build: {exc}", file=sys.stderr)
        return 1
    Path(args.out).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"{len(document['entries'])} entries written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
