"""Who and where of one event mention, read off the dependency parse around its trigger token.

Verbs: the subject is the agent (the passive "by" phrase too; an infinitive or a conjunct without a
subject takes its governor's), the object or passive subject the patient, prepositional phrases of place
are locations. Event nouns: a possessive or a "by"/"between" phrase is the agent, an "of"/"on"/"against"
phrase the patient ("visits by Kerry and Brennan to Moscow"). Each argument is a noun phrase; the names in
it are mapped to the article's canonical entities, and common-noun phrases ("peace talks") are kept as
"other" participants so a title can still say who acted.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from spacy.tokens import Span, Token

from .canonical import PLACE_TYPES, body_type, place_nouns
from .inflection import Nominalizer, particles, transitive_phrasal
from .mention import Entity

AGENT, PATIENT, OTHER = "agent", "patient", "other"
_MODIFIER = "modifier"  # a name before an event noun, agent or place depending on what it names
LOCATIVE = frozenset({"in", "at", "to", "into", "near", "inside", "outside", "across", "through",
                      "throughout", "from", "toward", "towards", "around", "on", "off", "within", "over"})
_INNER_LOCATIVE = frozenset({"in", "at", "near"})
AGENTIVE = frozenset({"by", "between", "among"})
PATIENTIVE = frozenset({"of", "on", "against"})
# A noun phrase is the head with its modifiers and coordinated heads; clauses and prepositional phrases
# hanging on it are other arguments' business.
_NP_STOP = frozenset({"prep", "relcl", "acl", "advcl", "punct", "cc", "preconj", "det", "predet"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_OBJECTS = frozenset({"dobj", "obj"})
_RELATIVE = frozenset({"WP", "WDT"})
_WH = frozenset({"WP", "WDT", "WRB", "WP$"})

EntityAt = Callable[[Token], "tuple[Span, Entity] | None"]


@dataclass
class Argument:
    """One argument: its role, preposition (if any), head token, canonical entities and readable phrase.

    ``named`` is True when the phrase is the names themselves ("Kerry and Lavrov"), False when the
    names only modify it ("the Syrian army").
    """

    role: str
    head: Token
    prep: str | None
    entities: list[Entity] = field(default_factory=list)
    phrase: str = ""
    named: bool = False

    @property
    def is_place(self) -> bool:
        return bool(self.entities) and all(e.type in PLACE_TYPES for e in self.entities)

    @property
    def plural(self) -> bool:
        # A plural common noun that ends its own entity's name counts too ("Syrian government troops").
        named_by_head = len(self.entities) == 1 and self.entities[0].name.split()[-1] == self.head.text
        return len(self.entities) > 1 or (not self.entities and self.head.tag_ in ("NNS", "NNPS")) or (
            named_by_head and self.head.tag_ == "NNS" and self.head.is_lower) or any(c.dep_ == "conj" for c in self.head.children)


def find_arguments(trigger: Token, entity_at: EntityAt, verb_like: bool) -> list[Argument]:
    """The arguments of the event whose trigger is ``trigger``, in text order.

    ``entity_at(token)`` gives the canonical entity mention a token is in; ``verb_like`` says whether to
    read the trigger as a verb (a verb, or a noun the tagger got wrong: "talks reconvene").
    """
    pairs = _verb_arguments(trigger) if verb_like else _noun_arguments(trigger)
    arguments = []
    for role, prep, head in pairs:
        if head.tag_ in _RELATIVE and trigger.dep_ == "relcl":
            head = trigger.head  # "an official who spoke": the official spoke
        if head.pos_ == "PRON" and entity_at(head) is None:
            continue
        entities, phrase = noun_phrase(head, entity_at)
        if head.dep_ in ("csubj", "csubjpass"):
            entities = []  # "Taking back Raqqa needs forces": Raqqa is not who needs them
        named = _names_itself(head, entities, entity_at)
        if role == _MODIFIER:
            # "U.S. airstrikes": an actor named before an event noun is its agent; a place, where.
            role = AGENT if entities and not any(e.type in PLACE_TYPES - {"country"} for e in entities) else OTHER
        if entities or role != OTHER:
            arguments.append(Argument(role, head, prep, entities, phrase, named))
    if not any(a.is_place and a.role != AGENT for a in arguments):
        arguments.extend(_inner_places(arguments, entity_at))
    return sorted(arguments, key=lambda a: a.head.i)


def _names_itself(head: Token, entities: list[Entity], entity_at: EntityAt) -> bool:
    found = entity_at(head)
    return found is not None and any(e is found[1] for e in entities)


def _inner_places(arguments: list[Argument], entity_at: EntityAt) -> list[Argument]:
    """Where an event without a place phrase of its own happened, from an argument's "in"/"at" phrase
    ("killed by a roadside bomb in Baghdad")."""
    found = []
    for argument in arguments:
        for p in argument.head.children:
            if p.dep_ == "prep" and p.lower_ in _INNER_LOCATIVE:
                for o in _objects(p):
                    entities, phrase = noun_phrase(o, entity_at)
                    inner = Argument(OTHER, o, p.lower_, entities, phrase, _names_itself(o, entities, entity_at))
                    if inner.is_place:
                        found.append(inner)
    return found[:1]


def _verb_arguments(verb: Token) -> list[tuple[str, str | None, Token]]:
    found: list[tuple[str, str | None, Token]] = []
    subject = _subject(verb)
    if subject is not None:
        found.append((AGENT, None, subject))
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            continue
        elif child.dep_ in _OBJECTS or child.dep_ in _PASSIVE_SUBJECTS:
            found.append((PATIENT, None, child))
        elif child.dep_ == "agent":
            found.extend((AGENT, "by", o) for o in _objects(child))
        elif child.dep_ == "compound" and child.i < verb.i and verb.pos_ == "NOUN":
            found.append((AGENT, None, child))
        elif child.dep_ == "prep":
            found.extend((OTHER, child.lower_, o) for o in _objects(child))
        elif child.dep_ in ("prt", "advmod"):
            found.extend((OTHER, p.lower_, o) for p in child.children if p.dep_ == "prep" for o in _objects(p))
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # A participle on a noun: "the city captured by rebels" (the city is captured), "forces
        # fighting ISIS" (the forces fight). A past tense there is a past participle the tagger missed.
        role = PATIENT if verb.tag_ in ("VBN", "VBD") else AGENT if verb.tag_ == "VBG" else None
        if role and not any(r == role for r, _, _ in found):
            found.append((role, None, verb.head))
    if not any(role == PATIENT for role, _, _ in found):
        shifted = _shifted_object(verb)
        if shifted is not None:
            found.append((PATIENT, None, shifted))
    if not any(role == AGENT for role, _, _ in found):
        controller = _controller_subject(verb)
        if controller is not None:
            found.append((AGENT, None, controller))
    if not any(prep for _, prep, _ in found):
        found.extend(_displaced_place(verb))
    return found


def _noun_arguments(noun: Token) -> list[tuple[str, str | None, Token]]:
    found: list[tuple[str, str | None, Token]] = []
    for child in noun.children:
        if child.dep_ == "poss":
            found.append((AGENT, None, child))
        elif child.dep_ == "prep":
            prep = child.lower_
            role = AGENT if prep in AGENTIVE else PATIENT if prep in PATIENTIVE else OTHER
            found.extend((role, prep, o) for o in _objects(child))
        elif child.dep_ in ("compound", "nmod") or child.dep_ == "amod" and child.pos_ == "PROPN":
            found.append((_MODIFIER, None, child))
    # "Kerry held talks": a light verb's subject is the agent of the event noun it takes as object.
    light = noun.head.lemma_.lower() in Nominalizer.light_verbs()
    if noun.dep_ in _OBJECTS and light and not any(role == AGENT for role, _, _ in found):
        found.extend((AGENT, None, s) for s in noun.head.children if s.dep_ in _SUBJECTS)
    return found


def _objects(prep: Token) -> list[Token]:
    return [o for o in prep.children if o.dep_ in ("pobj", "pcomp")]


def _subject(verb: Token) -> Token | None:
    # Two subjects on one verb is a parse error (a heading run into the sentence); the nearer one holds.
    return min((c for c in verb.children if c.dep_ in _SUBJECTS), key=lambda c: abs(c.i - verb.i), default=None)


def _controller_subject(verb: Token) -> Token | None:
    """The subject an infinitive or a conjunct verb shares with its governor ("Kerry and Lavrov agreed
    to put pressure": they put it), up to three governors up."""
    token = verb
    for _ in range(3):
        if token.dep_ not in ("xcomp", "conj", "advcl") or token.head.i == token.i:
            return None
        if token.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return None
        token = token.head
        subject = _subject(token)
        if subject is not None:
            return subject
    return None


def _shifted_object(verb: Token) -> Token | None:
    """The object of a verb that must have one ("take back"), moved after a phrase and parsed as the
    subject of a verb further up: the first such subject between the verb and its own verb."""
    particle = next((c for c in verb.children if c.dep_ in ("prt", "advmod") and c.lower_ in particles()), None)
    if particle is None or f"{verb.lemma_.lower()} {particle.lower_}" not in transitive_phrasal():
        return None
    for governor in verb.ancestors:
        for subject in governor.children:
            if subject.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS and verb.i < subject.i < governor.i:
                return subject
    return None


def _displaced_place(trigger: Token) -> list[tuple[str, str | None, Token]]:
    """A place phrase right after the trigger's phrase that the parser hung on the governing verb
    ("once peace talks reconvene April 9 in Geneva" with "in Geneva" on "put")."""
    after = trigger.right_edge.i + 1
    if trigger.head.i == trigger.i:
        return []
    return [(OTHER, p.lower_, o) for p in trigger.head.children
            if p.dep_ == "prep" and p.i == after and p.lower_ in LOCATIVE for o in _objects(p)]


def noun_phrase(head: Token, entity_at: EntityAt) -> tuple[list[Entity], str]:
    """The canonical entities a noun phrase names, and its readable text.

    Names that only modify the head ("Central Intelligence Agency Director John Brennan") are not the
    phrase's referents, except a demonym standing for its country ("the Syrian army"). A place noun with
    "of" names its object ("the ancient city of Palmyra" is Palmyra).
    """
    tokens = _np_tokens(head)
    if head.lemma_.lower() in place_nouns():
        of = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in _objects(p)]
        if of and entity_at(of[0]) is not None:
            return noun_phrase(of[0], entity_at)
    entities: list[Entity] = []
    for token in tokens:
        found = entity_at(token)
        if found is None:
            continue
        span, entity = found
        if span.root.i != token.i or any(e is entity for e in entities):
            continue
        if _modifies(span.root) and span.root.i != head.i and not _stands_for_country(span, entity):
            continue
        entities.append(entity)
    return _state_body(head, tokens, entities, entity_at), _text(head, tokens)


