"""Train the meeting judge (`bot/briefing/data/judge.json`) on the labelled corpus.

Usage: python benchmarks/train_judge.py   (or `make judge`; needs scikit-learn: `.[train]`)

Every candidate pair of every labelled article (dev gold + train/, never the held-out 198) is
an example: positive when it matches a gold pair. A logistic regression over the candidates'
features decides; its regularisation and acceptance threshold are chosen by an inner
cross-validation that holds whole sources out, so nothing is tuned on the articles it is then
scored on. `eval_briefing.py --cv` uses `fit` to train one judge per held-out fold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from labelled import gold_pairs, load_training, pair_match, pairs

from bot.briefing.candidates import Candidate
from bot.briefing.judge import Judge
from bot.briefing.pipeline import meeting_candidates
from bot.briefing.wordlists import DATA

REGULARISATION = (0.1, 0.3, 1.0, 3.0)
_WORD = re.compile(r"\w+")
INNER_FOLDS = 3
# A brief people act on must be right when it says who met whom: the threshold keeps this.
PRECISION_FLOOR = 0.8
# A rule's pair is turned down only when the judge is sure it is wrong: a judge trained
# without a source must not silence rules that read it well (held out whole, Reuters fell
# from F1 0.82 to 0.47 when the rules' threshold could rise to 0.5 and above).
RULE_VETO_MAX = 0.3


@dataclass
class ArticleExamples:
    """One article's candidates as (features, pair, met) and how many gold pairs it has."""

    source: str
    rows: list[tuple[dict[str, float], frozenset[str], bool]]
    gold: int


def examples_of(candidates: Sequence[Candidate], gold: dict, source: str) -> ArticleExamples:
    """An article's candidates labelled by its gold: a pair that met is positive in the
    sentence the gold quotes as its evidence (in every sentence naming it when none is that
    sentence), negative elsewhere, so the judge learns the sentences that tell of meetings."""
    aliases = gold.get("aliases", {})
    told: list[bool | None] = []
    for c in candidates:
        meetings = [
            m
            for m in gold["meetings"]
            if any(pair_match(c.key, g, aliases) for g in pairs(m["side_a"], m["side_b"]))
        ]
        quoted = any(
            not m.get("evidence") or _same_sentence(c.sent.text, m["evidence"]) for m in meetings
        )
        told.append(quoted if meetings else None)
    unquoted = {c.key for c, t in zip(candidates, told, strict=True) if t is False} - {
        c.key for c, t in zip(candidates, told, strict=True) if t
    }
    rows = [
        (dict(c.features), c.key, bool(t) or (t is False and c.key in unquoted))
        for c, t in zip(candidates, told, strict=True)
    ]
    return ArticleExamples(source=source, rows=rows, gold=len(gold_pairs(gold)))


def _same_sentence(sentence: str, evidence: str) -> bool:
    """Whether most words of the shorter of a sentence and a gold evidence are in the other."""
    a, b = set(_WORD.findall(sentence.lower())), set(_WORD.findall(evidence.lower()))
    return bool(a and b) and len(a & b) >= 0.6 * min(len(a), len(b))


def source_folds(sources: Sequence[str], k: int) -> list[int]:
    """A fold for each article such that every source is in one fold only; sources are dealt
    largest first to the fold with the fewest articles so far (ties by name: reproducible)."""
    sizes: dict[str, int] = {}
    for s in sources:
        sizes[s] = sizes.get(s, 0) + 1
    load = [0] * k
    fold_of: dict[str, int] = {}
    for s in sorted(sizes, key=lambda s: (-sizes[s], s)):
        fold = min(range(k), key=lambda f: (load[f], f))
        fold_of[s] = fold
        load[fold] += sizes[s]
    return [fold_of[s] for s in sources]


def dataset_folds(datasets: Sequence[str]) -> list[int]:
    """One fold per data set (Wikinews, BBC, Reuters, mod1, mod2, aeb)."""
    names = sorted(set(datasets))
    return [names.index(d) for d in datasets]


