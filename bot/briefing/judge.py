"""The judge: which candidate pairs met, decided by a small logistic model over their features.

The model is trained on labelled news by `benchmarks/train_judge.py` (`make judge`) and ships as
`data/judge.json`: one weight per feature, a bias and the acceptance threshold chosen by
cross-validation that holds whole sources out. Scoring is a sum of weights: no library, no
download, the same answer every time.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.briefing.candidates import Candidate
from bot.briefing.wordlists import table

MODEL_FILE = "judge.json"


@dataclass(frozen=True)
class Judge:
    """A logistic model: P(met) = sigmoid(bias + sum of the weights of the present features)."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    # A pair no rule read needs more: the rules' own reading is evidence the model lacks.
    new_pair_threshold: float | None = None

    def passes(self, features: Mapping[str, float]) -> bool:
        """Whether a candidate with these features met."""
        bar = self.threshold
        if "rule" not in features and self.new_pair_threshold is not None:
            bar = self.new_pair_threshold
        return self.probability(features) >= bar

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * v for name, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accept(self, candidates: Iterable[Candidate]) -> dict[frozenset[str], Candidate]:
        """The accepted pairs, each with the sentence that makes the strongest case for it."""
        best: dict[frozenset[str], tuple[float, Candidate]] = {}
        for cand in candidates:
            if not self.passes(cand.features):
                continue
            p = self.probability(cand.features)
            if cand.key not in best or p > best[cand.key][0]:
                best[cand.key] = (p, cand)
        return {key: cand for key, (_, cand) in best.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "bias": self.bias,
            "threshold": self.threshold,
            "new_pair_threshold": self.new_pair_threshold,
            "weights": dict(self.weights),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Judge:
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            new_pair_threshold=data.get("new_pair_threshold"),
        )


@cache
def default_judge() -> Judge:
    """The shipped model (`data/judge.json`)."""
    return Judge.from_dict(table(MODEL_FILE))
