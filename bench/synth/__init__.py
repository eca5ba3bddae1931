"""Synthetic agenda packs with ground truth, deterministic from a seed."""

from bench.synth.pack import generate_corpus, generate_pack

__all__ = ["generate_corpus", "generate_pack"]
