"""Search quality per language, on SQLite (FTS5) and PostgreSQL (tsvector).

Loads the real content into a fresh database, runs the labelled queries of
bench/search_queries/<lang>.yml through portal.services.search.search (the function the
portal, the API and the assistant use) and prints top-1 and top-3 accuracy per language
plus the query latency p95. Writes bench/results/search_quality.json.

A language whose content files have not all arrived is reported as pending (no files) or
partial (only the queries for modules that exist count).

    bench/search_quality [--engine sqlite|postgresql|both] [--lang ar] [--misses]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from portal import create_app  # noqa: E402
from portal.config import TestConfig  # noqa: E402
from portal.content.catalogue import SLUGS  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.languages import CODES  # noqa: E402

QUERIES = ROOT / "bench" / "search_queries"
RESULTS = ROOT / "bench" / "results" / "search_quality.json"
CONTENT = ROOT / "content" / "samhallsinfo"
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
GOAL = 0.90


def load_queries(languages: list[str]) -> dict[str, list[tuple[str, str]]]:
    found = {}
    for code in languages:
        path = QUERIES / f"{code}.yml"
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        pairs = [(query, slug) for slug, queries in data["queries"].items() for query in queries]
        unknown = {slug for _, slug in pairs} - set(SLUGS)
        if unknown:
            raise SystemExit(f"{path}: unknown module(s) {sorted(unknown)}")
        found[code] = pairs
    return found


def available_modules(code: str) -> set[str]:
    return {slug for slug in SLUGS if (CONTENT / slug / f"{code}.md").exists()}


def make_app(url: str):
    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    return create_app({**config, "SQLALCHEMY_DATABASE_URI": url, "TESTING": False})


def run_engine(url: str, queries: dict[str, list[tuple[str, str]]]) -> dict[str, dict]:
    from portal.services.content import sync_from_files
    from portal.services.search import engine, search

    app = make_app(url)
    report: dict[str, dict] = {}
    with app.app_context():
        db.create_all()
        sync_from_files(CONTENT, reindex=True)
        engine_name = engine().name
        with app.test_request_context():
            for code, pairs in queries.items():
                present = available_modules(code)
                counted = [(q, slug) for q, slug in pairs if slug in present]
                status = "complete" if len(present) == len(SLUGS) else ("pending" if not present else "partial")
                entry: dict = {
                    "status": status,
                    "modules_with_content": len(present),
                    "queries": len(pairs),
                    "queries_counted": len(counted),
                }
                if not counted:
                    report[code] = entry
                    continue
                search(counted[0][0], code)  # warm the per-language vocabulary cache
                top1 = top3 = 0
                latencies: list[float] = []
                misses = []
                for query, expected in counted:
                    started = time.perf_counter()
                    results = search(query, code, limit=3)
                    latencies.append((time.perf_counter() - started) * 1000)
                    slugs = [hit.slug for hit in results.hits]
                    top1 += bool(slugs) and slugs[0] == expected
                    top3 += expected in slugs[:3]
                    if expected not in slugs[:3]:
                        misses.append({"query": query, "expected": expected, "got": slugs})
                entry.update(
                    top1=round(top1 / len(counted), 3),
                    top3=round(top3 / len(counted), 3),
                    p95_ms=round(_p95(latencies), 1),
                    median_ms=round(statistics.median(latencies), 1),
                    misses=misses,
                )
                report[code] = entry
        db.session.remove()
        db.drop_all()
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "sqlite":
                conn.execute(text("DROP TABLE IF EXISTS search_section_fts"))
        db.engine.dispose()
    return {"engine": engine_name, "languages": report}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def sqlite_run(queries):
    with tempfile.TemporaryDirectory() as folder:
        return run_engine(f"sqlite:///{folder}/bench.sqlite", queries)


def postgres_run(queries):
    name = f"ankomst_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # no PostgreSQL here: say so instead of failing the whole bench
        return {"engine": "postgresql-fts", "skipped": f"PostgreSQL unavailable: {type(error).__name__}"}
    try:
        base = PG_ADMIN.rsplit("/", 1)[0]
        return run_engine(f"{base}/{name}", queries)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def print_table(label: str, result: dict, show_misses: bool) -> None:
    print(f"\n{label} ({result['engine']})")
    if "skipped" in result:
        print(f"  skipped: {result['skipped']}")
        return
    print(f"  {'lang':<5} {'status':<9} {'queries':>7} {'top-1':>6} {'top-3':>6} {'p95 ms':>7}  goal top-3 >= {GOAL}")
    for code, entry in result["languages"].items():
        if "top3" not in entry:
            print(
                f"  {code:<5} {entry['status']:<9} {entry['queries']:>7}      -      -       -  pending: no content yet"
            )
            continue
        counted = (
            f"{entry['queries_counted']}"
            if entry["status"] == "complete"
            else f"{entry['queries_counted']}/{entry['queries']}"
        )
        ok = "ok" if entry["top3"] >= GOAL else "BELOW GOAL"
        print(
            f"  {code:<5} {entry['status']:<9} {counted:>7} {entry['top1']:>6.3f} {entry['top3']:>6.3f} "
            f"{entry['p95_ms']:>7.1f}  {ok}"
        )
        if show_misses:
            for miss in entry["misses"]:
                print(f"        miss: {miss['query']!r} expected {miss['expected']}, got {miss['got']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--lang", action="append", choices=CODES, help="only these languages")
    parser.add_argument("--misses", action="store_true", help="print every query that missed the top 3")
    args = parser.parse_args()
    queries = load_queries(args.lang or list(CODES))
    results = {"generated_at": datetime.now(UTC).isoformat(timespec="seconds"), "goal_top3": GOAL, "engines": {}}
    runs = {"sqlite": sqlite_run, "postgresql": postgres_run}
    for name, run in runs.items():
        if args.engine in (name, "both"):
            results["engines"][name] = run(queries)
            print_table(name, results["engines"][name], args.misses)
    if not args.lang:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
