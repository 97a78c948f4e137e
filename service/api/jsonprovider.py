"""Flask's JSON provider, writing the ``json`` format of :mod:`service.render` (orjson)."""

from __future__ import annotations

from typing import Any

from flask.json.provider import DefaultJSONProvider
from werkzeug.sansio.response import Response

from service.render import render


class FastJSONProvider(DefaultJSONProvider):
    """Flask's default provider (same types, keys in order) with orjson doing the encoding."""

    sort_keys = False

    def _encode(self, obj: Any) -> bytes:
        try:
            return render(obj, "json")
        except TypeError:
            # A type orjson does not know, or a lone surrogate (an unknown field name
            # echoed in a validation error): the json module converts and escapes them.
            return super().dumps(obj, ensure_ascii=True).encode("ascii")

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        """Return ``obj`` as a JSON string."""
        return self._encode(obj).decode("utf-8")

    def response(self, *args: Any, **kwargs: Any) -> Response:
        """Return a JSON response of the arguments, as ``flask.jsonify`` does."""
        obj = self._prepare_response_obj(args, kwargs)
        body = self._encode(obj) + b"\n"
        return self._app.response_class(body, mimetype=self.mimetype)  # type: ignore[arg-type]
