"""The judge: which candidate pairs met, decided by a small logistic model over their features.

The model is trained on labelled news by `benchmarks/train_judge.py` (`make judge`) and ships as
`data/judge.json`: one weight per feature, a bias and two acceptance thresholds (for pairs a
rule read, and for new pairs) chosen by cross-validation that holds whole sources out.
Scoring is a sum of weights: no library, no download, the same answer every time.
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


@dataclass(frozen=True, eq=False)
class Judge:
    """A logistic model: P(met) = sigmoid(bias + sum of the weights of the present features)."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    # A pair no rule read needs more: the rules' own reading is evidence the model lacks.
    new_pair_threshold: float | None = None

    def bar(self, features: Mapping[str, float]) -> float:
        """The probability a candidate with these features needs to be accepted."""
        if "rule" not in features and self.new_pair_threshold is not None:
            return self.new_pair_threshold
        return self.threshold

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * v for name, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def accept(self, candidates: Iterable[Candidate]) -> list[Candidate]:
        """The candidates that met, strongest first (a pair may pass in several sentences)."""
        scored = [(self.probability(c.features), c) for c in candidates]
        passed = [(p, c) for p, c in scored if p >= self.bar(c.features)]
        return [c for _, c in sorted(passed, key=lambda pc: -pc[0])]

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
            new_pair_threshold=(
                None
                if data.get("new_pair_threshold") is None
                else float(data["new_pair_threshold"])
            ),
        )


@cache
def default_judge() -> Judge:
    """The shipped model (`data/judge.json`)."""
    return Judge.from_dict(table(MODEL_FILE))
