"""Same-story clustering: mechanics on written texts, precision/recall on real news.

The labels in fixtures/sources/story_pairs.json name corpus articles by id; the texts stay
in the corpus.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sources.stories import NUM_PERM, THRESHOLD, StoryIndex, text_signature

LABELS = json.loads(
    (Path(__file__).parent / "fixtures" / "sources" / "story_pairs.json").read_text()
)
DAY = 86_400.0

WIRE = (
    "Ukraine's Defense Minister Rustem Umerov met the leadership of KNDS France and KNDS "
    "Deutschland on the sidelines of the Munich Security Conference on Saturday. The sides "
    "discussed joint production of 155mm ammunition in Ukraine, maintenance of equipment "
    "already delivered, and cooperation on unmanned systems. Umerov thanked the company for "
    "the Caesar howitzers and Leopard tanks sent so far and proposed opening a repair hub "
    "near the front line. KNDS representatives said they were ready to expand localisation "
    "and to train Ukrainian engineers at plants in France and Germany this spring."
)
REPUBLISHED = (
    "Advertisement. Defence Desk reports: " + WIRE + " Related articles: Finland pledges new "
    "air defence aid. Leave a reply. Your email address will not be published."
)
UNRELATED = (
    "The central bank left its main interest rate unchanged at four percent on Thursday, "
    "citing stubborn services inflation and a weaker outlook for exports. Economists polled "
    "before the decision had expected a hold, though two members of the committee voted for "
    "a quarter-point cut. The governor told reporters that borrowing costs would stay "
    "restrictive until wage growth slows, and markets trimmed bets on a reduction in June."
)


def test_signature_is_compact_and_deterministic() -> None:
    signature = text_signature(WIRE)
    assert len(signature) == NUM_PERM * 4
    assert signature == text_signature(WIRE)
    assert signature != text_signature(UNRELATED)


def test_too_little_text_has_no_signature() -> None:
    assert text_signature("") == b""
    assert text_signature("Breaking: minister meets CEO") == b""
    index = StoryIndex()
    assert index.add(1, b"") is None and len(index) == 0
    assert index.add(2, b"not a signature") is None and len(index) == 0


def test_republished_copy_joins_the_story_and_other_news_does_not() -> None:
    index = StoryIndex()
    assert index.add(10, text_signature(WIRE)) is None
    assert index.add(11, text_signature(UNRELATED)) is None
    assert index.add(12, text_signature(REPUBLISHED)) == 10
    # A third copy points at the story's first article, not at the copy it resembles most.
    assert index.add(13, text_signature("Update. " + REPUBLISHED)) == 10
    assert index.add(12, text_signature(REPUBLISHED)) == 10  # adding again changes nothing
    assert index.add(10, text_signature(WIRE)) is None
    assert len(index) == 4


def test_reports_days_apart_are_separate_stories() -> None:
    index = StoryIndex(window_s=3 * DAY)
    assert index.add(1, text_signature(WIRE), at=0.0) is None
    assert index.add(2, text_signature(REPUBLISHED), at=10 * DAY) is None
    assert index.add(3, text_signature(REPUBLISHED), at=11 * DAY) == 2
    # Without a time, an article can match anything still in the index.
    assert index.add(4, text_signature(REPUBLISHED)) in (1, 2)


def test_capacity_forgets_the_oldest() -> None:
    index = StoryIndex(capacity=2)
    index.add(1, text_signature(WIRE))
    index.add(2, text_signature(UNRELATED))
    index.add(3, text_signature(UNRELATED + " Markets closed higher."))
    assert len(index) == 2
    assert index.add(4, text_signature(REPUBLISHED)) is None  # article 1 is gone


def _pairs(groups) -> set[frozenset[str]]:
    return {frozenset(pair) for group in groups for pair in itertools.combinations(group, 2)}


def _score(items: list[tuple[str, str, float | None]], same, related) -> tuple[float, float]:
    """Pairwise precision and recall of the clusters the index forms over `items`."""
    index = StoryIndex()
    keys = [key for key, _, _ in items]
    story_of = {}
    for number, (key, text, at) in enumerate(items):
        first = index.add(number, text_signature(text), at=at)
        story_of[key] = keys[first] if first is not None else key
    predicted = {
        frozenset((a, b)) for a, b in itertools.combinations(keys, 2) if story_of[a] == story_of[b]
    }
    predicted -= related - same
    hits = len(predicted & same)
    return (hits / len(predicted) if predicted else 1.0), hits / len(same)


@pytest.mark.corpus
def test_same_story_across_outlets(corpus_dir: Path) -> None:
    """181 news pages of 18-20 Nov 2019 from ~130 outlets; 12 stories told by 2-4 of them."""
    truth = json.loads((corpus_dir / "extraction/scrapinghub-aeb/ground-truth.json").read_text())
    items = [(key, value["articleBody"], None) for key, value in truth.items()]
    same = _pairs(LABELS["scrapinghub_stories"].values())
    assert len(same) == 30
    precision, recall = _score(items, same, _pairs(LABELS["scrapinghub_related"]))
    print(f"cross-outlet stories at {THRESHOLD}: precision {precision:.2f} recall {recall:.2f}")
    assert precision >= 0.75 and recall >= 0.75


@pytest.mark.corpus
def test_duplicates_among_same_desk_news(corpus_dir: Path) -> None:
    """300 wire, BBC and Wikinews texts: republished duplicates found, few false merges."""
    items = []
    for line in (corpus_dir / "news/articles.jsonl").read_text().splitlines():
        article = json.loads(line)
        published = article["published"]
        at = (
            datetime.fromisoformat(published).replace(tzinfo=UTC).timestamp() if published else None
        )
        items.append((article["id"], article["title"] + "\n" + article["text"], at))
    same = _pairs(LABELS["news_duplicates"])
    precision, recall = _score(items, same, _pairs(LABELS["news_related"]))
    print(f"same-desk news at {THRESHOLD}: precision {precision:.2f} recall {recall:.2f}")
    assert recall == 1.0 and precision >= 0.4
