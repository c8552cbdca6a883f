#!/usr/bin/env bash
# Development aid: score the extractors on ../shared/eval/dev using Python spaCy's parses
# (before sitrep's own NLP runtime is wired in). Usage: scripts/dev/eval_spacy.sh [--verbose]
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-/work/pyenv/venv/bin/python}
EVAL=${EVAL:-../shared/eval}
[ -d "$EVAL" ] || EVAL=/work/shared/eval
out=$(mktemp -d)
cargo build -q -p sitrep-extract --example from_spacy_json
for f in "$EVAL"/dev/*.txt; do
  name=$(basename "$f" .txt)
  published=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['published'])" "${f%.txt}.gold.json")
  "$PY" scripts/dev/spacy_json.py "$f" > "$out/$name.spacy.json"
  cargo run -q -p sitrep-extract --example from_spacy_json -- "$out/$name.spacy.json" "$published" > "$out/$name.json"
done
rm "$out"/*.spacy.json
python3 "$EVAL/score.py" "$EVAL/dev" "$out" "$@"