def fit(articles: Sequence[ArticleExamples]) -> Judge:
    """A judge trained on the articles, its regularisation and thresholds chosen by an inner
    cross-validation over their sources."""
    folds = source_folds([a.source for a in articles], INNER_FOLDS)
    best = (-1.0, REGULARISATION[0], 0.5, 0.5)
    for c in REGULARISATION:
        scored: list[tuple[ArticleExamples, list[float]]] = []
        for fold in range(INNER_FOLDS):
            train = [a for a, f in zip(articles, folds, strict=True) if f != fold]
            model = _logistic(train, c)
            scored += [
                (a, [model.probability(r[0]) for r in a.rows])
                for a, f in zip(articles, folds, strict=True)
                if f == fold
            ]
        f1, threshold, new_pair = _best_thresholds(scored)
        if f1 > best[0]:
            best = (f1, c, threshold, new_pair)
    _, c, threshold, new_pair = best
    model = _logistic(articles, c)
    return Judge(model.weights, model.bias, threshold=threshold, new_pair_threshold=new_pair)


def _logistic(articles: Sequence[ArticleExamples], c: float) -> Judge:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [r[0] for a in articles for r in a.rows]
    labels = [r[2] for a in articles for r in a.rows]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(feats)
    if len(set(labels)) < 2:
        return Judge(weights={}, bias=-10.0, threshold=0.5)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    return Judge(weights=weights, bias=round(float(model.intercept_[0]), 4), threshold=0.5)


def _best_thresholds(
    scored: list[tuple[ArticleExamples, list[float]]],
) -> tuple[float, float, float]:
    """The thresholds for the rules' pairs and for new pairs with the best pooled pair F1
    (each pair judged by its best sentence) among those keeping precision at
    `PRECISION_FLOOR`, or the best F1 of all when none does: (F1, rules', new). The rules'
    threshold is at most `RULE_VETO_MAX`."""
    grid = [step / 100 for step in range(10, 96, 5)]
    best = floor_best = (0.0, 0.5, 0.5)
    for threshold in (t for t in grid if t <= RULE_VETO_MAX):
        for new_pair in (t for t in grid if t >= threshold):
            precision, recall = _pair_scores(scored, threshold, new_pair)
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            if f1 > best[0]:
                best = (f1, threshold, new_pair)
            if precision >= PRECISION_FLOOR and f1 > floor_best[0]:
                floor_best = (f1, threshold, new_pair)
    return floor_best if floor_best[0] > 0 else best


def _pair_scores(
    scored: list[tuple[ArticleExamples, list[float]]], threshold: float, new_pair: float
) -> tuple[float, float]:
    """Pooled pair precision and recall at the two thresholds."""
    tp = predicted = gold = 0
    for article, probs in scored:
        taken: dict[frozenset[str], bool] = {}
        for (features, key, met), p in zip(article.rows, probs, strict=True):
            if p >= (threshold if "rule" in features else new_pair):
                taken[key] = taken.get(key, False) or met
        tp += min(sum(taken.values()), article.gold)
        predicted += len(taken)
        gold += article.gold
    return (tp / predicted if predicted else 0.0), (tp / gold if gold else 0.0)


def training_examples() -> list[ArticleExamples]:
    """The examples of every labelled training article, each tagged with its source."""
    labelled = load_training()
    candidates = meeting_candidates([item.article for item in labelled])
    return [
        examples_of(cands, item.gold, item.source)
        for item, cands in zip(labelled, candidates, strict=True)
    ]


def main() -> None:
    examples = training_examples()
    judge = fit(examples)
    path = Path(DATA) / "judge.json"
    path.write_text(json.dumps(judge.to_dict(), indent=1, sort_keys=True) + "\n")
    rows = sum(len(a.rows) for a in examples)
    positives = sum(r[2] for a in examples for r in a.rows)
    print(f"{len(examples)} articles, {rows} candidates ({positives} met); wrote {path}")
    print(
        f"thresholds {judge.threshold:.2f} (rules' pairs), {judge.new_pair_threshold:.2f} "
        f"(new pairs); {len(judge.weights)} weights; strongest:"
    )
    for name, w in sorted(judge.weights.items(), key=lambda kv: -abs(kv[1]))[:15]:
        print(f"  {w:+.2f}  {name}")


if __name__ == "__main__":
    main()
