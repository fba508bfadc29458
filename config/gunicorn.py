"""gunicorn settings read by `./scripts/run` and production (`--config config/gunicorn.py`); the command line
still gives the address, workers and timeout.

Each worker, once it has loaded the application, loads the URL configuration and the API too and then moves
every object made so far out of the garbage collector's sight (`gc.freeze`). Those objects live as long as the
worker; without this, every full collection walks them all, a pause of about 60 ms every few hundred requests
that the requests waiting behind it feel as their slowest time.
"""

import gc


def post_worker_init(worker) -> None:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every URL module and the API's routers)
    gc.collect()
    gc.freeze()
