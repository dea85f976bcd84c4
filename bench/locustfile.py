"""Locust users for bench/load. TARGET picks the page; COOKIES (a JSON list) holds signed-in
sessions, and each user takes the next one, so several newcomers load their own plans."""

from __future__ import annotations

import itertools
import json
import os

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

TARGET = os.environ.get("TARGET", "bare")
COOKIES = json.loads(os.environ.get("COOKIES") or "[]")
PATHS = {
    "bare": "/",
    "home": "/?lang=sv",
    "plan": "/plan",
    "module": "/info/halsa-och-vard?lang=ar",
    "search": "/info/search?q=vardcentral&lang=sv",
}
_next_user = itertools.count()


class PageUser(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        n = next(_next_user)
        self.headers = {"Cookie": COOKIES[n % len(COOKIES)]} if COOKIES else {}

    @task
    def page(self) -> None:
        with self.client.get(
            PATHS[TARGET], headers=self.headers, catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
