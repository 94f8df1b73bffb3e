"""The ``entities`` component: the article's canonical entities, and NER labels fixed where sure.

Sets ``doc._.entities`` (the article's ``Entity`` objects in first-mention order) and
``doc.spans["entities"]``, one span per mention with ``span._.entity`` the canonical ``Entity`` it names.
Also rewrites ``doc.ents`` where canonicalization changed a label ("Palmyra" PERSON -> GPE, "Lavrov"
ORG -> PERSON) or found a place the model missed.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..events.canonical import Canonicalizer, Mention, body_type, place_nouns
from ..events.gazetteer import Gazetteer
from ..events.mention import Entity

LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_TYPE_LABELS = {"person": "PERSON", "organization": "ORG", "group": "NORP", "country": "GPE", "city": "GPE",
                "region": "LOC", "facility": "FAC"}
BOILERPLATE_KEY = "boilerplate"
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})

if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=[])
if not Span.has_extension("entity"):
    Span.set_extension("entity", default=None)


@Language.factory(
    "entities",
    assigns=["doc._.entities", "doc.spans", "doc.ents"],
    requires=["doc.ents", "token.dep", "token.pos"],
    default_config={"spans_key": "entities"},
)
def make_entities(nlp: Language, name: str, spans_key: str) -> "EntityLinker":
    return EntityLinker(name, spans_key)


class EntityLinker:
    """Finds name mentions (NER entities, and proper nouns the gazetteer knows), then canonicalizes."""

    def __init__(self, name: str = "entities", spans_key: str = "entities", gazetteer: Gazetteer | None = None):
        self.name = name
        self.spans_key = spans_key
        self.canonicalize = Canonicalizer(gazetteer or Gazetteer.load())

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find(doc)
        entities = self.canonicalize(mentions)
        self.set_annotations(doc, mentions, entities)
        return doc

    def find(self, doc: Doc) -> list[Mention]:
        """Mentions in text order: trimmed NER entities, then runs of proper nouns outside any entity;
        none in ``doc.spans["boilerplate"]`` ("Leave a Comment" is no organization of the article)."""
        skipped = {i for span in doc.spans.get(BOILERPLATE_KEY, ()) for i in range(span.start, span.end)}
        mentions = []
        for ent in doc.ents:
            if ent.label_ in LABELS and ent.start not in skipped:
                mentions.extend(_mentions_of(ent))
        covered = skipped | {i for ent in doc.ents for i in range(ent.start, ent.end)}
        mentions.extend(self._unlabeled(doc, covered))
        return sorted(mentions, key=lambda m: m.start)

    @staticmethod
    def _unlabeled(doc: Doc, covered: set[int]) -> list[Mention]:
        # "Raqqa" is sometimes left untagged; the canonicalizer keeps it only where the gazetteer is sure.
        runs, run = [], []
        for token in doc:
            if token.pos_ == "PROPN" and token.i not in covered and token.text[:1].isupper():
                run.append(token)
                continue
            if run:
                runs.append(run)
            run = []
        if run:
            runs.append(run)
        return [Mention(doc[r[0].i:r[-1].i + 1].text, "", r[0].i, r[-1].i + 1) for r in runs]

    def set_annotations(self, doc: Doc, mentions: list[Mention], entities: list[Entity]) -> None:
        spans = []
        for m in mentions:
            if m.entity is None:
                continue
            span = Span(doc, m.start, m.end, label=_label(m))
            span._.entity = m.entity
            spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.entities = entities
        others = [e for e in doc.ents if e.label_ not in LABELS]
        doc.ents = filter_spans(spans + others)


def _label(m: Mention) -> str:
    # A demonym stays NORP even when it stands for its country: the token is not a place name.
    if m.label == "NORP":
        return "NORP"
    return _TYPE_LABELS.get(m.entity.type, m.label or "GPE")


def _mentions_of(ent: Span) -> list[Mention]:
    """The mention(s) an entity span holds, without "the" and a trailing possessive; a PERSON span
    running across a possessive ("Joseph Farah's G2 Bulletin") is a person and what they own."""
    if ent.label_ == "PERSON":
        for token in ent[:-1]:
            if token.text in _POSSESSIVE and token.tag_ == "POS":
                owner = _mention(ent.doc[ent.start:token.i], "PERSON")
                owned = _mention(ent.doc[token.i + 1:ent.end], "ORG")
                return [m for m in (owner, owned) if m]
    mention = _mention(ent, ent.label_)
    return [mention] if mention else []


def _mention(span: Span, label: str) -> Mention | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct and doc[end - 1].text != "."):
        end -= 1
    if start == end:
        return None
    text = doc[start:end].text
    return Mention(text, label, start, end, state_body=label == "NORP" and _modifies_state_body(doc[end - 1]),
                   after_place_noun=_after_place_noun(doc[start:end].root))


def _after_place_noun(token: Token) -> bool:
    """Whether a name is the object of "of" after a place noun: "the ancient city of Palmyra"."""
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in place_nouns()


def _modifies_state_body(token: Token) -> bool:
    """Whether a demonym modifies an army, a government...: "the Syrian army", "Russian and American
    militaries" (the second demonym hangs on the first as a conjunct)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ not in ("amod", "compound", "nmod"):
        return False
    return body_type(token.head, skip=token.i) is not None
