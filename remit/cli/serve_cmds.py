"""`remit serve`: the app under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from remit.cli.common import EndpointOpt, StoreOpt, app, err, settings, user_errors


@app.command()
def serve(host: Annotated[str | None, typer.Option(
              help="Address to listen on [127.0.0.1].")] = None,
          port: Annotated[int | None, typer.Option(help="Port to listen on [8000].")] = None,
          store: StoreOpt = None, endpoint: EndpointOpt = None) -> None:
    """Serve the SPARQL endpoint, pages and API."""
    import uvicorn

    from queryapi.app import create_app

    with user_errors():
        s = settings(store, endpoint, host=host, port=port)
        application = create_app(s)
    base = f"http://{s.host}:{s.port}"
    err.print(f"Remit is serving {s.endpoint or s.store}\n"
              f"  query page   {base}/\n  SPARQL       {base}/sparql\n"
              f"  register     {base}/register\n  network      {base}/network\n"
              f"  API docs     {base}/docs\n  health       {base}/health", markup=False)
    uvicorn.run(application, host=s.host, port=s.port, log_level="warning")
