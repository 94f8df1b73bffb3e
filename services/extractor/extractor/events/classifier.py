"""A multinomial logistic regression over sparse hashed keys plus dense vectors, in numpy.

Labels are ``"O"`` (no event) and the TimeML classes. Two linear heads share the features: the
detection head scores all labels and gives the probability of "no event"; the class head, trained on
the same examples with a stronger L2, gives the class of an event: P(class) = (1 - P(O)) x P(class |
event). Detection and class want different L2 weights: by TimeBank cross-validation detection is
best at 1e-3, the class at 3e-3 (class accuracy 0.816 -> 0.820 over the same extents).
Only keys seen at least ``min_count`` times in training get weights; unseen keys are ignored at
prediction. Training is mini-batch AdaGrad with L2. The model is saved as one compressed ``.npz``
(weights as float16: a few MB).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .features import DocFeatures

OUTSIDE = "O"
_RUN_BITS = 16
_SHIFT = np.uint64(64 - _RUN_BITS)


class TriggerClassifier:
    """Scores every token of a Doc for ``labels``; ``labels[0]`` is ``OUTSIDE``.

    Weight columns: one per label (the detection head), then one per event label (the class head).
    """

    def __init__(self, labels: Sequence[str], keys: np.ndarray | None = None,
                 sparse: np.ndarray | None = None, dense: np.ndarray | None = None, bias: np.ndarray | None = None):
        self.labels = list(labels)
        columns = 2 * len(self.labels) - 1
        self.keys = np.zeros(0, np.uint64) if keys is None else keys
        self.sparse = np.zeros((0, columns), np.float32) if sparse is None else sparse
        self.dense = dense
        self.bias = np.zeros(columns, np.float32) if bias is None else bias
        if self.sparse.shape[1] != columns or self.bias.shape != (columns,):
            raise ValueError(f"{columns} weight columns expected for {len(self.labels)} labels, "
                             f"got {self.sparse.shape[1]} and {self.bias.shape}")
        self._runs: tuple[np.ndarray, int] | None = None

    @property
    def dense_width(self) -> int:
        return 0 if self.dense is None else self.dense.shape[0]

    def _columns(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of ``keys`` among the known keys, and the mask of keys that are known.

        Known keys are sorted hashes, so their top bits cut them into short runs: each query is looked
        up in its run by a few vectorized probes (much faster than a binary search per key).
        """
        if self._runs is None:
            top = (self.keys >> _SHIFT).astype(np.int64)
            starts = np.searchsorted(top, np.arange(2 ** _RUN_BITS + 1))
            self._runs = (starts, int(np.diff(starts).max()) if len(self.keys) else 0)
        starts, depth = self._runs
        top = (keys >> _SHIFT).astype(np.int64)
        first, stop = starts[top], starts[top + 1]
        cols = np.zeros(len(keys), np.int64)
        known = np.zeros(len(keys), bool)
        for probe in range(depth):
            at = first + probe
            inside = at < stop
            at[~inside] = 0
            hit = inside & (self.keys[at] == keys)
            cols[hit] = at[hit]
            known |= hit
        return cols, known

    def scores(self, feats: DocFeatures) -> np.ndarray:
        """Unnormalized scores, one row per token, one column per weight column (see the class)."""
        out = np.tile(self.bias, (feats.n_tokens, 1))
        if self.dense is not None and feats.n_tokens:
            out += feats.dense @ self.dense
        cols, known = self._columns(feats.keys)
        rows, weights = feats.rows[known], self.sparse[cols[known]]
        for column in range(out.shape[1]):
            out[:, column] += np.bincount(rows, weights[:, column], minlength=feats.n_tokens)
        return out

    def probabilities(self, feats: DocFeatures) -> np.ndarray:
        """One row per token, one column per label: P(O) by the detection head, then each class's
        (1 - P(O)) x P(class | event) by the class head."""
        s = self.scores(feats)
        n = len(self.labels)
        probs, classes = _softmax(s[:, :n]), _softmax(s[:, n:])
        probs[:, 1:] = (1.0 - probs[:, :1]) * classes
        return probs

    def fit(self, docs: Sequence[DocFeatures], targets: Sequence[np.ndarray], *, epochs: int = 12,
            batch: int = 512, rate: float = 0.1, l2: float = 1e-3, class_l2: float = 3e-3, min_count: int = 2,
            seed: int = 0, average: int = 6) -> None:
        """Learn from ``docs`` whose token labels are ``targets`` (indices into ``labels``): the detection
        head with ``l2`` from the keys that are not class-only (``DocFeatures.n_class_only``), the class
        head with ``class_l2`` from all; the weights are averaged over the updates of the last
        ``average`` epochs."""
        keys, inverse, counts = np.unique(np.concatenate([d.keys for d in docs]), return_inverse=True,
                                          return_counts=True)
        kept = counts >= min_count
        self.keys = keys[kept]
        self._runs = None
        remap = np.full(len(keys), -1, np.int64)
        remap[kept] = np.arange(kept.sum())
        offsets = np.cumsum([0] + [d.n_tokens for d in docs])
        rows = np.concatenate([d.rows + o for d, o in zip(docs, offsets)])
        cols = remap[inverse]
        class_only = np.concatenate([np.arange(len(d.keys)) >= len(d.keys) - d.n_class_only for d in docs])
        dense = np.concatenate([d.dense for d in docs]).astype(np.float32)
        y = np.concatenate(targets)

        def examples(used: np.ndarray) -> _Examples:
            used = used & (cols >= 0)
            order = np.argsort(rows[used], kind="stable")
            starts = np.searchsorted(rows[used][order], np.arange(len(y) + 1))
            return _Examples(cols=cols[used][order], starts=starts, dense=dense, y=y, n_keys=len(self.keys),
                             n_labels=len(self.labels))

        detection, classes = (_train(examples(used), epochs=epochs, batch=batch, rate=rate, l2=penalty, seed=seed,
                                     average=average)
                              for used, penalty in ((~class_only, l2), (np.ones(len(rows), bool), class_l2)))
        # The class head's "no event" column is left out: its softmax over the classes is P(class | event).
        self.sparse, self.dense, self.bias = (np.concatenate([d, c[..., 1:]], axis=-1)
                                              for d, c in zip(detection, classes))

    def to_disk(self, path: str | Path) -> None:
        np.savez_compressed(Path(path), labels=np.array(self.labels), keys=self.keys,
                            sparse=self.sparse.astype(np.float16), dense=self.dense, bias=self.bias)

    @classmethod
    def from_disk(cls, path: str | Path) -> "TriggerClassifier":
        """Load a saved model; raises OSError when the file is missing or unreadable."""
        try:
            with np.load(Path(path)) as data:
                return cls([str(x) for x in data["labels"]], data["keys"], data["sparse"].astype(np.float32),
                           data["dense"].astype(np.float32),
                           data["bias"].astype(np.float32))
        except (KeyError, ValueError, EOFError) as exc:
            raise OSError(f"{path}: not a trigger model: {exc}") from None


