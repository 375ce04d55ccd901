"""The linguistic data tables of `bot/briefing/data/`, each read once through one loader."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Trigger:
    """A word that can report a meeting: "met", "held a phone call", "signed a memorandum"."""

    lemma: str
    kind: str
    # A light verb ("held", "had") reports a meeting only over one of these nouns.
    needs: frozenset[str] = frozenset()
    # "A and B met": its subjects meet each other (not so "Spain and Portugal welcomed X").
    symmetric: bool = False
    # "discussed X with Y": its object is what was discussed, not a party.
    topic_object: bool = False
    # "called on X to stop" is an appeal, "called on the Prime Minister" a visit.
    not_with_infinitive: bool = False
    # Words of which one must hang on it: "phone call", "a call with X".
    requires: frozenset[str] = frozenset()
    # Only in the plural: "talks" report a meeting, "his talk" is a speech.
    plural: bool = False
    # Prepositions that make it no meeting word: "called for talks", "called on X to".
    not_preps: frozenset[str] = frozenset()


@cache
def table(name: str) -> dict[str, Any]:
    """The data file `name` (TOML or JSON) of `bot/briefing/data/`."""
    path = DATA / name
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def triggers() -> dict[tuple[str, str], Trigger]:
    """The meeting words of `triggers.toml`, keyed by (part of speech, lemma)."""
    out: dict[tuple[str, str], Trigger] = {}
    for section, pos in (("verb", "VERB"), ("noun", "NOUN")):
        for lemma, entry in table("triggers.toml").get(section, {}).items():
            out[(pos, lemma)] = Trigger(
                lemma=lemma,
                kind=entry["kind"],
                needs=frozenset(entry.get("needs", ())),
                symmetric=bool(entry.get("symmetric", False)),
                topic_object=bool(entry.get("topic_object", False)),
                requires=frozenset(entry.get("requires", ())),
                not_with_infinitive=bool(entry.get("not_with_infinitive", False)),
                plural=bool(entry.get("plural", False)),
                not_preps=frozenset(entry.get("not_preps", ())),
            )
    return out


def _words(name: str, section: str, key: str = "words") -> frozenset[str]:
    """The list `key` of one section of the data file `name`."""
    return frozenset(table(name)[section][key])


@cache
def not_held_verbs() -> frozenset[str]:
    """Verbs over a meeting word that say it was not held ("denied he had held talks")."""
    return _words("triggers.toml", "not_held", "verbs")


@cache
def stayed_away_verbs() -> frozenset[str]:
    """Verbs over a meeting word whose subject was not at it ("boycotted a meeting")."""
    return _words("triggers.toml", "stayed_away", "verbs")


@cache
def honorifics() -> frozenset[str]:
    """Courtesy styles before a name, no part of it ("Mr Brown", "H.E. Gedion Timothewos")."""
    return _words("styles.toml", "honorifics")


@cache
def abbreviated_ranks() -> frozenset[str]:
    """Abbreviated military ranks before a name ("Gen Pervez Musharraf")."""
    return _words("styles.toml", "abbreviated_ranks")


@cache
def ranks() -> frozenset[str]:
    """Every rank or style before a name that is no part of it ("Lt-Gen X", "Sen. Y")."""
    return abbreviated_ranks() | _words("styles.toml", "ranks")


@cache
def called_up_to_verbs() -> frozenset[str]:
    """What "called up X to ..." does when it is a telephone call ("to discuss Iran")."""
    return _words("triggers.toml", "called_up_to", "verbs")


@cache
def press_nouns() -> frozenset[str]:
    """Nouns for journalists: speaking to one is an interview, not a meeting."""
    return _words("triggers.toml", "press", "nouns")


@cache
def title_heads() -> frozenset[str]:
    """Words that make up office titles: "Defense Minister", "U.S. Treasury Secretary"."""
    return _words("titles.toml", "heads")


@cache
def title_modifiers() -> frozenset[str]:
    """Words that qualify a title without naming anyone: "Foreign", "Defense", "Prime"."""
    return _words("titles.toml", "modifiers")


@cache
def collective_nouns() -> frozenset[str]:
    """Nouns that stand for a party's people: "the leadership of KNDS", "Iran's delegation"."""
    return _words("titles.toml", "collective_nouns")


