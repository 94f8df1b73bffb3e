"""Write the trigger classifier's three WordNet tables into ``events/resources``:

- ``noun_senses.tsv``: the WordNet lexicographer class of each noun's first sense, for the nouns whose
  first sense is an act, event, process, phenomenon, state, feeling or communication;
- ``verb_senses.tsv``: the lexicographer class of each verb's first sense and the complements its two
  likeliest senses take in WordNet's sentence frames ("Somebody ----s to INFINITIVE", "... that
  CLAUSE", "... VERB-ing"), and the same for nouns derived from a verb ("agreement": "agree");
- ``hypernyms.tsv.gz``: the hypernyms of each noun's and each verb's first sense, from the top of
  WordNet's hierarchy down ("loss": entity abstraction relation possession transferred_property).

The classifier weighs these on TimeBank, so that an event noun TimeBank never shows ("earthquake",
"arson") is scored like those it does, and a verb or nominalization taking an infinitive or a clause
leans to the intensional and aspectual classes as those it saw do; a word's hypernyms let a rare word
take the class of its kin ("forfeiture" is a loss; "confide", like "report", a way to "inform"). Needs
Debian's ``wordnet-base`` (WordNet 3.0 database) only to regenerate the files, never at run time.

    python benchmarks/events/noun_senses.py [--wordnet /usr/share/wordnet]
"""
from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

from spacy.symbols import IDS

from extractor.components.triggers import (HYPERNYMS_PATH, NOUN_SENSES, NOUN_SENSES_PATH, VERB_COMPLEMENTS, VERB_SENSES,
                                          VERB_SENSES_PATH)

# WordNet's lexicographer file numbers (lexnames) of the noun classes kept, and of all verb classes.
LEXNAMES = {4: "act", 10: "communication", 11: "event", 12: "feeling", 19: "phenomenon", 22: "process", 26: "state"}
VERB_LEXNAMES = {29: "body", 30: "change", 31: "cognition", 32: "communication", 33: "competition",
                 34: "consumption", 35: "contact", 36: "creation", 37: "emotion", 38: "motion",
                 39: "perception", 40: "possession", 41: "social", 42: "stative", 43: "weather"}
# WordNet's verb sentence frames that take a complement, by what the complement is.
FRAMES = {24: "obj_inf", 25: "obj_inf", 26: "that", 34: "that", 28: "inf", 32: "inf", 35: "inf",
          29: "whether", 33: "ing"}
FRAME_SENSES = 2
HEADER = "# Derived from WordNet 3.0, Copyright 2006 by Princeton University, under the WordNet licence."


