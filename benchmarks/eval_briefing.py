"""Score who-met-whom, meeting detection and topics against hand-made gold labels.

Usage: python benchmarks/eval_briefing.py [--labels PATH --articles PATH] [--html [body|article]]
       python benchmarks/eval_briefing.py --cv [--folds K] [--html [body|article]]
       python benchmarks/eval_briefing.py --agreement

Without --cv: the shipped briefing on one labels file (the dev gold by default). A figure on
articles the judge was trained on is a training score, not the accuracy.
With --cv: the accuracy. Over all the labelled training data (dev gold + train/), k folds that
each hold out whole sources (outlets; Wikinews, BBC and Reuters are one source each), then
leave-one-dataset-out; each held-out part is briefed with a judge trained without it.

With --html each article is first wrapped as a simple page (`<title>`, an
`article:published_time` meta, an `<h1>` headline and one `<p>` per paragraph, in the body or,
with --html article, inside `<article>` as most news sites mark it up) and read the way
`briefbot brief page.html` reads a file: extraction, then the page's article.

With --agreement: how far a second labeller, labelling blind, agrees with the first on the
articles of `labelled_usgov/` both labelled (pairs scored with the first as gold).

Pairs are scored as in `labelled.py`. A gold topic is recalled when a predicted topic covers
at least half of its content words. A meeting's place and day are scored where the gold gives
them and a predicted meeting shares one of its pairs.
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from labelled import (
    NEWS,
    USGOV,
    Labelled,
    agreement,
    gold_pairs,
    load,
    load_training,
    pair_match,
    pairs,
    score_pairs,
)
from train_judge import dataset_folds, examples_of, fit, source_folds

from bot.briefing import Brief, brief_documents
from bot.briefing.judge import Judge
from bot.briefing.pipeline import meeting_candidates

_WORD = re.compile(r"[\w]+")
# Every pair a rule read, and no other: the briefing as it was before the judge.
RULES_ALONE = Judge(weights={"rule": 10.0}, bias=-5.0, threshold=0.5)

_TOPIC_STOP = {"the", "of", "and", "a", "an", "in", "on", "to", "for", "with", "by", "at", "'s"}


def topic_hit(gold: str, predicted: list[str]) -> bool:
    want = {w.lower().rstrip("s") for w in _WORD.findall(gold)} - _TOPIC_STOP
    if not want:
        return False
    for topic in predicted:
        have = {w.lower().rstrip("s") for w in _WORD.findall(topic)}
        if len(want & have) >= max(1, len(want) / 2):
            return True
    return False


def same_place(pred: str | None, gold: str) -> bool:
    """Whether a predicted place names the gold one: one's words contain the other's."""
    p = {w.lower() for w in _WORD.findall(pred or "")} - _TOPIC_STOP
    g = {w.lower() for w in _WORD.findall(gold)} - _TOPIC_STOP
    return bool(p and g) and (p <= g or g <= p)


def score_place_and_day(gold: dict, brief: Brief, tally: dict[str, int]) -> None:
    """For each gold meeting that a predicted meeting shares a pair with: whether the gold
    place and day (where given) are the predicted ones, and whether ours, when given, is wrong."""
    aliases = gold.get("aliases", {})
    for g in gold["meetings"]:
        gold_pairs = pairs(g["side_a"], g["side_b"])
        match = next(
            (
                m
                for m in brief.meetings
                if any(
                    pair_match(p, q, aliases)
                    for p in pairs([x.name for x in m.who], [x.name for x in m.with_])
                    for q in gold_pairs
                )
            ),
            None,
        )
        if match is None:
            continue
        for key, gold_value, ours, right in (
            ("place", g["where"], match.where, g["where"] and same_place(match.where, g["where"])),
            ("day", g["date"], match.date, match.date == g["date"]),
        ):
            tally[f"{key}_gold"] += bool(gold_value)
            tally[f"{key}_right"] += bool(gold_value and right)
            tally[f"{key}_wrong"] += bool(ours and not right)


def brief_pairs(brief: Brief) -> set[frozenset[str]]:
    out: set[frozenset[str]] = set()
    for m in brief.meetings:
        out |= pairs([p.name for p in m.who], [p.name for p in m.with_])
    return out


@dataclass
class Figures:
    """Counts over a set of briefed articles, printed as the benchmark's figures."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    articles: int = 0
    article_f1: float = 0.0
    det: dict[str, int] = field(default_factory=lambda: {"tp": 0, "fp": 0, "fn": 0})
    topics_hit: int = 0
    topics_all: int = 0
    tally: dict[str, int] = field(
        default_factory=lambda: {
            f"{k}_{count}": 0 for k in ("place", "day") for count in ("gold", "right", "wrong")
        }
    )

    def add(self, gold: dict, brief: Brief, verbose: bool = False) -> None:
        aliases = gold.get("aliases", {})
        wanted = gold_pairs(gold)
        pred = brief_pairs(brief)
        a, b, c = score_pairs(pred, wanted, aliases)
        self.tp, self.predicted, self.gold = self.tp + a, self.predicted + b, self.gold + c
        self.articles += 1
        self.article_f1 += 1.0 if b == c == 0 else 2 * a / (b + c)
        has = bool(brief.meetings)
        if has and gold["has_meeting"]:
            self.det["tp"] += 1
        elif has:
            self.det["fp"] += 1
        elif gold["has_meeting"]:
            self.det["fn"] += 1
        score_place_and_day(gold, brief, self.tally)
        predicted_topics = brief.topics + [t for m in brief.meetings for t in m.topics]
        hits = [topic_hit(t, predicted_topics) for t in gold["topics"]]
        self.topics_hit += sum(hits)
        self.topics_all += len(hits)
        if verbose and (a < b or a < c or has != gold["has_meeting"]):
            print(f"--- {gold['id']}  tp={a} pred={b} gold={c}")
            print("  pred:", sorted(tuple(sorted(p)) for p in pred))
            print("  gold:", sorted(tuple(sorted(p)) for p in wanted))

    def pair_prf(self) -> tuple[float, float, float]:
        p = self.tp / self.predicted if self.predicted else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def detection(self) -> tuple[float, float]:
        d = self.det
        p = d["tp"] / (d["tp"] + d["fp"]) if d["tp"] + d["fp"] else 0.0
        r = d["tp"] / (d["tp"] + d["fn"]) if d["tp"] + d["fn"] else 0.0
        return p, r

    def line(self, name: str) -> str:
        """One row: pairs P/R/F1, per-article F1, detection P/R."""
        p, r, f = self.pair_prf()
        dp, dr = self.detection()
        macro = self.article_f1 / self.articles if self.articles else 0.0
        return (
            f"{name:<22}{self.articles:>4}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
            f"article F1 {macro:.3f}  detection P {dp:.3f} R {dr:.3f}"
        )

    def report(self) -> None:
        p, r, f = self.pair_prf()
        dp, dr = self.detection()
        d = self.det
        print(
            f"pairs               P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
            f"(tp {self.tp}, predicted {self.predicted}, gold {self.gold})"
        )
        macro = self.article_f1 / self.articles if self.articles else 0.0
        print(f"per-article F1      {macro:.3f}")
        print(
            f"meeting detection   P {dp:.3f}  R {dr:.3f}  "
            f"(tp {d['tp']}, fp {d['fp']}, fn {d['fn']})"
        )
        recall = self.topics_hit / self.topics_all if self.topics_all else 0.0
        print(f"topic recall        {recall:.3f}  ({self.topics_hit}/{self.topics_all})")
        for key in ("place", "day"):
            right, given, wrong = (self.tally[f"{key}_{c}"] for c in ("right", "gold", "wrong"))
            share = right / given if given else 0.0
            print(
                f"meeting {key:<12}{share:.3f}  ({right}/{given} gold {key}s of found meetings;"
                f" {wrong} of ours wrong)"
            )


