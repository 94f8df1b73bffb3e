"""The ``extractor`` command: run the pipeline over files, export what it finds, score exports.

    extractor extract ARTICLE.json                  the article's contract events, as a JSON array
    extractor timex PATH... --out F.jsonl           temporal expressions of .tml/.json files or folders
    extractor score-timex GOLD_DIR F.jsonl          TempEval-3 Task A figures against .tml gold
    extractor events PATH... --out F.jsonl          event mentions
    extractor score-events GOLD_DIR F.jsonl         TempEval-3 Task B figures
    extractor score-anchoring GOLD F.jsonl          event dating against gold dates

Bad input (a missing or unreadable file, bad JSON, a bad setting) ends with a one-line message on
stderr and exit status 2.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .config import load_settings
from .corpus import SourceDocument, read_document, read_documents

EXIT_BAD_INPUT = 2


class CommandError(ValueError):
    """Input a subcommand cannot work with; its message is shown to the user as is."""


def _documents(paths: Sequence[str]) -> list[SourceDocument]:
    # Read (and so check) every input before the model is loaded: a typo fails in a second.
    docs = list(read_documents(paths))
    if not docs:
        raise CommandError(f"no .tml or .json documents in {' '.join(paths)}")
    return docs


def _pipeline(disable: Iterable[str] = ()):
    # spaCy is imported only by the subcommands that run it, so scoring starts at once.
    from . import pipeline

    settings = load_settings()
    return pipeline.load(settings.spacy_model, disable=disable, config=settings.components)


def _progress(docs: list[SourceDocument]) -> Iterable[SourceDocument]:
    from tqdm import tqdm

    # disable=None: a bar on a terminal, nothing when stderr is redirected.
    return tqdm(docs, unit="doc", file=sys.stderr, disable=None)


def _write_jsonl(records: Iterable[dict], out: Path) -> int:
    # Written beside the target and renamed at the end, so a failed run leaves no truncated file.
    part = out.with_name(out.name + ".part")
    n = 0
    try:
        with part.open("w", encoding="utf-8") as f:
            for record in records:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
        part.replace(out)
    finally:
        part.unlink(missing_ok=True)
    return n


def cmd_extract(args: argparse.Namespace) -> int:
    from . import extraction

    # The worker's function: the article is validated against the contract the same way.
    message = extraction.run(_pipeline(), read_document(args.article).article)
    print(json.dumps(message["events"], ensure_ascii=False, indent=2))
    return 0


def _export(args: argparse.Namespace, kind: str, run: Callable, disable: Iterable[str] = ()) -> int:
    docs = _documents(args.paths)
    out = Path(args.out)
    if not out.parent.is_dir():
        raise CommandError(f"{out.parent}: no such folder for --out")
    n = _write_jsonl(run(_pipeline(disable), _progress(docs)), out)
    print(f"{n} {kind} from {len(docs)} documents written to {args.out}", file=sys.stderr)
    return 0


def cmd_timex(args: argparse.Namespace) -> int:
    from . import export

    return _export(args, "temporal expressions", export.timexes, disable=export.AFTER_TIMEX)


def cmd_events(args: argparse.Namespace) -> int:
    from . import export

    return _export(args, "event mentions", export.events)


def cmd_score_timex(args: argparse.Namespace) -> int:
    from .scoring import timex

    alignment = timex.score_files(args.gold_dir, args.system)
    print(timex.format_scores(timex.score_alignment(alignment)))
    if args.errors:
        print("\ndoc\terror\tgold\tsystem")
        for line in timex.format_errors(alignment):
            print(line)
    return 0


def cmd_score_events(args: argparse.Namespace) -> int:
    from .scoring import events

    print(events.report(events.figures(args.gold_dir, args.system)))
    return 0


def cmd_score_anchoring(args: argparse.Namespace) -> int:
    from .scoring import anchoring

    print(anchoring.report(anchoring.figures(args.gold, args.system)))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="extractor", description="Find, export and score events and time expressions.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("extract", help="print an article's contract events as a JSON array")
    s.add_argument("article", metavar="ARTICLE.json")
    s.set_defaults(run=cmd_extract)

    for name, run, what in (("timex", cmd_timex, "temporal expressions"), ("events", cmd_events, "event mentions")):
        s = sub.add_parser(name, help=f"write the {what} of documents as JSON lines")
        s.add_argument("paths", nargs="+", metavar="PATH", help=".tml or article .json files, or folders of them")
        s.add_argument("--out", required=True, metavar="FILE.jsonl")
        s.set_defaults(run=run)

    s = sub.add_parser("score-timex", help="TempEval-3 Task A figures of a timex export against .tml gold")
    s.add_argument("gold_dir", metavar="GOLD_DIR")
    s.add_argument("system", metavar="FILE.jsonl")
    s.add_argument("--errors", action="store_true", help="also list every missed, spurious or wrong expression")
    s.set_defaults(run=cmd_score_timex)

    s = sub.add_parser("score-events", help="TempEval-3 Task B figures of an event export against .tml gold")
    s.add_argument("gold_dir", metavar="GOLD_DIR")
    s.add_argument("system", metavar="FILE.jsonl")
    s.set_defaults(run=cmd_score_events)

    s = sub.add_parser("score-anchoring", help="event dates of an event export against gold dates")
    s.add_argument("gold", metavar="GOLD")
    s.add_argument("system", metavar="FILE.jsonl")
    s.set_defaults(run=cmd_score_anchoring)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns its exit status (2 for bad input, with a message on stderr)."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (OSError, ValueError, KeyError) as exc:
        # OSError covers missing files and a model that is not installed; ValueError bad content
        # (JSON, TimeML, settings, contract); KeyError a gold file without the fields it needs.
        message = " ".join(str(exc).split())
        print(f"extractor {args.command}: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
