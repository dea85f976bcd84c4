"""gunicorn settings read from the working directory (`gunicorn 'portal:create_app()'` from the
repository root, as README "Running at scale" and testkit/stack.py start it).

Only a hook lives here; workers, threads and the address stay on the command line.
"""

from __future__ import annotations

import logging


def post_worker_init(worker) -> None:
    """Build the search models of every language before the worker takes requests.

    Otherwise the first civic question of each language in each worker pays for it, and under
    load the assistant's 3 s limit on the portal turns that into "the service is unavailable".
    A database without content yet (a first start, before `flask content sync`) only logs.
    """
    from portal.languages import CODES
    from portal.services.search import warm

    with worker.wsgi.app_context():
        for language in CODES:
            try:
                warm([language])
            except Exception:  # noqa: BLE001 - a cold start must never stop the worker
                logging.getLogger("portal.search").warning("search models not warmed for %s", language, exc_info=True)
