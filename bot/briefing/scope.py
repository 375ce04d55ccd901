"""Which words of a sentence tell of its meeting, and which of another event in it."""

from __future__ import annotations

from spacy.tokens import Token


def clause_verb(token: Token) -> Token | None:
    """The verb of the clause a token is in (itself when it is one)."""
    return next((t for t in (token, *token.ancestors) if t.pos_ in ("VERB", "AUX")), None)


def reporting_clauses(trigger: Token) -> list[Token]:
    """The verbs whose clauses report the meeting: the trigger's own, and those it is the
    purpose or continuation of ("gathered in Cairo on Wednesday to discuss", "flew to Moscow
    on Monday and met"), not one that reports what was said of it."""
    verb = clause_verb(trigger)
    chain = []
    while verb is not None:
        chain.append(verb)
        # A root is its own head: one labelled "conj" (a hand-made or odd parse) ends the chain.
        up = verb.dep_ in ("xcomp", "advcl", "conj") and verb.head != verb
        verb = verb.head if up else None
    return chain


def tells_of_meeting(token: Token, trigger: Token) -> bool:
    """Whether a word (a time, a place) belongs to the meeting: it sits in the meeting's phrase
    ("their summit last October") or in the clause that reports it, even hung on one of its
    nouns ("met in closed session in Brussels"), but not on a clause's subject ("his offer
    Saturday was welcome", "an assembly in Cairo denounced the accord")."""
    node = token
    while node.head != node:
        # "On Tuesday Cyprus and Greece met": the parser may hang a day on the name after it.
        misparsed = node.dep_ == "compound" and node.head.pos_ == "PROPN"
        node = node.head
        if node == trigger:
            return True
        if node.pos_ in ("VERB", "AUX"):
            # "a meeting they had last night": a relative clause of the meeting tells of it too.
            return node.head == trigger or node in reporting_clauses(trigger)
        if node.dep_ in ("nsubj", "nsubjpass") and not misparsed:
            return False
    return False
