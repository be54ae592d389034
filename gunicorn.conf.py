"""gunicorn's settings for `make serve` (read from the working directory): what the
command line does not say."""

import gc


def post_worker_init(worker) -> None:
    """The application's own objects (modules, URL patterns, the apps' registries,
    the serializers' fields built once) made permanent for the collector once the
    worker has loaded it: each full collection walked them all again, and a page of
    fifty sessions with their agendas triggered several (0.2 s of 0.6 s)."""
    gc.collect()
    gc.freeze()
