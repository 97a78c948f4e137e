#!/usr/bin/env bash
# A longer fuzzing run than the default tests: schemathesis over every operation of
# openapi.yaml and the hypothesis properties of the analysis, with fresh random examples.
#
#   scripts/fuzz-long.sh            1,000 examples per operation / property (about an hour)
#   scripts/fuzz-long.sh 200        fewer examples
#
# In process (WSGI), no network. Failures print a reproducible example; hypothesis keeps
# failing examples in .hypothesis/ and replays them first on the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-1000}
export RHETORIC_FUZZ_EXAMPLES=$examples RHETORIC_FUZZ_RANDOM=1
started=$(date +%s)
status=0
.venv/bin/python -m pytest -q -p no:randomly tests/api/test_fuzz.py tests/test_properties.py \
  tests/api/test_adversarial.py -k "not test_time_grows_linearly" || status=$?
echo "fuzz-long: $examples examples per operation and property, $(( $(date +%s) - started )) s, exit $status"
exit "$status"