@cache
def single_offices() -> frozenset[str]:
    """Offices one person holds at a time, named by office alone: "the prime minister said"."""
    return _words("titles.toml", "single_offices")


@cache
def other_office_words() -> frozenset[str]:
    """Words that make another office of the same head: "deputy prime minister", "former"."""
    return _words("titles.toml", "other_office")


@cache
def timeless_words() -> frozenset[str]:
    """Words that say when a holder holds an office, not which: "the new president"."""
    return _words("titles.toml", "timeless")


@cache
def government_nouns() -> frozenset[str]:
    """Nouns for a country's rulers as one party: "the government", "the administration"."""
    return _words("titles.toml", "government_nouns")


@cache
def back_heads() -> frozenset[str]:
    """Heads that refer back to the parties just reported: "the two sides", "both leaders"."""
    return _words("titles.toml", "back_heads")


@cache
def pair_nouns() -> dict[str, str]:
    """Plural nouns of "both N" / "the two N", each with the kind of party it stands for
    ("the two companies": org)."""
    by_kind = table("titles.toml")["pair_nouns"]
    return {word: kind for kind, words in by_kind.items() for word in words}


@cache
def institution_nouns() -> frozenset[str]:
    """Common nouns that stand for an organisation named before: "the hospital", "the fund"."""
    return _words("places.toml", "institution_nouns")


@cache
def event_words() -> frozenset[str]:
    """Words that mark a named gathering rather than an organisation: "the Munich Conference"."""
    return _words("places.toml", "event_words")


@cache
def motion_verbs() -> frozenset[str]:
    """Verbs of travel: "travelled to Riyadh for talks" names the place, makes the talks real."""
    return _words("places.toml", "motion_verbs")


@cache
def modals() -> frozenset[str]:
    """Modal auxiliaries: "will meet", "could meet", "won't meet" report no meeting held."""
    return _words("modality.toml", "modals")


@cache
def unreal_heads() -> frozenset[str]:
    """Heads that make a meeting noun hypothetical: "called for talks", "refused a meeting"."""
    return _words("modality.toml", "unreal_heads")


@cache
def scheduling_words() -> frozenset[str]:
    """Participles that put a meeting on the calendar: "talks scheduled for Thursday"."""
    return _words("modality.toml", "scheduling")


@cache
def future_words() -> frozenset[str]:
    """Words that put a meeting or its date in the future: "next week's talks", "upcoming"."""
    return _words("modality.toml", "future_words")


@cache
def speech_nouns() -> frozenset[str]:
    """Nouns of speaking to an audience, over which a meeting noun is none: "a vote on talks"."""
    return _words("modality.toml", "speech_nouns")


@cache
def attempt_verbs() -> frozenset[str]:
    """Verbs whose clause below is a meeting under way: "is trying to negotiate with Y"."""
    return _words("modality.toml", "attempt_verbs")


@cache
def say_verbs() -> frozenset[str]:
    """Verbs of reporting what was said or a view: "'We agreed,' he said", "said after the
    meeting", "calling it a pity"."""
    return _words("reporting.toml", "say_verbs")


@cache
def meeting_nouns() -> frozenset[str]:
    """Nouns that report a meeting to the rules reading its parties: "held talks with X"."""
    return _words("occasions.toml", "meeting_nouns")


@cache
def gathering_nouns() -> frozenset[str]:
    """Nouns under which a single named body meets as a whole: "the G-7 meeting"."""
    return _words("occasions.toml", "gathering_nouns")


@cache
def accord_nouns() -> frozenset[str]:
    """Nouns of accords: "an agreement between Nigeria and the Paris Club"."""
    return _words("occasions.toml", "accord_nouns")


@cache
def meal_nouns() -> frozenset[str]:
    """Meals a meeting is held over: "X hosted a dinner for Y", "X had lunch with Y"."""
    return _words("occasions.toml", "meal_nouns")


@cache
def hold_verbs() -> frozenset[str]:
    """Verbs whose object carries the meeting, their subject at it: "held talks", "attended"."""
    return _words("occasions.toml", "hold_verbs")


