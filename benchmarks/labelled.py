"""The labelled news of the corpus, and how a brief's pairs are scored against it.

Pairs are unordered pairs of parties (side_a x side_b; all pairs of side_a when side_b is
empty). A predicted name matches a gold name when the tokens of one, office titles removed,
contain the other's, or through the gold aliases. `eval_briefing.py` and `train_judge.py` both
read the data and score through here.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.briefing import ArticleInput  # noqa: E402
from bot.briefing.lexicon import is_title_word  # noqa: E402
from bot.intake import article_from_bytes  # noqa: E402

NEWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"
# Public-domain news labelled for this project (README.md there), shipped with it.
USGOV = Path(__file__).resolve().parent / "labelled_usgov"
_WORD = re.compile(r"[\w]+")


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


def gold_pairs(gold: dict) -> set[frozenset[str]]:
    """Every pair of parties of an article's gold meetings."""
    out: set[frozenset[str]] = set()
    for m in gold["meetings"]:
        out |= pairs(m["side_a"], m["side_b"])
    return out


@dataclass
class Labelled:
    """One labelled article: its gold, the data set it belongs to and the outlet it is from."""

    gold: dict
    article: ArticleInput
    dataset: str
    source: str


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


def load(
    labels: Path, articles: Path, wrapper: str | None = None, dataset: str | None = None
) -> list[Labelled]:
    """The labelled articles of one labels file, in its order; with `wrapper` ("body" or
    "article") each read as an HTML page (`as_page`). An article's source is its
    `publisher` where it names one, else its data set's name."""
    texts = {a["id"]: a for a in map(json.loads, articles.read_text().splitlines()) if a}
    out = []
    for line in labels.read_text().splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        a = texts[gold["id"]]
        source = a.get("publisher") or a.get("source_dataset") or "unknown"
        prefix = gold["id"].split("-")[0]
        named = prefix if prefix in ("mod1", "mod2", "aeb") else source.split()[0].split("-")[0]
        article = article_input(a, wrapper=wrapper)
        out.append(Labelled(gold=gold, article=article, dataset=dataset or named, source=source))
    return out


def load_training(wrapper: str | None = None) -> list[Labelled]:
    """Everything labelled for training: the dev gold, `train/` and the public-domain set
    shipped here (never the held-out 198)."""
    dev = load(NEWS / "labels-dev.jsonl", NEWS / "articles.jsonl", wrapper)
    train = NEWS / "train"
    usgov = load(USGOV / "labels.jsonl", USGOV / "articles.jsonl", wrapper, dataset="usgov")
    return dev + load(train / "labels.jsonl", train / "articles.jsonl", wrapper) + usgov


def agreement(first: Path, second: Path) -> tuple[int, int, int, int, int]:
    """Two labellers' pairs on the articles both labelled, scored as a brief is against gold
    (the first as gold, aliases of both): (true positives, second's pairs, first's pairs,
    articles, articles agreeing on whether there was a meeting)."""
    gold = {g["id"]: g for g in map(json.loads, first.read_text().splitlines()) if g}
    tp = predicted = wanted = same = 0
    seconds = [g for g in map(json.loads, second.read_text().splitlines()) if g]
    for other in seconds:
        one = gold[other["id"]]
        aliases = {k: [*v, *other.get("aliases", {}).get(k, [])] for k, v in one["aliases"].items()}
        aliases = {**other.get("aliases", {}), **aliases}
        a, b, c = score_pairs(gold_pairs(other), gold_pairs(one), aliases)
        tp, predicted, wanted = tp + a, predicted + b, wanted + c
        same += one["has_meeting"] == other["has_meeting"]
    return tp, predicted, wanted, len(seconds), same
