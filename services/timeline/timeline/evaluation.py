"""Scoring a timeline's merging against gold event coreference (``timeline-eval-gold/1``).

Clusterings are lists of sets of mention keys. The key (gold) and the response (system) cover
the same gold mentions: a system mention counts as the gold mention whose extent it overlaps
(the largest overlap), system mentions overlapping none are dropped, and a gold mention that no
entry covers is a singleton of the response. Scores are the usual MUC (Vilain et al. 1995), B³
(Bagga & Baldwin 1998), CEAF-e (Luo 2005, entity similarity φ4) and their mean, CoNLL F1.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

Clustering = Sequence[set]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _muc_side(a: Clustering, b: Clustering) -> tuple[int, int]:
    where = {m: i for i, c in enumerate(b) for m in c}
    num = den = 0
    for cluster in a:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def muc(key: Clustering, response: Clustering) -> Score:
    """Links kept: each cluster of one side counts its size less the parts the other side cuts it into."""
    return Score(_ratio(*_muc_side(response, key)), _ratio(*_muc_side(key, response)))


def b_cubed(key: Clustering, response: Clustering) -> Score:
    """Per mention, the overlap of its key and response clusters; averaged over the key's mentions."""
    key_of = {m: c for c in key for m in c}
    response_of = {m: c for c in response for m in c}
    mentions = list(key_of)
    overlap = {m: len(key_of[m] & response_of.get(m, {m})) for m in mentions}
    recall = sum(overlap[m] / len(key_of[m]) for m in mentions)
    precision = sum(overlap[m] / len(response_of.get(m, {m})) for m in mentions)
    return Score(_ratio(precision, len(mentions)), _ratio(recall, len(mentions)))


def ceaf_e(key: Clustering, response: Clustering) -> Score:
    """The best one-to-one alignment of key and response clusters under φ4 = 2|K∩R| / (|K|+|R|)."""
    key = [frozenset(c) for c in key]
    response = [frozenset(c) for c in response]
    total = sum(_best_alignment(block) for block in _overlap_blocks(key, response))
    return Score(_ratio(total, len(response)), _ratio(total, len(key)))


def _overlap_blocks(key: list[frozenset], response: list[frozenset]) -> Iterable[list[list[float]]]:
    """φ4 matrices of the groups of clusters that overlap; clusters overlapping nothing add 0."""
    neighbours: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    key_of = {m: i for i, c in enumerate(key) for m in c}
    for j, c in enumerate(response):
        for m in c:
            if m in key_of:
                neighbours[("k", key_of[m])].add(("r", j))
                neighbours[("r", j)].add(("k", key_of[m]))
    seen: set[tuple[str, int]] = set()
    for node in list(neighbours):
        if node in seen:
            continue
        seen.add(node)
        group, todo = [node], [node]
        while todo:
            for other in neighbours[todo.pop()] - seen:
                seen.add(other)
                group.append(other)
                todo.append(other)
        keys = sorted(i for side, i in group if side == "k")
        responses = sorted(j for side, j in group if side == "r")
        yield [[2 * len(key[i] & response[j]) / (len(key[i]) + len(response[j])) for j in responses] for i in keys]


