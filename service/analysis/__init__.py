"""Analyzers: plain functions of one parsed document and the lexicons. No web code here."""
