"""The table bench/run.py prints: one line per figure, from the results dict."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def _lat(x: dict[str, Any]) -> str:
    if "timeout_s" in x:
        return f"stopped after {x['timeout_s']:g} s"
    return f"p50 {x.get('p50_ms', float('nan')):.1f} ms, p95 {x.get('p95_ms', float('nan')):.1f} ms"


def rows(res: dict[str, Any]) -> Iterator[tuple[str, str]]:
    ing = res.get("ingest")
    if ing:
        for key in ("extract_1core", "extract_2cores", "committed_1core", "committed_2cores"):
            r = ing.get(key)
            if r is None:  # a results file from before the figure existed
                continue
            yield (f"ingest {key} ({ing['pack_bytes'] // 1000} KB packs)",
                   f"{r['packs_per_s']} packs/s, {r['mb_per_s']} MB/s")
        s = ing["sample"]
        yield "ingest sample pack (file → committed)", f"warm {s['warm_s']} s, cold {s['cold_s']} s"
    for size, st in res.get("store", {}).items():
        for mode in ("bulk", "transactional"):
            if mode in st:
                b = st[mode]
                merged = (f" (of which compaction {b['compact_s']} s)"
                          if b.get("compact_s") else "")
                yield (f"load {mode} {size}", f"{b['triples_per_s']:,} triples/s{merged}, "
                       f"{b['disk_mb']} MB on disk, peak RSS {b['peak_rss_mb']} MB")
        for qid, q in st.get("competency", {}).items():
            yield f"  {size} {qid}", _lat(q) + (f" ({q['rows']} rows)" if "rows" in q else "")
        for k, q in st.get("lookups_joins", {}).items():
            yield f"  {size} {k}", _lat(q)
        for k, q in st.get("analytics", {}).items():
            yield f"  {size} analytics {k}", _lat(q)
    ep = res.get("endpoint")
    if ep:
        for server, kinds in ep.items():
            if not isinstance(kinds, dict) or server.startswith("ratios") or server == "triples":
                continue
            if "error" in kinds:
                yield f"endpoint {server}", f"not run: {kinds['error'][:80]}"
                continue
            for kind, by_c in kinds.items():
                for c, r in by_c.items():
                    err = f", {r['errors']} errors" if r.get("errors") else ""
                    yield (f"endpoint {server} {kind} x{c}",
                           f"{r['req_per_s']} req/s, {_lat(r)}{err}")
        for peer in ("oxigraph", "rdflib_endpoint"):
            for k, v in ep.get(f"ratios_vs_{peer}", {}).items():
                yield (f"ratio remit/{peer} {k}",
                       f"p50 x{v['p50_ratio']}, throughput x{v['throughput_ratio']}")
    for k, r in res.get("search", {}).items():
        rate = f"{r['req_per_s']} req/s, " if "req_per_s" in r else ""
        err = f", {r['errors']} errors" if r.get("errors") else ""
        yield f"search {k}", f"{rate}{_lat(r)}{err}"
    net = res.get("network")
    if net:
        p = net["projection"]
        yield (f"network projection {net['triples']}",
               f"{p['seconds']} s ({p['nodes']} nodes, {p['edges']} edges)")
        pg, rd = net["page"], net["render"]
        yield (f"network page {pg['nodes']} nodes",
               f"{pg['bytes'] / 1e6:.1f} MB, built {pg['build_s']} s")
        yield "network first render (chromium)", str(rd.get("first_render_s", rd))
    vt = res.get("virtuoso")
    if vt:
        if "skipped" in vt:
            yield "virtuoso", vt["skipped"]
        else:
            yield f"virtuoso load {vt['triples']}", f"{vt['load']['triples_per_s']:,} triples/s"
            for qid, q in vt.get("competency", {}).items():
                yield f"  virtuoso {qid}", _lat(q)
            for k, q in vt.get("analytics", {}).items():
                yield f"  virtuoso analytics {k}", _lat(q)
    for part, msg in res.get("errors", {}).items():
        yield f"error in {part}", msg[:120]


def print_table(res: dict[str, Any]) -> None:
    items = list(rows(res))
    width = max((len(a) for a, _ in items), default=10)
    m = res.get("machine", {})
    print(f"Remit benchmark ({res.get('mode')}), {m.get('date')}, {m.get('nproc')} cores, "
          f"load {m.get('loadavg_start')}")
    for a, b in items:
        print(f"{a:<{width}}  {b}")


def markdown(res: dict[str, Any]) -> str:
    """The same figures as a Markdown table (pasted into BENCHMARKS.md)."""
    lines = ["| figure | value |", "|---|---|"]
    lines += [f"| {a.strip()} | {b} |" for a, b in rows(res)]
    return "\n".join(lines) + "\n"
