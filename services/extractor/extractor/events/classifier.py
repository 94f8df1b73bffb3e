"""A multinomial logistic regression over sparse hashed keys plus dense vectors, in numpy.

Labels are ``"O"`` (no event) and the TimeML classes. Only keys seen at least ``min_count`` times in
training get weights; unseen keys are ignored at prediction. Training is mini-batch AdaGrad with L2.
The model is saved as one compressed ``.npz`` (weights as float16: a few MB).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from .features import DocFeatures

OUTSIDE = "O"
_RUN_BITS = 16
_SHIFT = np.uint64(64 - _RUN_BITS)


class TriggerClassifier:
    """Scores every token of a Doc for ``labels``; ``labels[0]`` is ``OUTSIDE``."""

    def __init__(self, labels: Sequence[str], keys: np.ndarray | None = None,
                 sparse: np.ndarray | None = None, dense: np.ndarray | None = None, bias: np.ndarray | None = None):
        self.labels = list(labels)
        self.keys = np.zeros(0, np.uint64) if keys is None else keys
        self.sparse = np.zeros((0, len(self.labels)), np.float32) if sparse is None else sparse
        self.dense = dense
        self.bias = np.zeros(len(self.labels), np.float32) if bias is None else bias
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
        """Unnormalized scores, one row per token, one column per label."""
        out = np.tile(self.bias, (feats.n_tokens, 1))
        if self.dense is not None and feats.n_tokens:
            out += feats.dense @ self.dense
        cols, known = self._columns(feats.keys)
        rows, weights = feats.rows[known], self.sparse[cols[known]]
        for label in range(len(self.labels)):
            out[:, label] += np.bincount(rows, weights[:, label], minlength=feats.n_tokens)
        return out

    def probabilities(self, feats: DocFeatures) -> np.ndarray:
        s = self.scores(feats)
        s -= s.max(axis=1, keepdims=True)
        np.exp(s, out=s)
        return s / s.sum(axis=1, keepdims=True)

    def fit(self, docs: Sequence[DocFeatures], targets: Sequence[np.ndarray], *, epochs: int = 12,
            batch: int = 512, rate: float = 0.1, l2: float = 1e-3, min_count: int = 2, seed: int = 0,
            average: int = 6) -> None:
        """Learn from ``docs`` whose token labels are ``targets`` (indices into ``labels``); the weights
        are averaged over the updates of the last ``average`` epochs."""
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
        rows, cols = rows[cols >= 0], cols[cols >= 0]
        order = np.argsort(rows, kind="stable")
        rows, cols = rows[order], cols[order]
        starts = np.searchsorted(rows, np.arange(offsets[-1] + 1))
        dense = np.concatenate([d.dense for d in docs]).astype(np.float32)
        y = np.concatenate(targets)
        n_labels, width = len(self.labels), dense.shape[1]
        self.sparse = np.zeros((len(self.keys), n_labels), np.float32)
        self.dense = np.zeros((width, n_labels), np.float32)
        self.bias = np.zeros(n_labels, np.float32)
        g_sparse, g_dense, g_bias = (np.full(a.shape, 1e-8, np.float32) for a in (self.sparse, self.dense, self.bias))
        rng = np.random.default_rng(seed)
        params = (self.sparse, self.dense, self.bias)
        sums = [np.zeros_like(param) for param in params]
        n_summed = 0
        for epoch in range(epochs):
            tokens = rng.permutation(len(y))
            for i in range(0, len(tokens), batch):
                ids = np.sort(tokens[i:i + batch])
                lengths = starts[ids + 1] - starts[ids]
                local = np.repeat(np.arange(len(ids)), lengths)
                batch_cols = cols[np.concatenate([np.arange(starts[t], starts[t + 1]) for t in ids])]
                s = self.bias + dense[ids] @ self.dense
                np.add.at(s, local, self.sparse[batch_cols])
                s -= s.max(axis=1, keepdims=True)
                p = np.exp(s)
                p /= p.sum(axis=1, keepdims=True)
                p[np.arange(len(ids)), y[ids]] -= 1.0
                p /= len(ids)
                touched, back = np.unique(batch_cols, return_inverse=True)
                grad = np.zeros((len(touched), n_labels), np.float32)
                np.add.at(grad, back, p[local])
                grad += l2 * self.sparse[touched]
                g_sparse[touched] += grad * grad
                self.sparse[touched] -= rate * grad / np.sqrt(g_sparse[touched])
                grad_dense = dense[ids].T @ p + l2 * self.dense
                g_dense += grad_dense * grad_dense
                self.dense -= rate * grad_dense / np.sqrt(g_dense)
                grad_bias = p.sum(axis=0)
                g_bias += grad_bias * grad_bias
                self.bias -= rate * grad_bias / np.sqrt(g_bias)
                if epoch >= epochs - average:
                    for total, param in zip(sums, params):
                        total += param
                    n_summed += 1
        if n_summed:
            self.sparse, self.dense, self.bias = (total / n_summed for total in sums)

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
