"""deploy/dask: the Dask Kubernetes operator's DaskCluster, the job and the volume.

The DaskCluster is validated against the operator's own CRD schema: the openAPIV3Schema
of ``crds/daskcluster.yaml`` in the operator's Helm chart, which the dask-kubernetes wheel
ships with Kubernetes' definitions already inlined (no ``$ref``). scripts/install-dask-crd.sh
downloads that wheel, pinned by hash, to .cache/dask-kubernetes/ (scripts/bootstrap.sh dev
runs it); the schema is read from the wheel here, as shipped. As kubernetes-validate's
strict mode does for Kubernetes' own kinds, a field the schema does not name is an error
(the API server would drop it silently). What the DaskCluster embeds, the scheduler's and
the workers' pod specs and the scheduler's service, is also validated with Kubernetes' own
schemas for each supported version. The containers' commands are parsed by the real
``dask`` and ``rhetoric`` command lines.
"""

from __future__ import annotations

import copy
import re
import shlex
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from service.cli import build_parser
from tests.test_deploy import VERSIONS

ROOT = Path(__file__).resolve().parent.parent
DASK = ROOT / "deploy" / "dask"
#: The operator's wheel, downloaded by scripts/install-dask-crd.sh, and its CRD in it.
CRD_LOCK = ROOT / "requirements" / "dask-kubernetes-crd.txt"
CRD_IN_WHEEL = ("dask_kubernetes/operator/deployment/helm/dask-kubernetes-operator/crds/"
                "daskcluster.yaml")


def load(name: str) -> Any:
    return yaml.safe_load((DASK / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cluster() -> Any:
    return load("daskcluster.yaml")


def test_the_kustomization_lists_every_manifest():
    listed = set(load("kustomization.yaml")["resources"])
    assert listed == {p.name for p in DASK.glob("*.yaml") if p.name != "kustomization.yaml"}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ["analyze-job.yaml", "archive-pvc.yaml"])
def test_kubernetes_kinds_are_valid(name, version):
    kubernetes_validate.validate(load(name), version, strict=True)


def _strict(schema: Any) -> Any:
    """Return ``schema`` with every object closed to the fields it names."""
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    closed = {key: _strict(value) for key, value in schema.items()}
    if ("properties" in schema and "additionalProperties" not in schema
            and not schema.get("x-kubernetes-preserve-unknown-fields")):
        closed["additionalProperties"] = False
    return closed


@pytest.fixture(scope="module")
def crd_validator() -> jsonschema.Draft4Validator:
    """A validator of the operator's DaskCluster v1 schema, read from its wheel."""
    version = re.search(r"^dask-kubernetes==(\S+)", CRD_LOCK.read_text(encoding="utf-8"),
                        re.MULTILINE)
    assert version is not None
    wheel = ROOT / ".cache" / "dask-kubernetes" / (
        f"dask_kubernetes-{version[1]}-py3-none-any.whl")
    if not wheel.is_file():
        pytest.skip(f"the Dask operator's CRD is not here ({wheel.relative_to(ROOT)}); "
                    "scripts/install-dask-crd.sh downloads it")
    with zipfile.ZipFile(wheel) as archive:
        crd = yaml.safe_load(archive.read(CRD_IN_WHEEL))
    assert (crd["kind"], crd["spec"]["group"], crd["spec"]["names"]["kind"]) == (
        "CustomResourceDefinition", "kubernetes.dask.org", "DaskCluster")
    (v1,) = [v for v in crd["spec"]["versions"] if v["name"] == "v1"]
    schema = v1["schema"]["openAPIV3Schema"]
    assert "$ref" not in str(schema), "the chart's CRD should have its references inlined"
    # apiVersion, kind and metadata are the API server's, in every kind; the metadata is
    # checked below as Kubernetes' ObjectMeta.
    schema = _strict(schema)
    schema["properties"] |= {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
                             "metadata": {"type": "object"}}
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def _errors(validator: jsonschema.Draft4Validator, document: Any) -> list[str]:
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in sorted(validator.iter_errors(document), key=lambda e: list(e.path))]