def _state_body(head: Token, tokens: list[Token], entities: list[Entity], entity_at: EntityAt) -> list[Entity]:
    """One demonym before a state body names that body, not its country: "the Syrian army" is the group
    "Syrian army" of Syria. Coordinated demonyms ("Russian and American militaries") keep their countries."""
    kind = body_type(head)
    demonyms = [t for t in tokens if t.i < head.i and (found := entity_at(t)) is not None
                and found[0].root.i == t.i and _stands_for_country(*found)]
    if kind is None or len(demonyms) != 1 or len(entities) != 1 or entity_at(demonyms[0])[1] is not entities[0]:
        return entities
    country = entities[0]
    demonym = demonyms[0]
    name = _text(head, [t for t in tokens if demonym.i <= t.i <= head.i])
    name = demonym.text + name[len(demonym.text):]  # a demonym keeps its capital at a sentence's start
    return [Entity(name, kind, country_code=country.country_code)]


def _modifies(token: Token) -> bool:
    """Whether a name only modifies its phrase. The parser also hangs the first of two coordinated
    names on the second's title as ``nmod`` ("Kerry and CIA Director John Brennan"): with its
    coordinator it is a referent, not a modifier."""
    if token.dep_ == "nmod":
        return not any(c.dep_ == "cc" for c in token.children)
    return token.dep_ in _MODIFIER_DEPS


