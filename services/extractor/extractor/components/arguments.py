"""The ``event_arguments`` component: participants, locations and a title for every event mention.

Reads the trigger spans in ``doc.spans["events"]`` (each with ``span._.event``, an ``EventMention``) and
the canonical entity mentions in ``doc.spans["entities"]`` (``span._.entity``); fills the mention's
``participants``, ``locations`` and ``title``, and rules off the timeline (``timeline = False``) a
mention that only supports another event of its clause, or a bare one (``events/support.py``); ``event_dates`` keeps
that ruling when it applies the timeline rule. Either key may be missing: no events, or arguments without
canonical names.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..events.arguments import AGENT, Argument, find_arguments, with_role
from ..events.canonical import PLACE_TYPES
from ..events.inflection import Nominalizer, model_nouns, model_verb_forms, model_verbs
from ..events.mention import Entity, EventMention
from ..events.support import is_bare, is_support
from ..events.titles import title


@Language.factory(
    "event_arguments",
    assigns=["span._.event"],
    requires=["token.dep", "token.pos", "token.lemma"],
    default_config={"events_key": "events", "entities_key": "entities"},
)
def make_event_arguments(nlp: Language, name: str, events_key: str, entities_key: str) -> "EventArguments":
    return EventArguments(name, events_key, entities_key, verbs=model_verbs(nlp), nouns=model_nouns(nlp),
                          verb_forms=model_verb_forms(nlp))


class EventArguments:
    """Fills arguments and titles from the parse. ``verbs``/``nouns`` are the lemmas the model's
    lemmatizer knows; they turn event nouns into verbs and catch verbs the tagger took for nouns.
    ``verb_forms`` (lemma by irregular form) mends a past form the tagger took for a present one."""

    def __init__(self, name: str = "event_arguments", events_key: str = "events", entities_key: str = "entities",
                 verbs: frozenset[str] = frozenset(), nouns: frozenset[str] = frozenset(),
                 verb_forms: dict[str, str] | None = None):
        self.name = name
        self.events_key = events_key
        self.entities_key = entities_key
        self.nominalizer = Nominalizer.of(verbs, verb_forms)
        self.nouns = nouns

    def __call__(self, doc: Doc) -> Doc:
        index = {i: (span, span._.entity) for span in doc.spans.get(self.entities_key, [])
                 for i in range(span.start, span.end)}

        def entity_at(token: Token) -> tuple[Span, Entity] | None:
            return index.get(token.i)

        spans = [span for span in doc.spans.get(self.events_key, []) if span._.event is not None]
        triggers = {span.root.i for span in spans}
        verbal = {i for i in triggers if self.verb_like(doc[i])}
        for span in spans:
            trigger = span.root
            verb_like = trigger.i in verbal
            arguments = find_arguments(trigger, entity_at, verb_like)
            self.set_annotations(span._.event, arguments, title(trigger, arguments, verb_like, self.nominalizer, entity_at))
            if is_support(trigger, verb_like, verbal, triggers) or is_bare(span._.event):
                span._.event.timeline = False
        return doc

    def verb_like(self, token: Token) -> bool:
        """A verb, or a word tagged noun that is only ever a verb ("once peace talks reconvene")."""
        if token.pos_ in ("VERB", "AUX"):
            return True
        lemma = token.lemma_.lower()
        return token.pos_ == "NOUN" and lemma in self.nominalizer.verbs and bool(self.nouns) and lemma not in self.nouns

    @staticmethod
    def set_annotations(mention: EventMention, arguments: list[Argument], text: str) -> None:
        participants: list[Entity] = []
        locations: list[Entity] = []
        seen = set()
        for argument in arguments:
            entities = argument.entities or [Entity(argument.phrase, "other")]
            for entity in entities:
                if not entity.name or (entity.name, argument.role) in seen:
                    continue
                seen.add((entity.name, argument.role))
                # A country taking part ("Russia withdrew", "authorized the United States") is a
                # participant; a country in a place phrase, and any smaller place, says where it happened.
                place = entity.type in PLACE_TYPES and argument.role != AGENT and (
                    entity.type != "country" or argument.prep is not None)
                (locations if place else participants).append(with_role(entity, argument.role))
        mention.participants = participants
        mention.locations = locations
        mention.title = text
