"""Event mentions (TimeML EVENTs) as one-token trigger spans in ``doc.spans["events"]``.

A classifier (``events/classifier.py``, trained on TimeBank by ``benchmarks/events/timebank.py``) scores
every verb, noun and adjective for "no event" and the seven TimeML classes from parse features, the
WordNet class of nouns (``events/resources/noun_senses.tsv``), the WordNet class and complements of
verbs and nominalizations (``events/resources/verb_senses.tsv``), the WordNet hypernyms of nouns and
verbs (``events/resources/hypernyms.tsv.gz``, for the class only) and the model's contextual vectors
(``events/features.py``); a token is a trigger when "no event" has
probability below the threshold of its part of speech (``thresholds``; all but certainty in an article's
head and for the body's words of a head trigger's lemma), or when it is a word of the event lexicon
(``events/resources/event_lexicon.tsv``) heading a clause. Its class is the likeliest one over all the
Doc's triggers of the same lemma (``classes``): a word keeps one sense within an article. Tense,
aspect, polarity and modality come from its verb group (``events/verbgroup.py``). Headlines in
title case or capitals are first retagged lowercased (``recase_headlines``): the small model tags
their verbs and event nouns as proper nouns ("Riots Erupt Following Death"). Tokens in
``doc.spans["boilerplate"]`` or ``doc.spans["timex"]`` are never triggers; either key may be missing.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, IS_ALPHA, IS_TITLE, IS_UPPER, LEMMA, LENGTH, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import ADJ, NOUN, PROPN, VERB
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from ..events.classifier import OUTSIDE, TriggerClassifier
from ..events.features import DocFeatures, candidates, doc_features, lookup
from ..events.headlines import head_end
from ..events.mention import CLASSES, EventMention
from ..events.verbgroup import verb_group

SPANS_KEY = "events"
RESOURCES = Path(__file__).parent.parent / "events" / "resources"
MODEL_FILE = "trigger_model.npz"
LEXICON_PATH = RESOURCES / "event_lexicon.tsv"
NOUN_SENSES_PATH = RESOURCES / "noun_senses.tsv"
NOUN_SENSES = ("act", "communication", "event", "feeling", "phenomenon", "process", "state")
VERB_SENSES_PATH = RESOURCES / "verb_senses.tsv"
VERB_SENSES = ("body", "change", "cognition", "communication", "competition", "consumption", "contact", "creation",
               "emotion", "motion", "perception", "possession", "social", "stative", "weather")
VERB_COMPLEMENTS = ("inf", "obj_inf", "that", "whether", "ing", "none")
HYPERNYMS_PATH = RESOURCES / "hypernyms.tsv.gz"
# Which hypernyms of a word's first sense are features (indices into its hypernyms, the top first): the
# nearest two ("confide": unwrap, tell) and those one to six levels below the top ("confide": interact,
# communicate, inform, …; "loss": abstraction, relation, possession, transferred_property). Chosen by
# TimeBank cross-validation (class accuracy 0.820 -> 0.825, the nearest one alone 0.821, as features of
# both heads; 0.824 in the class head alone, as shipped: see ``events/features.py``).
HYPERNYM_LEVELS = (-1, -2, 1, 2, 3, 4, 5, 6)
CLAUSAL_DEPS = ("ROOT", "advcl", "ccomp", "xcomp", "relcl", "pcomp", "csubj")
# TimeBank, the training data, marks fewer event nouns and adjectives than other news annotation
# (ECB+, MEANTIME mark "fire", "trial", "found guilty" …). A token is a trigger when "no event" has
# probability under the cut-off of its part of speech; some nouns and adjectives get a higher one.
# Nouns whose first WordNet sense names a happening ("fire", "quake", "arson", "victory") are events
# in news wherever they stand for a participant of a clause: subject, object, object of a preposition
# ("charged with arson"); modifiers ("murder charges") and adverbial nouns ("this time") are not taken
# on that ground. Adjectives complementing a verb ("found guilty", "is dead") are states of someone.
# Other nouns are seldom events there: their cut-off stays near TimeBank's best. Together these hold
# TimeBank's cross-validated F1 and class F1 and raise the recall on other news, which
# ``benchmarks/events/mention_recall.py`` measures.
THRESHOLDS = {"VERB": 0.7, "NOUN": 0.65, "ADJ": 0.6}
HAPPENING_THRESHOLDS = {"event": 0.9, "act": 0.75, "phenomenon": 0.75, "process": 0.75}
ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "dative", "pobj", "attr", "appos", "conj", "ROOT")
PREDICATIVE_THRESHOLD = 0.7
PREDICATIVE_DEPS = ("acomp", "oprd")
# An article's head (headline, date line: ``events/headlines.py``) tells its main events in few words
# and in a style the small model tags and TimeBank shows poorly ("Colts Clinch Playoff Berth", "Red
# Sox extend offer": "extend" a noun): there a verb, noun or adjective is a trigger unless the
# classifier is all but sure it is none, and so is a word of the body with the lemma of a head
# trigger. TimeBank's texts have no head, so its figures do not move; ECB+ recall 0.732 -> 0.800 and
# CoNLL F1 67.22 -> 71.08 (``make bench-merge``), MEANTIME recall 0.765 -> 0.798. Every head word (no
# cut-off) gave ECB+ 71.41 for 4.6 % more events, the words the model is surest of being none.
HEAD_THRESHOLD = 0.99
# The model's components that tag a lowercased headline: enough for part of speech and lemma.
RETAGGERS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
RETAGGED = (VERB, NOUN, ADJ)


def load_lexicon(path: str | Path = LEXICON_PATH) -> tuple[np.ndarray, np.ndarray]:
    """(sorted lemma hashes, class hashes) from a ``lemma<TAB>CLASS`` file (a TimeML class); raises
    ValueError naming a bad line."""
    return _hash_tables(path, "lemma<TAB>CLASS", CLASSES.__contains__)[0]


def load_noun_senses(path: str | Path = NOUN_SENSES_PATH) -> tuple[np.ndarray, np.ndarray]:
    """(sorted noun lemma hashes, WordNet class hashes) from a ``noun<TAB>class`` file (a class of
    ``NOUN_SENSES``); raises ValueError naming a bad line."""
    return _hash_tables(path, "noun<TAB>class", NOUN_SENSES.__contains__)[0]


def load_verb_senses(path: str | Path = VERB_SENSES_PATH) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Two tables (sorted lemma hashes, value hashes) from a ``lemma<TAB>class<TAB>complements`` file:
    lemma to WordNet verb class (of ``VERB_SENSES``), lemma to its complements (``VERB_COMPLEMENTS``
    joined by '+'); raises ValueError naming a bad line."""
    return tuple(_hash_tables(path, "lemma<TAB>class<TAB>complements", VERB_SENSES.__contains__,
                              lambda value: set(value.split("+")) <= set(VERB_COMPLEMENTS)))


