"""Write synthetic packs and their ground truth: python -m bench.synth OUTDIR [--seed N] ..."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench.synth import generate_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--councils", type=int, default=2)
    ap.add_argument("--meetings", type=int, default=2)
    args = ap.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name, text, gold in generate_corpus(args.seed, args.councils, args.meetings):
        (args.outdir / name).write_text(text, encoding="utf-8")
        (args.outdir / (name[:-4] + ".gold.json")).write_text(
            json.dumps(gold, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.councils * args.meetings} packs to {args.outdir}")


if __name__ == "__main__":
    main()
