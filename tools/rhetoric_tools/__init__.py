"""Development tools of Rhetoric Service: benchmark, soak, evaluation, opinion-model fitting.

Not shipped with the service: a separate distribution (``tools/pyproject.toml``) that
``scripts/bootstrap.sh dev`` installs. It adds ``evaluate``, ``bench`` and ``soak`` to the
``rhetoric`` command (entry-point group ``rhetoric.commands``) and the ``rhetoric-dev``
command. The service never imports this package.
"""
