"""The Kubernetes manifests: valid against Kubernetes' schemas and consistent with the app."""

from __future__ import annotations

import ast
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from service.api import create_app
from service.config import PREFIX, Settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
MANIFESTS = sorted(p for p in DEPLOY.glob("*.yaml") if p.name != "kustomization.yaml")
# The newest schemas kubernetes-validate bundles, and the oldest release we support
# (the preStop sleep action needs 1.30).
VERSIONS = [kubernetes_validate.latest_version(), "1.30.0"]


def load(name: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((DEPLOY / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def gunicorn_setting(name: str) -> str:
    """Return the source of a top-level assignment in gunicorn.conf.py."""
    tree = ast.parse((ROOT / "gunicorn.conf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.unparse(node.value)
    raise KeyError(name)


@pytest.fixture(scope="module")
def container() -> dict:  # type: ignore[type-arg]
    return load("deployment.yaml")["spec"]["template"]["spec"]["containers"][0]  # type: ignore[no-any-return]


def test_every_manifest_is_listed_in_the_kustomization():
    listed = set(load("kustomization.yaml")["resources"])
    assert listed == {p.name for p in MANIFESTS}
    kinds = {yaml.safe_load(p.read_text())["kind"] for p in MANIFESTS}
    assert kinds == {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_manifest_is_valid_for_kubernetes(path, version):
    for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        kubernetes_validate.validate(doc, version, strict=True)


def test_an_invalid_manifest_is_caught():
    bad = load("deployment.yaml")
    bad["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(bad, VERSIONS[0], strict=True)


def test_selectors_and_targets_match():
    deployment = load("deployment.yaml")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert selector.items() <= labels.items()
    assert load("service.yaml")["spec"]["selector"].items() <= labels.items()
    assert load("pdb.yaml")["spec"]["selector"]["matchLabels"].items() <= labels.items()
    target = load("hpa.yaml")["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    assert load("hpa.yaml")["spec"]["minReplicas"] > load("pdb.yaml")["spec"]["minAvailable"]


def test_probes_hit_routes_that_exist_and_stay_open(analyzer, container):
    app = create_app(Settings(api_keys="k"), analyzer=analyzer)
    client = app.test_client()
    port = container["ports"][0]
    assert port["containerPort"] == 8000  # gunicorn.conf.py's default PORT
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        get = container[probe]["httpGet"]
        assert get["port"] == port["name"]
        assert client.get(get["path"]).status_code == 200, f"{probe} would fail with keys on"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_every_rhetoric_variable_is_a_setting(container):
    known = {PREFIX + name.upper() for name in Settings.__dataclass_fields__}
    for env in container["env"]:
        if env["name"].startswith(PREFIX):
            assert env["name"] in known, f"{env['name']} is not a setting"
    values = {e["name"]: e.get("value") for e in container["env"]}
    Settings.from_env({k: v for k, v in values.items() if v is not None})  # they parse


def test_timeouts_fit_together(container):
    values = {e["name"]: e.get("value") for e in container["env"]}
    worker_timeout = int(gunicorn_setting("timeout").split(",")[1].strip(" )"))
    graceful = int(gunicorn_setting("graceful_timeout").split(",")[1].strip(" )"))
    assert float(values["RHETORIC_REQUEST_TIMEOUT"]) < worker_timeout
    batch = float(values.get("RHETORIC_BATCH_TIMEOUT") or Settings().batch_timeout)
    assert float(values["RHETORIC_REQUEST_TIMEOUT"]) <= batch < worker_timeout
    pod = load("deployment.yaml")["spec"]["template"]["spec"]
    pre_stop = container["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pod["terminationGracePeriodSeconds"] >= graceful + pre_stop


def test_pod_runs_as_the_image_user_read_only(container):
    pod = load("deployment.yaml")["spec"]["template"]["spec"]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert f"USER {pod['securityContext']['runAsUser']}" in dockerfile
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    values = {e["name"]: e.get("value") for e in container["env"]}
    assert any(values["PROMETHEUS_MULTIPROC_DIR"].startswith(m) for m in mounts)
    assert any(values["RHETORIC_API_KEYS_FILE"].startswith(m) for m in mounts)


def test_resources_are_requested(container):
    requests = container["resources"]["requests"]
    values = {e["name"]: e.get("value") for e in container["env"]}
    assert int(requests["cpu"]) == int(values["WEB_CONCURRENCY"])  # one sync worker per core
    assert "memory" in container["resources"]["limits"]


def test_docs_document_every_setting():
    docs = ROOT / "docs"
    table = (docs / "configuration.md").read_text(encoding="utf-8")
    table = table.split("## Settings", 1)[1].split("\n## ", 1)[0]
    for name in Settings.__dataclass_fields__:
        if name != "extra":
            assert f"`{PREFIX}{name.upper()}`" in table, f"{PREFIX}{name.upper()} undocumented"
    deployment = (docs / "deployment.md").read_text(encoding="utf-8")
    for section in ("## Operations", "## Security"):
        assert section in deployment


def test_the_proxy_sidecar_runs_the_repositorys_nginx_conf_with_the_services_limits():
    import re

    conf = (DEPLOY / "nginx" / "nginx.conf").read_text(encoding="utf-8")
    generated = load("kustomization.yaml")["configMapGenerator"][0]
    assert generated["files"] == ["nginx/nginx.conf"]
    pod = load("deployment.yaml")["spec"]["template"]["spec"]
    proxy = next(c for c in pod["containers"] if c["name"] == "proxy")
    volume = next(v for v in pod["volumes"] if v["name"] == "nginx-conf")
    assert volume["configMap"]["name"] == generated["name"]
    assert load("service.yaml")["spec"]["ports"][0]["targetPort"] == proxy["ports"][0]["name"]
    assert f"listen {proxy['ports'][0]['containerPort']};" in conf
    defaults = Settings()
    limits = [int(n) for n in re.findall(r"client_max_body_size (\d+);", conf)]
    assert limits == [defaults.max_batch_body_bytes, defaults.body_limit]
    read_timeout = int(re.search(r"proxy_read_timeout (\d+)s;", conf).group(1))
    assert read_timeout > defaults.batch_timeout
    assert re.search(r"proxy_intercept_errors\s+on", conf) is None  # the service's problems pass
