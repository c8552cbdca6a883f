#!/usr/bin/env python3
"""Sanity checks for the held-out gold files (standard library only).

Usage: check.py [HELDOUT_DIR] [SCORE_PY] [LEE_CORPUS]

1. every NAME.gold.json loads, has the dev gold's keys and value forms, and names only
   entities it lists (event actors/targets/place, quote speakers);
2. every start/end given (times, quotes, counts) cuts exactly its text out of NAME.txt
   (Unicode code points), and every quote starts right after a quotation mark;
3. NAME.txt is byte-identical to its line of the Lee corpus (line number = the NNN in leeNNN_);
4. score.py runs on the folder with empty system output (all recall 0, no crash) and with an
   "oracle" output built from the gold itself (every layer must score 1.0).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {"PERSON", "ORG", "PLACE"}
KINDS = {"killed", "injured", "missing", "detained", "kidnapped", "displaced", "evacuated", "sickened",
         "affected", "protesters", "troops", "missiles", "drones"}
EVENTS = {"statement", "appeal", "intend", "consult", "cooperate", "aid", "yield", "investigate", "demand",
          "disapprove", "reject", "threaten", "protest", "mobilize", "reduce_relations", "coerce", "attack",
          "disaster", "election"}
VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T(\d{2}:\d{2}|MO|AF|EV|NI|MI))?)?|-W\d{2})?$")


def fail(msg):
    print("FAIL", msg)
    sys.exit(1)


def check_gold(d, name, lee):
    with open(os.path.join(d, name + ".txt"), encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(d, name + ".gold.json"), encoding="utf-8") as f:
        g = json.load(f)
    if lee is not None:
        n = int(re.match(r"lee(\d+)_", name).group(1))
        with open(os.path.join(d, name + ".txt"), "rb") as f:
            if f.read() != lee[n]:
                fail(f"{name}: text differs from Lee corpus line {n}")
    for k in ("published", "entities", "times", "quotes", "counts", "events"):
        if k not in g:
            fail(f"{name}: missing key {k}")
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", g["published"]):
        fail(f"{name}: published {g['published']!r}")
    names = set()
    for e in g["entities"]:
        ts = e["type"] if isinstance(e["type"], list) else [e["type"]]
        if not set(ts) <= TYPES or e["name"] in names:
            fail(f"{name}: entity {e}")
        if ("lat" in e) != ("lon" in e) or ("lat" in e and not (-90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180)):
            fail(f"{name}: coordinates {e}")
        names.add(e["name"])
    forms = {}
    for e in g["entities"]:  # no surface form may point at two entities
        for form in [e["name"]] + e.get("aliases", []):
            key = form.lower()
            if forms.setdefault(key, e["name"]) != e["name"]:
                fail(f"{name}: form {form!r} used by {forms[key]!r} and {e['name']!r}")
    for layer in ("times", "quotes", "counts"):
        for x in g[layer]:
            if "start" in x and text[x["start"]:x["end"]] != x["text"]:
                fail(f"{name}: {layer} offsets {x}")
            if x["text"] not in text:
                fail(f"{name}: {layer} text not in article {x['text']!r}")
    for t in g["times"]:
        if not VALUE.match(t["value"]):
            fail(f"{name}: time value {t}")
    for q in g["quotes"]:
        if q["speaker"] is not None and q["speaker"] not in names:
            fail(f"{name}: speaker {q}")
        if "start" in q and text[q["start"] - 1] != '"':
            fail(f"{name}: quote not after a quotation mark {q['text'][:40]!r}")
    for c in g["counts"]:
        if c["kind"] not in KINDS or not isinstance(c["value"], int):
            fail(f"{name}: count {c}")
    for e in g["events"]:
        if e["type"] not in EVENTS:
            fail(f"{name}: event type {e}")
        if e.get("date") is not None and not VALUE.match(e["date"]):
            fail(f"{name}: event date {e}")
        for n in e.get("actors", []) + e.get("targets", []) + ([e["place"]] if e.get("place") else []):
            if n not in names:
                fail(f"{name}: event participant {n!r} not an entity")
        if not (e.get("actors") or e.get("targets") or e.get("place")):
            fail(f"{name}: event with no participant can never match {e}")
    return g


def oracle(g):
    ents = []
    for e in g["entities"]:
        t = e["type"][0] if isinstance(e["type"], list) else e["type"]
        x = {"name": e["name"], "type": t, "aliases": e.get("aliases", [])}
        if "lat" in e:
            x["geo"] = {"lat": e["lat"], "lon": e["lon"]}
        ents.append(x)
    return {"entities": ents,
            "times": [{"text": t["text"], "value": t["value"]} for t in g["times"]],
            "quotes": [{"text": q["text"], "speaker": q["speaker"]} for q in g["quotes"]],
            "counts": [{"text": c["text"], "kind": c["kind"], "value": c["value"]} for c in g["counts"]],
            "events": [dict(e) for e in g["events"]]}


def run_score(score, d, out):
    r = subprocess.run([sys.executable, score, d, out, "--json"], capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"score.py exited {r.returncode}: {r.stderr}")
    return json.loads(r.stdout)


def main(argv):
    d = argv[0] if len(argv) > 0 else HERE
    score = argv[1] if len(argv) > 1 else "/work/shared/eval/score.py"
    corpus = argv[2] if len(argv) > 2 else "/work/pyenv/lee_background.cor"
    lee = open(corpus, "rb").read().split(b"\n") if os.path.exists(corpus) else None
    if lee is None:
        print("note: Lee corpus not found, skipping the byte-identity check")
    names = sorted(f[:-len(".gold.json")] for f in os.listdir(d) if f.endswith(".gold.json"))
    golds = {n: check_gold(d, n, lee) for n in names}
    print(f"{len(names)} gold files load and pass the structural checks")
    for label in ("empty", "oracle"):
        with tempfile.TemporaryDirectory() as out:
            for n, g in golds.items():
                sysout = ({"entities": [], "times": [], "quotes": [], "counts": [], "events": []}
                          if label == "empty" else oracle(g))
                with open(os.path.join(out, n + ".json"), "w", encoding="utf-8") as f:
                    json.dump(sysout, f)
            res = run_score(score, d, out)
        if res["missing_output"]:
            fail(f"{label}: missing output {res['missing_output']}")
        for layer in res["layers"]:
            v = layer.get("f1", layer.get("accuracy"))
            if label == "oracle" and v != 1.0:
                fail(f"oracle output does not score 1.0: {layer}")
            if label == "empty" and v != 0.0:
                fail(f"empty output scores above 0: {layer}")
        print(f"score.py on {label} output: " + ", ".join(
            f"{l['layer']} {l.get('f1', l.get('accuracy'))} (gold {l.get('gold', l.get('n'))})" for l in res["layers"]))
    print("OK")


if __name__ == "__main__":
    main(sys.argv[1:])
