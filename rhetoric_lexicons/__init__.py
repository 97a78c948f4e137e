"""Curated rhetoric lexicons. Data only: the TOML files beside this marker are the lexicons."""

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
