"""Rasa calls that may outlive the SMS webhook run on a bounded thread pool."""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures

# The pool bounds how many calls wait at once.
_executor = ThreadPoolExecutor(max_workers=32, thread_name_prefix="assistant")
_background: set[Future] = set()
_background_lock = threading.Lock()


def submit(fn, *args) -> None:
    future = _executor.submit(fn, *args)
    with _background_lock:
        _background.add(future)
    future.add_done_callback(_forget)


def _forget(future: Future) -> None:
    with _background_lock:
        _background.discard(future)


def wait_for_background(timeout: float = 30.0) -> None:
    """Wait until late replies have been recorded and handed to the worker (tests, the simulator)."""
    with _background_lock:
        futures = list(_background)
    wait_futures(futures, timeout=timeout)
