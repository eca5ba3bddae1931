"""Remit: a knowledge graph of what public bodies decide, recommend and promise."""

__version__ = "0.1.0"
