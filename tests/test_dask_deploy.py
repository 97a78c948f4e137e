"""deploy/dask: the Dask Kubernetes operator's DaskCluster, the job and the volume.

The DaskCluster custom resource has no schema in kubernetes-validate (it knows only
Kubernetes' own kinds), and the operator's CRD is not among the project's dependencies
(it ships in the dask-kubernetes wheel, which would add some 30 packages). So its top
level is checked against the fields of the operator's CRD (kubernetes.dask.org/v1, as
dask-kubernetes 2026.3.0 defines it: spec.{idleTimeout, scheduler, worker}, scheduler.
{metadata, spec, service}, worker.{metadata, replicas, spec}), and what it embeds, the
scheduler's and the workers' pod specs and the scheduler's service, is validated with
Kubernetes' own schemas, strictly. The containers' commands are parsed by the real
``dask`` and ``rhetoric`` command lines.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from service.cli import build_parser
from tests.test_deploy import VERSIONS

ROOT = Path(__file__).resolve().parent.parent
DASK = ROOT / "deploy" / "dask"
#: The fields of the operator's CRD (dask-kubernetes 2026.3.0, daskcluster.yaml).
CRD_FIELDS = {"spec": {"idleTimeout", "scheduler", "worker"},
              "scheduler": {"metadata", "spec", "service"},
              "worker": {"metadata", "replicas", "spec"}}
CRD_REQUIRED = {"spec": {"scheduler", "worker"}, "scheduler": {"spec", "service"},
                "worker": {"spec"}}


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


def test_the_daskcluster_has_the_operators_fields(cluster):
    assert (cluster["apiVersion"], cluster["kind"]) == ("kubernetes.dask.org/v1", "DaskCluster")
    spec = cluster["spec"]
    for part, body in (("spec", spec), ("scheduler", spec["scheduler"]),
                       ("worker", spec["worker"])):
        assert set(body) <= CRD_FIELDS[part], f"{part}: {set(body) - CRD_FIELDS[part]}"
        assert CRD_REQUIRED[part] <= set(body), f"{part} lacks {CRD_REQUIRED[part] - set(body)}"
    assert isinstance(spec["idleTimeout"], int) and isinstance(spec["worker"]["replicas"], int)


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
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "USER 10001" in dockerfile
