"""Renderers: each takes a Report and returns text (or writes to a rich Console)."""

FORMATS = ("text", "json")