def read_index(path: Path) -> dict[str, list[int]]:
    """Lemma -> its synset offsets, likeliest sense first, for one-word lemmas that are not spaCy symbols
    (symbols are stored as small ids, not string hashes: a table could never match them)."""
    out = {}
    for line in path.read_text("latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        lemma, n_pointers = fields[0], int(fields[3])
        if lemma.isalpha() and lemma not in IDS:
            out[lemma] = [int(x) for x in fields[6 + n_pointers:]]
    return out


def read_synset(data: bytes, offset: int) -> tuple[int, list[str], list[tuple[str, int, str, int, int]], set[int]]:
    """(lexname number, words, pointers as (symbol, offset, part of speech, source word, target word),
    frame numbers) of the synset at ``offset`` of a ``data.*`` file."""
    fields = data[offset:data.index(b"\n", offset)].split(b"|")[0].decode("latin-1").split()
    n_words = int(fields[3], 16)
    words = [w.lower() for w in fields[4:4 + 2 * n_words:2]]
    at = 4 + 2 * n_words
    n_pointers = int(fields[at])
    pointers = []
    for k in range(n_pointers):
        symbol, target, pos, source_target = fields[at + 1 + 4 * k:at + 5 + 4 * k]
        pointers.append((symbol, int(target), pos, int(source_target[:2], 16), int(source_target[2:], 16)))
    at += 1 + 4 * n_pointers
    frames = {int(fields[at + 2 + 3 * k]) for k in range(int(fields[at]))} if fields[2] == "v" else set()
    return int(fields[1]), words, pointers, frames


def first_senses(wordnet: Path) -> dict[str, str]:
    """Noun lemma -> class of its most frequent sense, for lemmas of a kept class."""
    data = (wordnet / "data.noun").read_bytes()
    out = {}
    for lemma, offsets in read_index(wordnet / "index.noun").items():
        lexname = LEXNAMES.get(read_synset(data, offsets[0])[0])
        if lexname:
            out[lemma] = lexname
    return out


def verb_senses(wordnet: Path) -> dict[str, tuple[str, str]]:
    """Verb lemma -> (class of its first sense, complements of its likeliest senses joined by '+', or
    'none'); a noun that is not also a verb gets the entry of the verb its likeliest derived sense comes
    from."""
    data = (wordnet / "data.verb").read_bytes()
    verbs = {}
    for lemma, offsets in read_index(wordnet / "index.verb").items():
        synsets = [read_synset(data, o) for o in offsets[:FRAME_SENSES]]
        complements = sorted({FRAMES[f] for s in synsets for f in s[3] if f in FRAMES})
        verbs[lemma] = (VERB_LEXNAMES[synsets[0][0]], "+".join(complements) or "none")
    nouns = (wordnet / "data.noun").read_bytes()
    derived = {}
    for lemma, offsets in read_index(wordnet / "index.noun").items():
        if lemma in verbs:
            continue
        for offset in offsets:
            _, words, pointers, _ = read_synset(nouns, offset)
            verb = next((read_synset(data, target)[1][word - 1] for symbol, target, pos, source, word in pointers
                         if symbol == "+" and pos == "v" and source and words[source - 1] == lemma), None)
            if verb in verbs:
                derived[lemma] = verbs[verb]
                break
    return {**verbs, **derived}


def hypernyms(wordnet: Path, pos: str) -> dict[str, list[str]]:
    """Lemma of part of speech ``pos`` ("noun", "verb") -> the first word of each hypernym of its first
    sense, the top of the hierarchy first (instance hypernyms count: "Paris" is a city)."""
    data = (wordnet / f"data.{pos}").read_bytes()
    parents: dict[int, int | None] = {}
    words: dict[int, str] = {}
    out = {}
    for lemma, offsets in read_index(wordnet / f"index.{pos}").items():
        chain, offset = [], offsets[0]
        while True:
            if offset not in parents:
                _, synset_words, pointers, _ = read_synset(data, offset)
                words[offset] = synset_words[0]
                parents[offset] = next((target for symbol, target, *_ in pointers if symbol in ("@", "@i")), None)
            offset = parents[offset]
            if offset is None:
                break
            chain.append(offset)
        out[lemma] = [words[o] for o in reversed(chain)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    args = ap.parse_args(argv)
    senses = first_senses(args.wordnet)
    assert set(senses.values()) <= set(NOUN_SENSES)
    lines = ["# noun<TAB>WordNet 3.0 lexicographer class of its first sense; generated by "
             "benchmarks/events/noun_senses.py", HEADER, *(f"{n}\t{c}" for n, c in sorted(senses.items()))]
    NOUN_SENSES_PATH.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{NOUN_SENSES_PATH}: {len(senses)} nouns")
    verbs = verb_senses(args.wordnet)
    assert {c for c, _ in verbs.values()} <= set(VERB_SENSES)
    assert {p for _, c in verbs.values() for p in c.split("+")} <= set(VERB_COMPLEMENTS)
    lines = ["# lemma<TAB>WordNet 3.0 class of the verb's first sense<TAB>complements of its sentence frames "
             "(a noun: of the verb it derives from); generated by benchmarks/events/noun_senses.py", HEADER,
             *(f"{w}\t{c}\t{f}" for w, (c, f) in sorted(verbs.items()))]
    VERB_SENSES_PATH.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{VERB_SENSES_PATH}: {len(verbs)} verbs and nominalizations")
    lines = ["# lemma<TAB>n (noun) or v (verb)<TAB>the hypernyms of its first WordNet 3.0 sense, the top of the "
             "hierarchy first, by spaces; generated by benchmarks/events/noun_senses.py", HEADER]
    for tag, pos in (("n", "noun"), ("v", "verb")):
        lines += [f"{w}\t{tag}\t{' '.join(chain)}" for w, chain in sorted(hypernyms(args.wordnet, pos).items()) if chain]
    # gzip -n: the same bytes for the same table, whenever it is generated.
    HYPERNYMS_PATH.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"{HYPERNYMS_PATH}: {len(lines) - 2} nouns and verbs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
