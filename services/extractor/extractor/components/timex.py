"""The spaCy component "timex": temporal expressions as ``doc.spans["timex"]`` with ``span._.timex``.

Rules (``temporal/resources/<lang>``) find the expressions with compiled regexes over the text; the
parse only tells each clause's tense; ``temporal.resolve`` anchors each value to the publication date
(``doc._.dct``) or to the last date mentioned before it.
"""
from __future__ import annotations

import logging
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..temporal import periods
from ..temporal.resolve import Reference, Resolution, resolve
from ..temporal.rules import Match, RuleSet, load
from ..temporal.tense import clause_tense
from ..temporal.timex import Timex

log = logging.getLogger(__name__)

if not Doc.has_extension("dct"):
    Doc.set_extension("dct", default=None)

# later anaphoric expressions lean on dates and times, not on durations, sets or PRESENT_REF
_REFERENCE_TYPES = ("DATE", "TIME")
_TIME_OF_DAY = ("part_of_day", "hour", "minute")
_FISCAL = ("quarter", "half")
# a reporting period longer than a quarter and shorter than a year: nine months, six months
_CUMULATIVE = re.compile(r"P(?:[4-9]|1[01])M$")
_CLOSING = re.compile(r",?\s+(?:that |which )?(?:ended|ending|ends)\s+", re.I)


@Language.factory(
    "timex",
    assigns=["doc.spans", "span._.timex"],
    default_config={"language": "en", "spans_key": "timex"},
)
def make_timex(nlp: Language, name: str, language: str, spans_key: str) -> "TimexTagger":
    return TimexTagger(name, language=language, spans_key=spans_key)


def _inside_fiscal_period(found: Reference, ref: Reference | None) -> bool:
    """Whether ``found`` is a date within the quarter or half in view ("the quarter ended Sept. 30"):
    comparisons that follow ("a year earlier") still mean that period."""
    if ref is None or ref.granularity not in _FISCAL or not periods.coarser(ref.granularity, found.granularity):
        return False
    return ref.start <= found.start < periods.period_end(ref.start, ref.granularity)


def _next_reference(ref: Reference | None, match: Match, res: Resolution, between: str) -> Reference | None:
    """The date later anaphora count from, once ``match`` (resolved to ``res``) has been read;
    ``between`` is the text since the expression before it."""
    in_fiscal = ref is not None and ref.granularity in _FISCAL
    if match.rule.type == "DURATION" and in_fiscal and _CUMULATIVE.match(res.value):
        # "for the nine months, ... a year earlier": the months of the year so far are in view now
        return Reference(ref.start.replace(month=1, day=1), "year")
    if not match.rule.sets_reference or match.rule.type not in _REFERENCE_TYPES or res.start is None \
            or res.value == "PRESENT_REF":
        return ref
    found = Reference(res.start.date(), "day" if res.granularity in _TIME_OF_DAY else res.granularity)
    if _inside_fiscal_period(found, ref) or (in_fiscal and _CLOSING.fullmatch(between)):
        # "the fiscal first quarter ended Sept. 30": the date names the quarter's end, the quarter stays
        return ref
    return found


def _range_start(first: Span, start: int, text: str, rules: RuleSet) -> Reference | None:
    """The first end of the range that the expression at ``start`` closes ("Nov. 6-8"), if any."""
    tx = first._.timex
    if tx.start is None or not rules.closes_range(text, first.start_char, first.end_char, start):
        return None
    return Reference(tx.start.date(), tx.granularity)


class TimexTagger:
    """Find temporal expressions and normalize them; raises RuleError at creation if the rules are bad."""

    def __init__(self, name: str = "timex", *, language: str = "en", spans_key: str = "timex"):
        self.name = name
        self.spans_key = spans_key
        self.rules = load(language)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built from the tokens on every access: once here
        self.set_annotations(doc, self.rules.find(text), text)
        return doc

    def set_annotations(self, doc: Doc, matches: list[Match], text: str) -> None:
        spans: list[Span] = []
        ref: Reference | None = None
        for match in matches:
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None or (spans and span.start < spans[-1].end):
                continue
            try:
                # only values left open need the clause's direction; the parse walk is skipped otherwise
                tense = after = None
                if match.value.startswith("UNDEF-"):
                    tense = self.rules.cue_direction(text, match.start) or clause_tense(span)
                    after = _range_start(spans[-1], match.start, text, self.rules) if spans else None
                res = resolve(match.value, doc._.dct, ref, tense, after)
            except ValueError as exc:
                # a rule whose value the resolver cannot read: a bug in the rules, not in the text
                log.warning("timex rule %s: %s", match.rule.name, exc)
                continue
            span._.timex = Timex(
                type=res.type or match.rule.type, value=res.value, granularity=res.granularity, start=res.start,
                end=res.end, rule=match.rule.name, anchor=res.anchor, mod=match.mod, quant=match.quant,
                freq=match.freq,
            )
            between = text[spans[-1].end_char if spans else 0:span.start_char]
            spans.append(span)
            ref = _next_reference(ref, match, res, between)
        doc.spans[self.spans_key] = spans
