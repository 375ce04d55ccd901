"""Score who-met-whom, meeting detection and topics against hand-made gold labels.

Usage: python benchmarks/eval_briefing.py [--labels PATH] [--articles PATH]
       [--html [body|article]] [--verbose]

Pairs are unordered pairs of parties (side_a x side_b; all pairs of side_a when side_b is
empty). A predicted name matches a gold name when the tokens of one, office titles removed,
contain the other's, or through the gold aliases. A gold topic is recalled when a predicted
topic covers at least half of its content words. A meeting's place and day are scored where
the gold gives them and a predicted meeting shares one of its pairs.

With --html each article is first wrapped as a simple page (`<title>`, an
`article:published_time` meta, an `<h1>` headline and one `<p>` per paragraph, in the body or,
with --html article, inside `<article>` as most news sites mark it up) and read the way
`briefbot brief page.html` reads a file: extraction, then the page's article.
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.briefing import ArticleInput, Brief, brief_documents  # noqa: E402
from bot.briefing.lexicon import is_title_word  # noqa: E402
from bot.intake import article_from_bytes  # noqa: E402

NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"
_WORD = re.compile(r"[\w]+")
_TOPIC_STOP = {"the", "of", "and", "a", "an", "in", "on", "to", "for", "with", "by", "at", "'s"}


def tokens(name: str) -> frozenset[str]:
    words = [w.lower() for w in _WORD.findall(name.replace(".", "").replace("'s", ""))]
    kept = [w for w in words if not is_title_word(w) and w != "the"]
    return frozenset(kept or words)


def name_match(pred: str, gold: str, aliases: dict[str, list[str]]) -> bool:
    p = tokens(pred)
    for form in (gold, *aliases.get(gold, [])):
        g = tokens(form)
        if p and g and (p <= g or g <= p):
            return True
    return False


def pairs(side_a: list[str], side_b: list[str]) -> set[frozenset[str]]:
    if side_b:
        found = {frozenset((a, b)) for a in side_a for b in side_b if a != b}
    else:
        found = {frozenset(c) for c in itertools.combinations(side_a, 2)}
    return {p for p in found if len(p) == 2}


def pair_match(pred: frozenset[str], gold: frozenset[str], aliases: dict[str, list[str]]) -> bool:
    p1, p2 = sorted(pred)
    g1, g2 = sorted(gold)
    return (name_match(p1, g1, aliases) and name_match(p2, g2, aliases)) or (
        name_match(p1, g2, aliases) and name_match(p2, g1, aliases)
    )


def score_pairs(pred: set, gold: set, aliases: dict) -> tuple[int, int, int]:
    """Maximum one-to-one matching (so the score does not depend on set order); returns
    (true positives, predicted, gold). A duplicate of a matched pair is not a new error."""
    preds = sorted(pred, key=sorted)
    golds = sorted(gold, key=sorted)
    fits = [[j for j, g in enumerate(golds) if pair_match(p, g, aliases)] for p in preds]
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or assign(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    tp = sum(assign(i, set()) for i in range(len(preds)))
    duplicates = sum(1 for i, f in enumerate(fits) if f and i not in owner.values())
    return tp, len(preds) - duplicates, len(golds)


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


def as_page(article: dict, wrapper: str) -> bytes:
    """The article as the simple HTML page a news site would serve: title, date meta, headline
    and one paragraph element per paragraph of the text."""
    title = html.escape(article["title"])
    published = html.escape(article.get("published") or "")
    paragraphs = "".join(
        f"<p>{html.escape(p.strip())}</p>\n" for p in article["text"].split("\n") if p.strip()
    )
    content = f"<h1>{title}</h1>\n{paragraphs}"
    if wrapper == "article":
        content = f"<article>{content}</article>"
    return (
        f"<html><head><title>{title}</title>\n"
        f'<meta property="article:published_time" content="{published}"></head>\n'
        f"<body>{content}</body></html>"
    ).encode()


def article_input(article: dict, *, wrapper: str | None) -> ArticleInput:
    """The labelled article as the brief reads it: its fields, or its page through extraction."""
    if wrapper:
        return article_from_bytes(as_page(article, wrapper), url=article.get("url"))
    return ArticleInput(
        text=article["text"],
        title=article["title"],
        url=article.get("url"),
        published=article.get("published"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=NEWS / "labels-dev.jsonl")
    parser.add_argument("--articles", type=Path, default=NEWS / "articles.jsonl")
    parser.add_argument(
        "--html",
        nargs="?",
        const="body",
        choices=["body", "article"],
        help="read each article as an HTML page, its paragraphs in <body> or <article>",
    )
    parser.add_argument("--verbose", action="store_true", help="print every article's errors")
    args = parser.parse_args()

    labels = [json.loads(line) for line in args.labels.read_text().splitlines() if line.strip()]
    articles = {a["id"]: a for a in map(json.loads, args.articles.read_text().splitlines())}
    inputs = [article_input(articles[g["id"]], wrapper=args.html) for g in labels]
    start = time.perf_counter()
    briefs = list(brief_documents(inputs))
    elapsed = time.perf_counter() - start

    tp = n_pred = n_gold = 0
    det = {"tp": 0, "fp": 0, "fn": 0}
    topics_hit = topics_all = 0
    tally = {f"{k}_{count}": 0 for k in ("place", "day") for count in ("gold", "right", "wrong")}
    for gold, brief in zip(labels, briefs, strict=True):
        aliases = gold.get("aliases", {})
        gold_pairs: set[frozenset[str]] = set()
        for m in gold["meetings"]:
            gold_pairs |= pairs(m["side_a"], m["side_b"])
        pred = brief_pairs(brief)
        a, b, c = score_pairs(pred, gold_pairs, aliases)
        tp, n_pred, n_gold = tp + a, n_pred + b, n_gold + c
        has = bool(brief.meetings)
        if has and gold["has_meeting"]:
            det["tp"] += 1
        elif has:
            det["fp"] += 1
        elif gold["has_meeting"]:
            det["fn"] += 1
        score_place_and_day(gold, brief, tally)
        predicted_topics = brief.topics + [t for m in brief.meetings for t in m.topics]
        hits = [topic_hit(t, predicted_topics) for t in gold["topics"]]
        topics_hit += sum(hits)
        topics_all += len(hits)
        if args.verbose and (a < b or a < c or has != gold["has_meeting"]):
            print(f"--- {gold['id']}  tp={a} pred={b} gold={c}")
            print("  pred:", sorted(tuple(sorted(p)) for p in pred))
            print("  gold:", sorted(tuple(sorted(p)) for p in gold_pairs))

    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    det_p = det["tp"] / (det["tp"] + det["fp"]) if det["tp"] + det["fp"] else 0.0
    det_r = det["tp"] / (det["tp"] + det["fn"]) if det["tp"] + det["fn"] else 0.0
    print(f"articles            {len(labels)}  ({elapsed:.1f}s, {len(labels) / elapsed:.1f}/s)")
    print(
        f"pairs               P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  "
        f"(tp {tp}, predicted {n_pred}, gold {n_gold})"
    )
    counts = f"(tp {det['tp']}, fp {det['fp']}, fn {det['fn']})"
    print(f"meeting detection   P {det_p:.3f}  R {det_r:.3f}  {counts}")
    recall = topics_hit / topics_all if topics_all else 0.0
    print(f"topic recall        {recall:.3f}  ({topics_hit}/{topics_all})")
    for key in ("place", "day"):
        right, given, wrong = (tally[f"{key}_{count}"] for count in ("right", "gold", "wrong"))
        share = right / given if given else 0.0
        print(
            f"meeting {key:<12}{share:.3f}  ({right}/{given} gold {key}s of found meetings;"
            f" {wrong} of ours wrong)"
        )


if __name__ == "__main__":
    main()