def _stands_for_country(span: Span, entity: Entity) -> bool:
    return span.label_ == "NORP" and entity.type == "country"


def _np_tokens(head: Token) -> list[Token]:
    seen = {head.i}
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ not in _NP_STOP and child.i not in seen:
                seen.add(child.i)
                stack.append(child)
    return [head.doc[i] for i in sorted(seen)]


def _text(head: Token, tokens: list[Token]) -> str:
    """The phrase without determiners, punctuation, the phrases hanging on it and its own possessive
    ending ("Russian and American militaries", "peace talks", "partial cease-fire"); a sentence's
    capital on a common word is dropped."""
    kept = {t.i for t in tokens}

    def shown(t: Token) -> bool:
        if t.is_space or t.tag_ in _WH:
            return False
        if t.tag_ == "HYPH":
            return True
        in_phrase = t.i in kept or t.dep_ == "cc" and t.head.i in kept
        own_possessive = t.dep_ == "case" and t.head.i == head.i
        return in_phrase and not own_possessive and t.dep_ not in ("det", "predet", "punct")

    words = [t for t in head.doc[tokens[0].i:tokens[-1].i + 1] if shown(t)]
    if not words:
        return head.text
    text = "".join(w.text_with_ws if nxt.i == w.i + 1 else w.text + " " for w, nxt in zip(words, words[1:]))
    text = " ".join((text + words[-1].text).split())
    first = words[0]
    if first.is_sent_start and first.pos_ != "PROPN" and not first.is_upper:
        return first.lower_ + text[len(first.text):]
    return text


def modified_noun(noun: Token) -> str:
    """An event noun with the modifiers before it ("Russia's partial withdrawal", "peace talks")."""
    tokens = [t for left in noun.lefts if left.dep_ in _MODIFIER_DEPS | {"nummod", "nmod"} for t in left.subtree]
    return _text(noun, sorted(tokens + [noun], key=lambda t: t.i))


def with_role(entity: Entity, role: str) -> Entity:
    """A copy of a canonical entity carrying an event role (the canonical object stays role-free)."""
    return replace(entity, role=role, aliases=list(entity.aliases))