def test_the_daskcluster_is_valid_against_the_operators_crd(cluster, crd_validator):
    assert (cluster["apiVersion"], cluster["kind"]) == ("kubernetes.dask.org/v1", "DaskCluster")
    assert _errors(crd_validator, cluster) == []
    meta = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": cluster["metadata"]}
    kubernetes_validate.validate(meta, VERSIONS[-1], strict=True)


def _set(document: Any, path: str, value: Any) -> Any:
    changed = copy.deepcopy(document)
    *parents, last = path.split(".")
    node = changed
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value is None:
        del node[last]
    else:
        node[last] = value
    return changed


@pytest.mark.parametrize(("path", "value", "message"), [
    ("spec.worker.replicas", "8", "'8' is not of type 'integer'"),
    ("spec.worker.replica", 8, "'replica' was unexpected"),
    ("spec.scheduler.service", None, "'service' is a required property"),
    ("spec.worker.spec.containers.0.args", "dask worker", "is not of type 'array'"),
    ("spec.scheduler.spec.containers.0.resources.requests.cpu", 1, "is not of type 'string'"),
])
def test_the_crd_schema_refuses_what_the_operator_would(cluster, crd_validator, path, value,
                                                        message):
    errors = _errors(crd_validator, _set(cluster, path, value))
    assert any(message in error for error in errors), errors


@pytest.mark.parametrize("version", VERSIONS)
def test_the_embedded_pods_and_service_are_valid(cluster, version):
    for part in ("scheduler", "worker"):
        pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": part},
               "spec": cluster["spec"][part]["spec"]}
        kubernetes_validate.validate(pod, version, strict=True)
    service = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "scheduler"},
               "spec": cluster["spec"]["scheduler"]["service"]}
    kubernetes_validate.validate(service, version, strict=True)


def _container(pod_spec: dict[str, Any]) -> dict[str, Any]:
    (container,) = pod_spec["containers"]
    return container  # type: ignore[no-any-return]


def test_the_commands_parse(cluster):
    from distributed.cli.dask_scheduler import main as scheduler_cli
    from distributed.cli.dask_worker import main as worker_cli

    worker = _container(cluster["spec"]["worker"]["spec"])["args"]
    scheduler = _container(cluster["spec"]["scheduler"]["spec"])["args"]
    assert worker[:2] == ["dask", "worker"] and scheduler[:2] == ["dask", "scheduler"]
    params = worker_cli.make_context("dask worker", list(worker[2:])).params
    assert params["nthreads"] == 1  # one analyzer per process, never shared by threads
    scheduler_cli.make_context("dask scheduler", list(scheduler[2:]))
    job = _container(load("analyze-job.yaml")["spec"]["template"]["spec"])["args"]
    assert job[0] == "rhetoric"
    args = build_parser().parse_args(job[1:])
    assert args.dask == f"tcp://{cluster['metadata']['name']}-scheduler:8786", shlex.join(job)
    assert args.output is not None


def test_the_pieces_fit_together(cluster):
    name = cluster["metadata"]["name"]
    service = cluster["spec"]["scheduler"]["service"]
    assert service["selector"]["dask.org/cluster-name"] == name
    assert {p["name"]: p["port"] for p in service["ports"]}["tcp-comm"] == 8786
    image = yaml.safe_load((ROOT / "deploy" / "deployment.yaml").read_text(encoding="utf-8"))[
        "spec"]["template"]["spec"]["containers"][0]["image"]
    job = load("analyze-job.yaml")["spec"]["template"]["spec"]
    claim = load("archive-pvc.yaml")["metadata"]["name"]
    for pod in (cluster["spec"]["worker"]["spec"], cluster["spec"]["scheduler"]["spec"], job):
        assert _container(pod)["image"] == image  # the service's image is the worker image
        assert pod["securityContext"]["runAsUser"] == 10001
        assert _container(pod)["securityContext"]["readOnlyRootFilesystem"] is True
    for pod in (cluster["spec"]["worker"]["spec"], job):
        claims = {v["persistentVolumeClaim"]["claimName"] for v in pod["volumes"]
                  if "persistentVolumeClaim" in v}
        assert claims == {claim}
        # The workers and the job reach object storage with the same endpoint and keys.
        assert _container(pod)["envFrom"] == [{"secretRef": {
            "name": "rhetoric-archive-storage", "optional": True}}]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "USER 10001" in dockerfile
