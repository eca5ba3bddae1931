"""Copy the query page's front-end build (YASGUI, npm ``@zazuko/yasgui``, MIT) from
``node_modules`` into ``queryapi/static/vendor`` so the app serves it itself: no CDN, and the
page works with no internet. Run by ``make assets`` after ``npm ci``::

    python -m queryapi.assets [--node-modules DIR]

Without the build (npm unavailable) the query page degrades to a plain form served by the
app; :func:`vendor_available` tells the page which one to render.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = Path(__file__).parent / "static" / "vendor"
PACKAGE = "@zazuko/yasgui"
FILES = ("yasgui.min.js", "yasgui.min.css")


class AssetsError(RuntimeError):
    """The npm build is missing or incomplete; the message says what to run."""


def vendor_available(vendor: Path = VENDOR) -> bool:
    return all((vendor / f).is_file() for f in FILES)


def copy_assets(node_modules: Path = ROOT / "node_modules", vendor: Path = VENDOR) -> list[Path]:
    """Copy the YASGUI build and its licence; returns the files written."""
    package = node_modules / PACKAGE
    build = package / "build"
    missing = [f for f in FILES if not (build / f).is_file()]
    if missing:
        raise AssetsError(f"{build} lacks {', '.join(missing)}: run `npm ci` at the "
                          "repository root first (package.json declares the version)")
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    if meta.get("license") != "MIT":
        raise AssetsError(f"{PACKAGE} {meta.get('version')} is licensed "
                          f"{meta.get('license')!r}, not MIT as reviewed; review it first")
    vendor.mkdir(parents=True, exist_ok=True)
    written = []
    for f in FILES:
        shutil.copy2(build / f, vendor / f)
        written.append(vendor / f)
    licence = next((p for p in package.iterdir() if p.name.upper().startswith("LICEN")), None)
    note = vendor / "YASGUI-LICENSE.txt"
    note.write_text(f"{PACKAGE} {meta.get('version')} ({meta.get('license')})\n\n"
                    + (licence.read_text(encoding="utf-8") if licence else ""),
                    encoding="utf-8")
    written.append(note)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    args = parser.parse_args(argv)
    try:
        for p in copy_assets(args.node_modules):
            print(f"wrote {p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}")
    except AssetsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
