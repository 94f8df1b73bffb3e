"""Features of every token of a parsed Doc for the trigger classifier, computed per Doc with numpy.

Sparse features are 64-bit keys: a template number mixed with spaCy's string hashes (lemma, tag,
dependency label, …) of the token, its head, its neighbours and its children, and of tables looked
up by lemma (the event lexicon's class; the WordNet class of a noun's first sense; the WordNet class
and complements of a verb or of the verb a noun derives from; the WordNet hypernyms of a noun's or a
verb's first sense), so nothing is
looked up token by token in Python. The dense part is the Doc's ``tensor``, the contextual vectors the model's
tok2vec already computed (zeros when the pipeline has none).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, POS, SUFFIX, TAG
from spacy.parts_of_speech import ADJ, NOUN, VERB
from spacy.tokens import Doc

SKIP_KEYS = ("boilerplate", "timex")
_CANDIDATE_POS = np.array([VERB, NOUN, ADJ], dtype=np.uint64)

_ATTRS = [LEMMA, LOWER, TAG, DEP, SUFFIX, ENT_TYPE, POS]
_COLUMNS = {name: i for i, name in enumerate(("lemma", "lower", "tag", "dep", "suffix", "ent", "pos"))}
_MIX = np.uint64(0x9E3779B97F4A7C15)
_NONE = np.uint64(0)
EMPTY = (np.zeros(0, np.uint64), np.zeros(0, np.uint64))


@dataclass
class DocFeatures:
    """``rows[k]`` is the (selected) token that has sparse feature ``keys[k]``; ``dense`` has one row per
    token; the last ``n_class_only`` keys inform the class of an event only, not whether it is one."""

    rows: np.ndarray
    keys: np.ndarray
    dense: np.ndarray
    n_tokens: int
    n_class_only: int = 0


def candidates(doc: Doc) -> np.ndarray:
    """Indices of the tokens that may be triggers: verbs, nouns and adjectives (over 99% of TimeBank's
    EVENTs; the rest are mostly prepositions) outside ``doc.spans`` boilerplate and timex (if set)."""
    allowed = np.isin(doc.to_array([POS]).reshape(len(doc)), _CANDIDATE_POS)
    for key in SKIP_KEYS:
        for span in doc.spans.get(key, ()):
            allowed[span.start:span.end] = False
    return np.flatnonzero(allowed)


def _key(template: int, *values: np.ndarray) -> np.ndarray:
    key = np.full(values[0].shape, (template + 1) * int(_MIX) % 2**64, dtype=np.uint64)
    for v in values:
        key = (key ^ v) * _MIX
        key ^= key >> np.uint64(29)
    return key


def _shift(values: np.ndarray, by: int) -> np.ndarray:
    """``values`` moved ``by`` places (positive: the previous token's value), padded with 0."""
    out = np.zeros_like(values)
    if by > 0:
        out[by:] = values[:-by]
    else:
        out[:by] = values[-by:]
    return out


def lookup(table: tuple[np.ndarray, np.ndarray], keys: np.ndarray) -> np.ndarray:
    """Values of ``keys`` in ``table`` = (sorted keys, values); 0 where a key is absent."""
    known, values = table
    if not len(known):
        return np.zeros(keys.shape, np.uint64)
    at = np.minimum(np.searchsorted(known, keys), len(known) - 1)
    return np.where(known[at] == keys, values[at], _NONE)


def doc_features(doc: Doc, lexicon: tuple[np.ndarray, np.ndarray], dense_width: int,
                 tokens: np.ndarray | None = None, senses: tuple[np.ndarray, np.ndarray] = EMPTY,
                 verbs: tuple[tuple[np.ndarray, np.ndarray], ...] = (EMPTY, EMPTY),
                 hypernyms: dict[int, tuple[tuple[np.ndarray, np.ndarray], ...]] | None = None) -> DocFeatures:
    """The features of the tokens of ``doc`` at indices ``tokens`` (default: all), in that order;
    ``lexicon`` maps lemma hashes to lexicon class hashes, ``senses`` noun lemma hashes to the hash of
    their first WordNet sense's class, ``verbs`` is two tables from lemma hashes to the hashes of a
    verb's WordNet class and of its complements, ``hypernyms`` gives per part of speech (NOUN, VERB)
    the same number of tables from lemma hashes to the hash of a hypernym (see ``lookup``)."""
    n = len(doc)
    tokens = np.arange(n) if tokens is None else np.asarray(tokens, np.int64)
    m = len(tokens)
    if m == 0:
        return DocFeatures(np.zeros(0, np.int64), np.zeros(0, np.uint64), np.zeros((0, dense_width), np.float32), 0)
    arr = doc.to_array(_ATTRS).astype(np.uint64).reshape(n, len(_ATTRS))
    col = {name: arr[:, i] for name, i in _COLUMNS.items()}
    head = np.arange(n) + doc.to_array([HEAD]).astype(np.int64).reshape(n)
    lemma, tag, dep = col["lemma"], col["tag"], col["dep"]
    lex = lookup(lexicon, lemma)
    # A noun's WordNet class ("earthquake": event) carries TimeBank's weights to event nouns it lacks.
    sense = lookup(senses, lemma)
    # Verbs taking an infinitive or a clause ("try to", "believe that"), and the nouns made from them
    # ("attempt", "belief"), are the intensional and aspectual ones: this reaches verbs TimeBank lacks.
    verb_class, complements = (lookup(table, lemma) for table in verbs)
    # A word's hypernyms ("forfeiture" is a loss; "confide", like "report", a way to "inform") carry
    # the classes of the words TimeBank shows to their kin it does not. Only the class: as detection
    # features they move which words are events towards TimeBank's narrower choice (MEANTIME recall
    # 0.765 -> 0.760 for +0.001 of TimeBank relaxed F1).
    levels = [np.zeros(n, np.uint64) for _ in next(iter(hypernyms.values()), ())] if hypernyms else []
    for pos, tables in (hypernyms or {}).items():
        of_pos = col["pos"] == pos
        for level, table in zip(levels, tables):
            level[of_pos] = lookup(table, lemma[of_pos])
    templates = [
        (col["lemma"],), (col["lower"],), (tag,), (dep,), (lemma, tag), (col["suffix"],), (col["suffix"], col["pos"]),
        (lemma[head],), (tag[head],), (dep, tag[head]), (dep, lemma[head]), (dep, lex[head]),
        (_shift(tag, 1),), (_shift(tag, -1),), (_shift(col["lower"], 1),), (_shift(col["lower"], -1),),
        (_shift(tag, 1), tag), (tag, _shift(tag, -1)), (_shift(col["lower"], 2),), (col["ent"],),
        (lex,), (lex, col["pos"]), (np.where(head == np.arange(n), np.uint64(1), _NONE),),
        (lemma, dep), (lemma, lemma[head]), (lemma[head[head]],), (dep, dep[head]),
        (sense, col["pos"]), (sense, dep), (sense, lex),
        (verb_class, col["pos"]), (complements, col["pos"]), (verb_class, complements), (dep, verb_class[head]),
        (dep, complements[head]),
    ]
    rows = [np.tile(np.arange(m), len(templates))]
    keys = [np.concatenate([_key(t, *(v[tokens] for v in values)) for t, values in enumerate(templates)])]
    # Children: what depends on a token (aux, neg, det, prep "of" …) says much about its eventiveness.
    position = np.full(n, -1)
    position[tokens] = np.arange(m)
    child = np.flatnonzero((head != np.arange(n)) & (position[head] >= 0))
    base = len(templates)
    for t, values in enumerate(((dep[child],), (dep[child], lemma[child]), (dep[child], lemma[head[child]]),
                                (dep[child], tag[child]), (dep[child], lex[child]))):
        rows.append(position[head[child]])
        keys.append(_key(base + t, *values))
    base += 5
    for t, level in enumerate(levels):
        rows.append(np.arange(m))
        keys.append(_key(base + t, level[tokens], col["pos"][tokens]))
    has_tensor = doc.tensor is not None and doc.tensor.shape == (n, dense_width)
    return DocFeatures(
        rows=np.concatenate(rows), keys=np.concatenate(keys),
        dense=np.asarray(doc.tensor[tokens], np.float32) if has_tensor else np.zeros((m, dense_width), np.float32),
        n_tokens=m, n_class_only=m * len(levels),
    )
