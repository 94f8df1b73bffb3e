"""Mentions that only support another event stay event mentions but leave the timeline (events/support.py)."""
from __future__ import annotations

import pytest

from extractor.events.mention import EventDate, EventMention
from extractor.events.selection import TimelineRule
from extractor.events.support import sequence_verbs, support_verbs, with_nouns
from entity_pipeline import entity_nlp, run_with_triggers  # noqa: F401  (fixtures)


def _word_of(entity_nlp, text: str, lemma: str) -> str:
    """The first word of ``text`` whose lemma is ``lemma``."""
    return next(t.text for t in entity_nlp(text) if t.lemma_.lower() == lemma)


def on_timeline(doc) -> list[bool]:
    return [span._.event.timeline for span in doc.spans["events"]]


@pytest.mark.parametrize(("name", "example"), sorted({**support_verbs(), **with_nouns()}.items()))
def test_every_listed_word_is_ruled_off_in_its_example(entity_nlp, run_with_triggers, name, example):
    word = _word_of(entity_nlp, example, name.split()[0])
    assert on_timeline(run_with_triggers(example, word)) == [False]


@pytest.mark.parametrize(("verb", "example"), sorted(sequence_verbs().items()))
def test_every_sequence_verb_between_events_is_ruled_off_in_its_example(entity_nlp, run_with_triggers, verb, example):
    word = _word_of(entity_nlp, example, verb)
    nouns = [t.text for t in entity_nlp(example) if t.pos_ == "NOUN"]
    doc = run_with_triggers(example, word, *nouns)
    assert [s._.event.timeline for s in doc.spans["events"] if s.text == word] == [False]


@pytest.mark.parametrize(("text", "triggers", "expected"), [
    # a verb of sequence between two events orders them; without an event argument it is an event
    ("The cease-fire has been followed by deliveries of aid.", ("followed", "deliveries"), [False, True]),
    ("Police followed the suspect to Paris.", ("followed",), [True]),
    # a raising verb and the event its complement names: only the complement is a happening
    ("The U.S. has come to recognize the legitimacy of the Russian position.", ("come", "recognize"),
     [False, True]),
    # without a verbal complement the same verb is an event
    ("The delegation came to Moscow on Monday.", ("came",), [True]),
    ("The rebels appeared in the square.", ("appeared",), [True]),
    # an aspectual verb stays: its complement would not carry its date
    ("Russia began to withdraw its aircraft.", ("began", "withdraw"), [True, True]),
    # an event noun that is the subject of an event verb is that verb's happening
    ("Peace talks will reconvene in Geneva.", ("talks", "reconvene"), [False, True]),
    ("The attack killed five soldiers.", ("attack", "killed"), [False, True]),
    # ... but an event noun as object is a happening of its own
    ("The idea of cooperation follows visits by Kerry to Moscow.", ("follows", "visits"), [False, True]),
    ("Kerry condemned the suicide attack.", ("condemned", "attack"), [True, True]),
    # a subject noun whose verb is no event mention keeps its place
    ("The peace talks were long.", ("talks",), [True]),
    # a copula, also contracted, is a state ("’s" the second time: the first is a possessive)
    ("On the government’s side, it’s the Syrian Arab army.", (("’s", 2),), [False]),
    ("The army is on the government's side.", ("is",), [False]),
    # "with the help of" says how an event went, wherever the parser hung the phrase
    ("The army took back the city of Palmyra with the help of Russian aerial cover.", ("took", "help"),
     [True, False]),
    # help outside "with" is a happening of its own
    ("Russia sent military help to Syria.", ("sent", "help"), [True, True]),
])
def test_support_mentions_leave_the_timeline(run_with_triggers, text, triggers, expected):
    assert on_timeline(run_with_triggers(text, *triggers)) == expected


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # nothing but the verb: nothing to show
    ("It was discussed, and then it happened.", "happened", False),
    ("The elections were a farce.", "elections", False),
    # a participant, a place or a modifier in the title is enough
    ("Kerry talked for an hour.", "talked", True),
    ("It happened in Aleppo.", "happened", True),
    ("The parliamentary elections were a farce.", "elections", True),
])
def test_a_bare_mention_leaves_the_timeline(run_with_triggers, text, trigger, expected):
    assert on_timeline(run_with_triggers(text, trigger)) == [expected]


def test_the_timeline_rule_keeps_a_mention_ruled_off_before_it():
    date = EventDate("2016-03-31", "day", None, None, None, "publication")
    mention = EventMention("come", date=date, confidence=0.9)
    assert TimelineRule().admits(mention)
    mention.timeline = False
    assert not TimelineRule().admits(mention)
