"""An article's head: the headline lines before the first sentence of its body."""
import pytest
import spacy
from spacy.tokens import Doc

from extractor.events.headlines import head_end, is_headline

VOCAB = spacy.blank("en").vocab


def lines(*sentences: str) -> Doc:
    """A Doc of one sentence per line ("\\n" a token between them), words split on spaces."""
    words, starts = [], []
    for n, sentence in enumerate(sentences):
        if n:
            words.append("\n")
            starts.append(False)
        for k, word in enumerate(sentence.split()):
            words.append(word)
            starts.append(k == 0)
    return Doc(VOCAB, words=words, spaces=[False] * len(words), sent_starts=starts)


@pytest.mark.parametrize("sentences, body", [
    # headline and date line, then the body
    (("Colts clinch playoff berth", "December 23 , 2012", "The Colts won ."), "The"),
    # an article that opens with its body has no head
    (("The Colts won .", "Colts clinch playoff berth"), "The"),
])
def test_the_head_ends_where_the_first_sentence_with_final_punctuation_starts(sentences, body):
    doc = lines(*sentences)
    assert doc[head_end(doc)].text == body


@pytest.mark.parametrize("sentences", [("Colts clinch playoff berth", "Chiefs lose"), ()])
def test_a_text_without_a_body_has_no_head(sentences):
    assert head_end(lines(*sentences)) == 0


def test_a_doc_without_sentences_has_no_head():
    assert head_end(Doc(VOCAB, words=["Colts", "clinch", "berth", "\n", "They", "won", "."])) == 0


def test_a_headline_is_a_line_of_its_own_without_final_punctuation():
    doc = lines("Colts clinch playoff berth", "The Colts won .", "Rally's is based in Louisville , Ky.")
    assert [is_headline(s) for s in doc.sents] == [True, False, False]
