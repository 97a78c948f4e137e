#!/usr/bin/env bash
# The Dask Kubernetes operator's custom resource definitions, for tests/test_dask_deploy.py
# to validate deploy/dask/daskcluster.yaml against. The dask-kubernetes wheel (BSD-3-Clause)
# ships the operator's Helm chart with its CRDs resolved (crds/daskcluster.yaml: an
# openAPIV3Schema with Kubernetes' pod and service definitions inlined). The wheel, pinned
# by hash in requirements/dask-kubernetes-crd.txt, is downloaded to .cache/dask-kubernetes/
# (gitignored) and never installed: it would bring kopf, kr8s and two Kubernetes clients,
# and without them its `dask kubernetes` command-line plugin would break `dask`. Nothing is
# fetched at test time; the test skips, naming this script, when the wheel is not there.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=requirements/dask-kubernetes-crd.txt
dir=.cache/dask-kubernetes
version=$(sed -n 's/^dask-kubernetes==\([^ ]*\).*/\1/p' "$lock")
if [ -f "$dir/dask_kubernetes-$version-py3-none-any.whl" ]; then
  exit 0
fi
mkdir -p "$dir"
.venv/bin/python -m pip download --quiet --no-deps --only-binary :all: --require-hashes \
  -r "$lock" -d "$dir" 2> >(grep -v "is ignored: it is neither" >&2)
echo "install-dask-crd: $dir/dask_kubernetes-$version-py3-none-any.whl"