@cache
def gather_verbs() -> frozenset[str]:
    """Verbs whose subject meeting lists its people: "The meeting brought together X and Y"."""
    return _words("occasions.toml", "gather_verbs")


@cache
def serve_verbs() -> frozenset[str]:
    """Verbs whose subject hosts the meal: "X gave a banquet", "X threw a dinner"."""
    return _words("occasions.toml", "serve_verbs")


@cache
def lead_verbs() -> frozenset[str]:
    """Participles that name who headed a delegation at a meeting: "the talks, led by X"."""
    return _words("occasions.toml", "lead_verbs")


@cache
def moment_nouns() -> frozenset[str]:
    """Moments of a meeting that set the scene as it does: "at the end of the meeting"."""
    return _words("occasions.toml", "moment_nouns")


@cache
def measure_nouns() -> frozenset[str]:
    """Measures of meetings in the meeting's clause: "a series of meetings", "a round of talks"."""
    return _words("occasions.toml", "measure_nouns")


@cache
def entry_nouns() -> frozenset[str]:
    """What a candidate negotiates with the body it would join: "talks on Russia's membership"."""
    return _words("occasions.toml", "entry_nouns")


@cache
def vague_adjectives() -> frozenset[str]:
    """Adjectives that say nothing about the subject: "new talks", "several issues"."""
    return _words("topics.toml", "vague_adjectives")


@cache
def vague_heads() -> frozenset[str]:
    """Heads too vague to stand alone as a topic: "the prospects of X" is about X."""
    return _words("topics.toml", "vague_heads")


@cache
def bland_heads() -> frozenset[str]:
    """Heads that name no subject of their own: "party sources", "good progress"."""
    return _words("topics.toml", "bland_heads")


@cache
def part_heads() -> frozenset[str]:
    """Heads that point at a part, place or person: "members of parliament", "city of X"."""
    return _words("topics.toml", "part_heads")


@cache
def party_heads() -> frozenset[str]:
    """Heads that name who takes part, not what about: "EC negotiators", "creditor banks"."""
    return _words("topics.toml", "party_heads")


@cache
def meeting_heads() -> frozenset[str]:
    """Heads that name a meeting, not what it was about: "the summit" as a topic."""
    return _words("topics.toml", "meeting_heads")


@cache
def subject_name_heads() -> frozenset[str]:
    """Last words of names that are themselves subjects, not parties: "Kyoto Protocol"."""
    return _words("topics.toml", "subject_name_heads")


@cache
def generic_heads() -> frozenset[str]:
    """Heads that say what kind of thing, not which: "major success", "lengthy process"."""
    return _words("topics.toml", "generic_heads")


@cache
def units() -> frozenset[str]:
    """Wire-copy units left over once the number is gone: "mln bags", "bln dlrs"."""
    return _words("topics.toml", "units")


@cache
def stopwords() -> frozenset[str]:
    """Function words a topic neither opens nor closes on: "the talks on", "trade and"."""
    return _words("topics.toml", "stopwords")


@cache
def discuss_verbs() -> frozenset[str]:
    """Verbs whose object is what a meeting discussed: "discussed the supply of weapons"."""
    return _words("topics.toml", "discuss_verbs")


@cache
def about_heads() -> frozenset[str]:
    """Verbs and nouns that take the subject matter in a preposition: "talks on trade"."""
    return _words("topics.toml", "about_heads")


@cache
def event_nouns() -> dict[str, str]:
    """Headline verbs and the noun a topic names their happening with ("dies" -> "death")."""
    return dict(table("topics.toml")["event_nouns"])


@cache
def capitals() -> dict[str, tuple[str, ...]]:
    """National capitals, lower case, and the country each is the seat of government of; a
    city whose country changed name lists the older name second ("moscow")."""
    return {city: tuple(names) for city, names in table("countries.toml")["capitals"].items()}


@cache
def royal_styles() -> frozenset[str]:
    """Styles of rulers and peers a person's name follows ("King Felipe")."""
    return _words("styles.toml", "royal_styles")


@cache
def name_particles() -> frozenset[str]:
    """Small words inside a name ("Leonardo da Vinci", "Ursula von der Leyen")."""
    return _words("styles.toml", "name_particles")
