"""The baseline: a bare Flask endpoint, served by gunicorn exactly like the portal."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index() -> str:
    return "ok"
