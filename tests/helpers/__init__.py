"""Reusable test helpers (a real `oxigraph serve` process, ...), importable by any test."""