def load_hypernyms(path: str | Path = HYPERNYMS_PATH) -> dict[int, tuple[tuple[np.ndarray, np.ndarray], ...]]:
    """Per part of speech (spaCy's NOUN and VERB ids), one table (sorted lemma hashes, hypernym hashes)
    per level of ``HYPERNYM_LEVELS``, from a gzipped ``lemma<TAB>n|v<TAB>hypernyms`` file (hypernyms
    separated by spaces, the top first); a lemma without a hypernym at a level is not in that table.
    Raises ValueError naming a bad line."""
    entries: dict[str, list[tuple[int, list[int]]]] = {"n": [], "v": []}
    hashes: dict[str, int] = {}
    with gzip.open(Path(path), "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or not parts[0] or parts[1] not in entries or not parts[2].strip():
                raise ValueError(f"{path}:{n}: expected 'lemma<TAB>n|v<TAB>hypernyms', got {line!r}")
            chain = [hashes[w] if w in hashes else hashes.setdefault(w, hash_string(w)) for w in parts[2].split()]
            entries[parts[1]].append((hash_string(parts[0]), chain))
    tables = {}
    for tag, pos in (("n", NOUN), ("v", VERB)):
        ordered = sorted(entries[tag])
        keys = np.array([key for key, _ in ordered], np.uint64)
        lengths = np.array([len(chain) for _, chain in ordered], np.int64)
        chains = np.zeros((len(ordered), lengths.max(initial=0)), np.uint64)
        for row, (_, chain) in enumerate(ordered):
            chains[row, :len(chain)] = chain
        levels = []
        for level in HYPERNYM_LEVELS:
            at = level if level >= 0 else lengths + level
            has = (at >= 0) & (at < lengths)
            levels.append((keys[has], chains[np.flatnonzero(has), at[has] if level < 0 else level]))
        tables[int(pos)] = tuple(levels)
    return tables


def _hash_tables(path: str | Path, shape: str, *valid) -> list[tuple[np.ndarray, np.ndarray]]:
    """One table (sorted key hashes, value hashes) per value column of a TSV whose values pass ``valid``."""
    entries: dict[int, list[int]] = {}
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 1 + len(valid) or not parts[0] or not all(ok(v) for ok, v in zip(valid, parts[1:])):
            raise ValueError(f"{path}:{n}: expected '{shape}', got {line!r}")
        entries[hash_string(parts[0])] = [hash_string(v) for v in parts[1:]]
    keys = np.array(sorted(entries), dtype=np.uint64)
    return [(keys, np.array([entries[int(k)][c] for k in keys], dtype=np.uint64)) for c in range(len(valid))]


class EventTriggers:
    """Finds event triggers with a trained ``TriggerClassifier``."""

    def __init__(self, nlp: Language, name: str = "event_triggers", thresholds: dict[str, float] | None = None,
                 model_path: str | None = None, lexicon_path: str | None = None,
                 model: TriggerClassifier | None = None):
        """Use ``model``, else load the one at ``model_path`` (default: the shipped one).

        ``thresholds`` maps a coarse part of speech to the "no event" probability under which a token
        of it is a trigger (default ``THRESHOLDS``). Raises OSError when the model file is missing or
        unreadable, KeyError for an unknown part of speech.
        """
        self.name = name
        self.nlp = nlp
        self.thresholds = np.full(max(POS_IDS.values()) + 1, 0.5)
        for pos, value in (THRESHOLDS if thresholds is None else thresholds).items():
            self.thresholds[POS_IDS[pos]] = value
        self.lexicon = load_lexicon(lexicon_path or LEXICON_PATH)
        self.noun_senses = load_noun_senses()
        self.verb_senses = load_verb_senses()
        self.hypernyms = load_hypernyms()
        # Built-in labels are symbol ids, not hashes: the vocab gives the id the parser writes.
        self.clausal = np.array([nlp.vocab.strings[d] for d in CLAUSAL_DEPS], dtype=np.uint64)
        self.arguments = np.array([nlp.vocab.strings[d] for d in ARGUMENT_DEPS], dtype=np.uint64)
        self.predicative = np.array([nlp.vocab.strings[d] for d in PREDICATIVE_DEPS], dtype=np.uint64)
        self.happening_thresholds = {hash_string(sense): value for sense, value in HAPPENING_THRESHOLDS.items()}
        self.model = model or TriggerClassifier.from_disk(model_path or RESOURCES / MODEL_FILE)

    def __call__(self, doc: Doc) -> Doc:
        self.recase_headlines(doc)
        self.set_annotations(doc, self.predict(doc))
        return doc

    def recase_headlines(self, doc: Doc) -> None:
        """Retag the proper nouns of title-case or capitals sentences as the model tags the sentence
        lowercased, where that makes them verbs, nouns or adjectives ("Quake … Kills 10" -> "quake",
        "kill"); their tag, part of speech and lemma change, the parse stays. Nothing without a tagger."""
        if "tagger" not in self.nlp.pipe_names or not doc.has_annotation("SENT_START"):
            return
        # Found with arrays, not token by token: most Docs have no such sentence.
        alpha, title, upper, length, pos, start = doc.to_array(
            [IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH, POS, SENT_START]).astype(np.int64).T
        starts = np.flatnonzero(start == 1)
        ids = np.cumsum(start == 1) - 1
        word = (alpha == 1) & (length > 3)
        words = np.bincount(ids, word)
        capital = np.bincount(ids, word & ((title == 1) | (upper == 1)))
        names = np.bincount(ids, word & (pos == PROPN))
        headlines = np.flatnonzero((words >= 3) & (capital >= 0.8 * words) & (names > 0))
        if not len(headlines):
            return
        pipes = [proc for name, proc in self.nlp.pipeline if name in RETAGGERS]
        ends = np.append(starts[1:], len(doc))
        for k in headlines:
            sent = doc[starts[k]:ends[k]]
            lowered = self.nlp.make_doc(sent.text.lower())
            if [len(t) for t in lowered] != [len(t) for t in sent]:
                continue
            for proc in pipes:
                lowered = proc(lowered)
            for token, retagged in zip(sent, lowered):
                if token.pos == PROPN and retagged.pos in RETAGGED:
                    token.tag_, token.pos, token.lemma_ = retagged.tag_, retagged.pos, retagged.lemma_

    def predict(self, doc: Doc) -> list[tuple[int, str]]:
        """(token index, TimeML class) of every trigger in ``doc``."""
        tokens, feats = self.features(doc)
        if not len(tokens):
            return []
        probs = self.model.probabilities(feats)
        events = np.asarray([label != OUTSIDE for label in self.model.labels])
        no_event = probs[:, ~events].sum(axis=1)
        chosen = no_event < self.cutoffs(doc, tokens)
        lemmas = doc.to_array([LEMMA]).reshape(len(doc))[tokens]
        # The body retells the head's events in the head's words ("Colts clinch playoff berth" ... "a
        # berth in the playoffs"): they have the head's cut-off there too.
        head = tokens < head_end(doc)
        retold = ~head & np.isin(lemmas, lemmas[chosen & head]) & (no_event < HEAD_THRESHOLD)
        chosen |= retold | self.lexical_predicates(doc, tokens)
        classes = np.asarray(self.model.labels)[events][self.classes(probs[chosen][:, events], lemmas[chosen])]
        return list(zip(tokens[chosen].tolist(), classes.tolist()))

    def cutoffs(self, doc: Doc, tokens: np.ndarray) -> np.ndarray:
        """The "no event" cut-off of each of ``tokens``: that of its part of speech, raised for nouns of
        a happening class heading an argument, for adjectives complementing a verb and for words of
        the article's head; never lowered."""
        pos, lemma, dep = doc.to_array([POS, LEMMA, DEP]).astype(np.uint64).reshape(len(doc), 3)[tokens].T
        cutoff = self.thresholds[pos.astype(np.int64)]
        sense = lookup(self.noun_senses, lemma)
        argument = (pos == NOUN) & np.isin(dep, self.arguments)
        for value_hash, value in self.happening_thresholds.items():
            raised = argument & (sense == value_hash)
            cutoff[raised] = np.maximum(cutoff[raised], value)
        predicative = (pos == ADJ) & np.isin(dep, self.predicative)
        cutoff[predicative] = np.maximum(cutoff[predicative], PREDICATIVE_THRESHOLD)
        head = tokens < head_end(doc)
        cutoff[head] = np.maximum(cutoff[head], HEAD_THRESHOLD)
        return cutoff

    @staticmethod
    def classes(probs: np.ndarray, lemmas: np.ndarray) -> np.ndarray:
        """Column of the class of each trigger: the likeliest by the class probabilities (``probs``, one
        row per trigger) averaged over the triggers of its lemma. An article keeps to one sense of a word
        ("loss" a state throughout, "call" an I_ACTION), and the mentions where the context is clearer
        then carry those where it is not."""
        _, group = np.unique(lemmas, return_inverse=True)
        shares = probs / probs.sum(axis=1, keepdims=True)
        totals = np.zeros((group.max(initial=-1) + 1, probs.shape[1]))
        np.add.at(totals, group, shares)
        return totals[group].argmax(axis=1)

    def lexical_predicates(self, doc: Doc, tokens: np.ndarray) -> np.ndarray:
        """Which of ``tokens`` are lexicon event words heading a clause: events even when the classifier
        doubts: the small model's tagger misreads rare verbs as nouns ("talks reconvene April 9")."""
        attrs = doc.to_array([LEMMA, DEP]).reshape(len(doc), 2)[tokens]
        return np.isin(attrs[:, 0], self.lexicon[0]) & np.isin(attrs[:, 1], self.clausal)

    def features(self, doc: Doc) -> tuple[np.ndarray, DocFeatures]:
        """The candidate tokens of ``doc`` and their classifier features."""
        tokens = candidates(doc)
        return tokens, doc_features(doc, self.lexicon, self.model.dense_width, tokens, self.noun_senses,
                                    self.verb_senses, self.hypernyms)

    @staticmethod
    def set_annotations(doc: Doc, triggers: list[tuple[int, str]]) -> None:
        spans = []
        for i, cls in triggers:
            token = doc[i]
            group = verb_group(token)
            span = Span(doc, i, i + 1, label=cls)
            span._.event = EventMention(lemma=token.lemma_.lower() or token.lower_, cls=cls, tense=group.tense,
                                        aspect=group.aspect, polarity=group.polarity, modality=group.modality)
            spans.append(span)
        doc.spans[SPANS_KEY] = spans

    def to_disk(self, path: str | Path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.model.to_disk(path / MODEL_FILE)

    def from_disk(self, path: str | Path, exclude=()) -> "EventTriggers":
        """Raises OSError when ``path`` holds no model."""
        self.model = TriggerClassifier.from_disk(Path(path) / MODEL_FILE)
        return self


@Language.factory("event_triggers", assigns=["doc.spans", "token.tag", "token.pos", "token.lemma"],
                  default_config={"thresholds": THRESHOLDS, "model_path": None, "lexicon_path": None})
def make_event_triggers(nlp: Language, name: str, thresholds: dict[str, float], model_path: str | None,
                        lexicon_path: str | None) -> EventTriggers:
    return EventTriggers(nlp, name, thresholds, model_path, lexicon_path)
