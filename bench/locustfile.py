"""Locust users for bench/load. TARGET picks the page; COOKIE carries a signed-in session."""

from __future__ import annotations

import os

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

TARGET = os.environ.get("TARGET", "bare")
COOKIE = os.environ.get("COOKIE", "")
PATHS = {
    "bare": "/",
    "plan": "/plan",
    "module": "/info/halsa-och-vard?lang=ar",
    "search": "/info/search?q=vardcentral&lang=sv",
}


class PageUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def page(self) -> None:
        headers = {"Cookie": COOKIE} if COOKIE else {}
        with self.client.get(PATHS[TARGET], headers=headers, catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