def _best_alignment(weights: list[list[float]]) -> float:
    """Largest total weight of a one-to-one assignment (Hungarian method, Kuhn–Munkres)."""
    if len(weights) > len(weights[0]):
        weights = [list(col) for col in zip(*weights)]
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u, v, match, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        min_to = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cost = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                    if cost < min_to[j]:
                        min_to[j], way[j] = cost, j0
                    if min_to[j] < delta:
                        delta, j1 = min_to[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    min_to[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sum(weights[match[j] - 1][j - 1] for j in range(1, m + 1) if match[j])


def conll(key: Clustering, response: Clustering) -> dict[str, Score | float]:
    """MUC, B³, CEAF-e and CoNLL F1 (their mean F1)."""
    scores = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceafe": ceaf_e(key, response)}
    return {**scores, "conll": sum(s.f1 for s in scores.values()) / 3}


# ---------------------------------------------------------------- gold and system mentions


@dataclass(frozen=True)
class GoldMention:
    doc: str
    event: str
    start: int
    end: int
    text: str
    cluster: str
    topic: str | None
    lemma: str


def gold_mentions(gold: dict, lemmatize: Callable[[str], str]) -> list[GoldMention]:
    """The gold event mentions taking part in coreference (``coref`` not false), in document order.

    ``lemmatize`` gives the head lemma of a mention's text where the gold has no ``pred``.
    """
    out = []
    for doc_id, doc in sorted(gold["documents"].items()):
        for e in doc["events"]:
            if e.get("coref") is False:
                continue
            out.append(GoldMention(doc_id, e["id"], e["start"], e["end"], e["text"], e["cluster"],
                                   doc.get("topic"), e.get("pred") or lemmatize(e["text"])))
    return out


def key_clusters(mentions: Iterable[GoldMention]) -> list[set]:
    clusters: dict[str, set] = defaultdict(set)
    for m in mentions:
        clusters[m.cluster].add((m.doc, m.event))
    return list(clusters.values())


def singletons(mentions: Iterable[GoldMention]) -> list[set]:
    return [{(m.doc, m.event)} for m in mentions]


def same_lemma(mentions: Iterable[GoldMention]) -> list[set]:
    """The lemma baseline: mentions with the same head lemma within a gold topic are one cluster."""
    clusters: dict[tuple, set] = defaultdict(set)
    for m in mentions:
        clusters[(m.topic, m.lemma.lower())].add((m.doc, m.event))
    return list(clusters.values())


def align(mentions: Sequence[GoldMention], entries: Iterable[dict]) -> tuple[list[set], dict[tuple, str]]:
    """The response clustering over the gold mentions, and which entry holds each gold mention.

    An entry mention stands for the gold mention of its article it overlaps most; a gold mention
    covered by several entries goes to the one overlapping it most (then the smallest entry id).
    """
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    best: dict[tuple, tuple[int, str]] = {}
    for entry in entries:
        for sm in entry["mentions"]:
            overlaps = [(min(sm["end"], g.end) - max(sm["start"], g.start), g) for g in by_doc.get(sm["article"], ())]
            overlaps = [(o, g) for o, g in overlaps if o > 0]
            if not overlaps:
                continue
            size, g = max(overlaps, key=lambda pair: (pair[0], -pair[1].start))
            k = (g.doc, g.event)
            if k not in best or (-size, entry["id"]) < (-best[k][0], best[k][1]):
                best[k] = (size, entry["id"])
    clusters: dict[str, set] = defaultdict(set)
    for k, (_, entry_id) in best.items():
        clusters[entry_id].add(k)
    covered = set(best)
    response = list(clusters.values()) + [{(m.doc, m.event)} for m in mentions if (m.doc, m.event) not in covered]
    return response, {k: entry_id for k, (_, entry_id) in best.items()}


def date_accuracy(gold: dict, holder: Mapping[tuple, str], entries: Iterable[dict]) -> tuple[int, int]:
    """How many dated gold cross-document events have an entry carrying their date, of how many.

    A gold event's entry is the one holding most of its mentions (then the smallest id); it carries
    the date when its date is the gold value or lies inside it (``2008-03-06`` carries ``2008-03``).
    """
    by_id = {e["id"]: e for e in entries}
    right = total = 0
    for cluster in gold["clusters"]:
        if cluster["kind"] != "cross-doc" or not cluster.get("date"):
            continue
        total += 1
        votes: dict[str, int] = defaultdict(int)
        for m in cluster["mentions"]:
            if (m["doc"], m["event"]) in holder:
                votes[holder[(m["doc"], m["event"])]] += 1
        if not votes:
            continue
        entry = by_id[min(votes, key=lambda i: (-votes[i], i))]
        value, gold_value = (entry["date"] or {}).get("value", ""), cluster["date"]["value"]
        right += value == gold_value or value.startswith(gold_value + "-")
    return right, total
