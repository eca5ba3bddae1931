"""HTML reference docs of the ontology: ``python -m ontology.docs OUTDIR`` (``make docs``).

pyLODE (OntPub profile) renders ``remit.ttl`` into one self-contained ``index.html``; it
needs no network. pyLODE 3.4.1 as published on PyPI reads its version from a
``pyproject.toml`` that its wheel does not ship, so importing it fails; we give it a version
module first. Should pyLODE still be unusable (not installed, or a future release breaks),
a small Jinja2 renderer lists every class and property with label, comment and axioms, so
the make target never fails for want of it. The page says which renderer made it.
"""

from __future__ import annotations

import importlib.metadata
import logging
import sys
import types
from pathlib import Path

from jinja2 import Environment
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

ONTOLOGY = Path(__file__).resolve().parent / "remit.ttl"

FALLBACK = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>body{font-family:sans-serif;max-width:60em;margin:auto}dt{font-weight:bold}
code{background:#eee}</style></head><body>
<h1>{{ title }}</h1><p>{{ comment }}</p>
<p>IRI <code>{{ iri }}</code>, version <code>{{ version }}</code>.
Rendered by the built-in renderer (pyLODE unavailable).</p>
{% for section, terms in sections %}<h2>{{ section }}</h2><dl>
{% for t in terms %}<dt id="{{ t.name }}">{{ t.label }} <code>rem:{{ t.name }}</code></dt>
<dd>{{ t.comment }}{% for k, vs in t.axioms %}<br>{{ k }}: {{ vs | join(", ") }}{% endfor %}</dd>
{% endfor %}</dl>{% endfor %}
</body></html>
"""


class DocsError(RuntimeError):
    """The docs could not be written; the message says where and why."""


def _pylode_html(path: Path) -> str:
    if "pylode.version" not in sys.modules:
        shim = types.ModuleType("pylode.version")
        shim.__version__ = importlib.metadata.version("pylode")  # type: ignore[attr-defined]
        sys.modules["pylode.version"] = shim
    level = logging.getLogger().level
    from pylode import OntPub

    logging.getLogger().setLevel(max(level, logging.WARNING))  # pyLODE turns on DEBUG
    return str(OntPub(str(path)).make_html())


def _short(g: Graph, term: object) -> str:
    try:
        return g.namespace_manager.normalizeUri(term)  # type: ignore[arg-type]
    except Exception:
        return str(term)


def fallback_html(path: Path) -> str:
    """A plain page of classes, object, datatype and other properties."""
    g = Graph()
    g.parse(path, format="turtle")
    onto = next(g.subjects(RDF.type, OWL.Ontology))
    ns = str(onto) + "#"
    kinds = [("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
             ("Datatype properties", OWL.DatatypeProperty), ("Other properties", RDF.Property),
             ("Annotation properties", OWL.AnnotationProperty)]
    sections = []
    for title, kind in kinds:
        terms = []
        for s in sorted(t for t in g.subjects(RDF.type, kind)
                        if isinstance(t, URIRef) and str(t).startswith(ns)):
            axioms = [(_short(g, p), sorted(_short(g, o) for o in g.objects(s, p)))
                      for p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.inverseOf,
                                RDFS.domain, RDFS.range)]
            terms.append({"name": str(s)[len(ns):], "label": g.value(s, RDFS.label),
                          "comment": g.value(s, RDFS.comment),
                          "axioms": [(k, v) for k, v in axioms if v]})
        sections.append((title, terms))
    return Environment(autoescape=True).from_string(FALLBACK).render(
        title=g.value(onto, DCTERMS.title) or g.value(onto, RDFS.label),
        comment=g.value(onto, RDFS.comment), iri=onto,
        version=g.value(onto, OWL.versionIRI), sections=sections)


def write_docs(outdir: Path, source: Path = ONTOLOGY) -> tuple[Path, str]:
    """Write ``outdir/index.html``; returns the file and the renderer used."""
    try:
        html, renderer = _pylode_html(source), "pylode"
    except Exception:  # any failure of the optional renderer: use ours
        html, renderer = fallback_html(source), "builtin"
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        out = outdir / "index.html"
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise DocsError(f"cannot write the ontology docs to {outdir}: {exc}") from exc
    return out, renderer


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m ontology.docs OUTDIR", file=sys.stderr)
        return 2
    try:
        out, renderer = write_docs(Path(args[0]))
    except DocsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({renderer})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