def _softmax(s: np.ndarray) -> np.ndarray:
    s = s - s.max(axis=1, keepdims=True)
    np.exp(s, out=s)
    return s / s.sum(axis=1, keepdims=True)


@dataclass
class _Examples:
    """Training tokens: token ``t`` has the known keys ``cols[starts[t]:starts[t + 1]]``, dense row
    ``dense[t]`` and label ``y[t]``."""

    cols: np.ndarray
    starts: np.ndarray
    dense: np.ndarray
    y: np.ndarray
    n_keys: int
    n_labels: int


def _train(ex: _Examples, *, epochs: int, batch: int, rate: float, l2: float, seed: int,
           average: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sparse, dense, bias) weights of a softmax over all labels, averaged over the last epochs."""
    n_labels = ex.n_labels
    sparse = np.zeros((ex.n_keys, n_labels), np.float32)
    dense = np.zeros((ex.dense.shape[1], n_labels), np.float32)
    bias = np.zeros(n_labels, np.float32)
    g_sparse, g_dense, g_bias = (np.full(a.shape, 1e-8, np.float32) for a in (sparse, dense, bias))
    rng = np.random.default_rng(seed)
    params = (sparse, dense, bias)
    sums = [np.zeros_like(param) for param in params]
    n_summed = 0
    starts, y = ex.starts, ex.y
    for epoch in range(epochs):
        tokens = rng.permutation(len(y))
        for i in range(0, len(tokens), batch):
            ids = np.sort(tokens[i:i + batch])
            lengths = starts[ids + 1] - starts[ids]
            local = np.repeat(np.arange(len(ids)), lengths)
            batch_cols = ex.cols[np.concatenate([np.arange(starts[t], starts[t + 1]) for t in ids])]
            s = bias + ex.dense[ids] @ dense
            np.add.at(s, local, sparse[batch_cols])
            s -= s.max(axis=1, keepdims=True)
            p = np.exp(s)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(ids)), y[ids]] -= 1.0
            p /= len(ids)
            touched, back = np.unique(batch_cols, return_inverse=True)
            grad = np.zeros((len(touched), n_labels), np.float32)
            np.add.at(grad, back, p[local])
            grad += l2 * sparse[touched]
            g_sparse[touched] += grad * grad
            sparse[touched] -= rate * grad / np.sqrt(g_sparse[touched])
            grad_dense = ex.dense[ids].T @ p + l2 * dense
            g_dense += grad_dense * grad_dense
            dense -= rate * grad_dense / np.sqrt(g_dense)
            grad_bias = p.sum(axis=0)
            g_bias += grad_bias * grad_bias
            bias -= rate * grad_bias / np.sqrt(g_bias)
            if epoch >= epochs - average:
                for total, param in zip(sums, params):
                    total += param
                n_summed += 1
    return tuple(total / n_summed for total in sums) if n_summed else params
