"""How `nearer serve` runs the app under uvicorn: workers, and which proxy may name the client."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI

    from nearer.settings import Settings

# Every worker process imports this and builds its own app (and database pool) from the settings.
APP_FACTORY = "nearer.web.serving:app_from_settings"


def app_from_settings() -> FastAPI:
    """The app as one worker builds it, from the NEARER_ environment, ready for a crowd."""
    from nearer.analysis import embeddings
    from nearer.services.text_checks import warm_up
    from nearer.settings import get_settings
    from nearer.web.app import create_app

    app = create_app()
    # This runs in each worker process, after it has started: the worker gets its own ONNX
    # session and its own encoder threads, and concurrent requests share encoder calls.
    embeddings.serve_batched(encoder_threads(get_settings().embed_threads))
    # Load the text models and compile every rule now, before the port is open: otherwise the
    # first requests after a (re)start each load them at once (eight writers waited ~70 s
    # instead of ~10 s), and the first people to type paid for compiling the rules they woke.
    warm_up()
    return app


def encoder_threads(configured: int, workers: int = 1) -> int:
    """Encoder threads per worker: as configured, else the cores shared among the workers."""
    from nearer.analysis.batching import cores

    return configured if configured > 0 else max(1, cores() // max(1, workers))


def uvicorn_config(
    settings: Settings,
    *,
    host: str | None = None,
    port: int | None = None,
    workers: int = 1,
    app: str | Callable[[], Any] = APP_FACTORY,
) -> uvicorn.Config:
    """The uvicorn configuration for `nearer serve`.

    uvicorn on its own believes X-Forwarded-For from 127.0.0.1, so anything on the same host
    could pose as any client address. Here no proxy is trusted unless NEARER_FORWARDED_ALLOW_IPS
    names it; then only that proxy's headers set the client address and scheme.
    `app` is the factory each worker calls (an import string, so workers can import it).
    """
    import uvicorn

    trusted = settings.forwarded_allow_ips
    return uvicorn.Config(
        app,
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or [],
    )


def run(config: uvicorn.Config) -> None:
    """Serve until stopped: in this process, or in `config.workers` processes sharing one socket."""
    from uvicorn.server import Server

    if config.workers > 1:
        from uvicorn.supervisors import Multiprocess

        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    server = Server(config)
    server.run()
    if not server.started:
        raise SystemExit(3)  # could not start (the port is taken, say); uvicorn has said why