def evaluate(labelled: list[Labelled], verbose: bool = False) -> None:
    """The shipped briefing on the labelled articles."""
    start = time.perf_counter()
    briefs = list(brief_documents([item.article for item in labelled]))
    elapsed = time.perf_counter() - start
    figures = Figures()
    for item, brief in zip(labelled, briefs, strict=True):
        figures.add(item.gold, brief, verbose)
    print(f"articles            {len(labelled)}  ({elapsed:.1f}s, {len(labelled) / elapsed:.1f}/s)")
    figures.report()


def cross_validate(folds: int, wrapper: str | None, verbose: bool = False) -> None:
    """Grouped k-fold by source, then leave-one-dataset-out, each part briefed by a judge
    trained on the rest."""
    labelled = load_training(wrapper)
    print(f"labelled articles   {len(labelled)}; extracting candidates once ...", flush=True)
    candidates = list(meeting_candidates([item.article for item in labelled]))
    examples = [
        examples_of(c, item.gold, item.source) for c, item in zip(candidates, labelled, strict=True)
    ]
    rules = Figures()
    parts_rules: dict[str, Figures] = {}
    for item, brief in zip(
        labelled, brief_documents([i.article for i in labelled], judge=RULES_ALONE), strict=True
    ):
        rules.add(item.gold, brief)
        parts_rules.setdefault(item.dataset, Figures()).add(item.gold, brief)
    print("\n== the rules alone, for comparison (no judge; written against the dev gold) ==")
    rules.report()
    for dataset, figures in sorted(parts_rules.items()):
        print(figures.line(dataset))
    schemes = {
        f"{folds}-fold by source": source_folds([item.source for item in labelled], folds),
        "leave one dataset out": dataset_folds([item.dataset for item in labelled]),
    }
    for name, assignment in schemes.items():
        overall = Figures()
        parts: dict[str, Figures] = {}
        for fold in sorted(set(assignment)):
            train = [e for e, f in zip(examples, assignment, strict=True) if f != fold]
            test = [i for i, f in enumerate(assignment) if f == fold]
            judge = fit(train)
            briefs = brief_documents([labelled[i].article for i in test], judge=judge)
            for i, brief in zip(test, briefs, strict=True):
                overall.add(labelled[i].gold, brief, verbose)
                parts.setdefault(labelled[i].dataset, Figures()).add(labelled[i].gold, brief)
        print(f"\n== {name} (held-out parts, pooled) ==")
        overall.report()
        for dataset, figures in sorted(parts.items()):
            print(figures.line(dataset))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=NEWS / "labels-dev.jsonl")
    parser.add_argument("--articles", type=Path, default=NEWS / "articles.jsonl")
    parser.add_argument("--cv", action="store_true", help="cross-validate the judge by source")
    parser.add_argument("--folds", type=int, default=5, help="folds for --cv (default 5)")
    parser.add_argument(
        "--html",
        nargs="?",
        const="body",
        choices=["body", "article"],
        help="read each article as an HTML page, its paragraphs in <body> or <article>",
    )
    parser.add_argument("--verbose", action="store_true", help="print every article's errors")
    parser.add_argument(
        "--agreement", action="store_true", help="two labellers' agreement on labelled_usgov/"
    )
    args = parser.parse_args()
    if args.agreement:
        tp, second, first, articles, same = agreement(
            USGOV / "labels.jsonl", USGOV / "labels-second.jsonl"
        )
        p, r = tp / second, tp / first
        print(
            f"{articles} articles labelled twice: pair agreement P {p:.3f} R {r:.3f} "
            f"F1 {2 * p * r / (p + r):.3f} (tp {tp}, second {second}, first {first}); "
            f"meeting or not agreed on {same}/{articles}"
        )
    elif args.cv:
        cross_validate(args.folds, args.html, args.verbose)
    else:
        evaluate(load(args.labels, args.articles, args.html), args.verbose)


if __name__ == "__main__":
    main()
