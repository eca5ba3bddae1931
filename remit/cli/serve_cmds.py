"""`remit serve`: the app under uvicorn.

One uvicorn process serves HTTP (asyncio sets TCP_NODELAY on its connections; the ~44 ms
stall of ``uvicorn --workers`` in uvicorn issue 3149 does not arise), and the app's query
pool runs SPARQL in ``--workers`` worker processes, which is what lets one slow query run
while others are answered (pyoxigraph holds the GIL while it evaluates) and lets the time
limit kill a runaway query. Settings are read once, here; requests never read the
environment. The update token, if any, is never printed.
"""

from __future__ import annotations

from typing import Annotated

import typer

from remit.cli.common import EndpointOpt, StoreOpt, app, err, settings, user_errors


@app.command()
def serve(host: Annotated[str | None, typer.Option(
              help="Address to listen on [127.0.0.1].")] = None,
          port: Annotated[int | None, typer.Option(help="Port to listen on [8000].")] = None,
          store: StoreOpt = None, endpoint: EndpointOpt = None,
          workers: Annotated[int | None, typer.Option(
              help="Query worker processes (env REMIT_WORKERS; default 2).")] = None,
          timeout: Annotated[float | None, typer.Option(
              help="Time limit of each query in seconds (env REMIT_QUERY_TIMEOUT; default 30).")
          ] = None) -> None:
    """Serve the SPARQL endpoint, query page, entity pages, search and API."""
    import uvicorn

    from queryapi.app import create_app

    with user_errors():
        s = settings(store, endpoint, host=host, port=port, workers=workers,
                     query_timeout=timeout)
        application = create_app(s)
    base = f"http://{s.host}:{s.port}"
    mode = "updates allowed with the bearer token" if s.update_token else "read-only"
    err.print(f"Remit is serving {s.endpoint or s.store} ({mode}; {s.workers} query workers, "
              f"{s.query_timeout:g} s limit)\n"
              f"  query page   {base}/\n  SPARQL       {base}/sparql\n"
              f"  search       {base}/search\n  API docs     {base}/docs\n"
              f"  register     {base}/register\n  network      {base}/network\n"
              f"  health       {base}/health", markup=False)
    uvicorn.run(application, host=s.host, port=s.port, log_level="warning",
                timeout_graceful_shutdown=5)
