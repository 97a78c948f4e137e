"""Rhetoric Service: loaded language, hedging, attribution and opinion in news text."""

from __future__ import annotations

__version__ = "0.1.0"
