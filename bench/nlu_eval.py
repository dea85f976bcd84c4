"""NLU evaluation per language on held-out data, and Rasa's memory with the model loaded.

Runs Rasa's own `rasa test nlu` evaluation (rasa.nlu.test.run_evaluation) once per file in
bot/tests/nlu_heldout/<lang>.yml against the trained model, loading the model only once.
Prints accuracy and macro-F1 per language (goal >= 0.90) and the most frequent confusions,
then starts `rasa run --enable-api` and reads its resident memory (goal <= 1.5 GB).
Writes everything to bench/results/nlu_eval.json. It reports; it does not fail on a missed goal
unless --strict is given.

Run with the bot's interpreter:  bot/.venv/bin/python bench/nlu_eval.py  (or bench/nlu_eval)
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from testkit.ports import free_port  # noqa: E402

BOT = REPO / "bot"
DEFAULT_MODEL = BOT / "models" / "ankomst.tar.gz"
DEFAULT_HELDOUT = BOT / "tests" / "nlu_heldout"
DEFAULT_OUT = REPO / "bench" / "results" / "nlu_eval.json"
SCORE_GOAL = 0.90
RSS_GOAL_MB = 1536
TOP_CONFUSIONS = 5


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument(
        "--heldout", type=Path, default=DEFAULT_HELDOUT, help="folder with <lang>.yml held-out NLU files"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--lang", action="append", help="only these languages (repeatable)")
    parser.add_argument("--no-rss", action="store_true", help="skip the memory measurement")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a language misses the score goal or RSS its goal"
    )
    return parser.parse_args()


async def evaluate(model: Path, files: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """Run Rasa's NLU evaluation for each language's file with one loaded model."""
    from rasa.core.agent import Agent
    from rasa.nlu.test import run_evaluation

    agent = Agent.load(model_path=str(model))
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for lang, path in files.items():
            result = await run_evaluation(
                str(path),
                agent.processor,
                output_directory=os.path.join(tmp, lang),
                disable_plotting=True,
                report_as_dict=True,
                domain_path=str(BOT / "domain.yml"),
            )
            results[lang] = summarise(result["intent_evaluation"])
    return results


def fallback_threshold() -> float:
    """Return the FallbackClassifier threshold from bot/config.yml."""
    import yaml

    config = yaml.safe_load((BOT / "config.yml").read_text())
    for component in config["pipeline"]:
        if component["name"] == "FallbackClassifier":
            return float(component.get("threshold", 0.3))
    return 0.0


def summarise(intent_evaluation: dict[str, Any]) -> dict[str, Any]:
    """Reduce Rasa's intent report to accuracy, macro-F1, fallback rate and top confusions."""
    report = intent_evaluation["report"]
    predictions = intent_evaluation["predictions"]
    confusions = collections.Counter(
        (p["intent"], p["predicted"]) for p in predictions if p["intent"] != p["predicted"]
    )
    # Rasa's evaluation scores the intent behind a fallback (it undoes the FallbackClassifier),
    # so the share of messages that would get the help menu instead is counted here.
    threshold = fallback_threshold()
    fallbacks = sum(1 for p in predictions if (p.get("confidence") or 0.0) < threshold)
    per_intent = {
        name: round(values["f1-score"], 3)
        for name, values in report.items()
        if isinstance(values, dict) and "f1-score" in values and "avg" not in name
    }
    return {
        "examples": len(predictions),
        "accuracy": round(intent_evaluation["accuracy"], 4),
        "macro_f1": round(report["macro avg"]["f1-score"], 4),
        "fallback_rate": round(fallbacks / len(predictions), 4) if predictions else 0.0,
        "f1_per_intent": per_intent,
        "top_confusions": [
            {"intent": intent, "predicted": predicted, "count": count}
            for (intent, predicted), count in confusions.most_common(TOP_CONFUSIONS)
        ],
    }


def measure_rss(model: Path) -> dict[str, Any]:
    """Start `rasa run --enable-api` with the model and read its VmRSS once it answers."""
    port = free_port()
    rasa = BOT / ".venv" / "bin" / "rasa"
    with tempfile.TemporaryDirectory() as tmp:
        # An empty working directory: no endpoints.yml, so an in-memory tracker store and no
        # action server; only the model's own footprint is measured.
        process = subprocess.Popen(
            [str(rasa), "run", "--enable-api", "--model", str(model), "--port", str(port), "-i", "127.0.0.1"],
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            started = time.monotonic()
            _wait_for_model(port, process, timeout=300)
            load_seconds = time.monotonic() - started
            _post_json(f"http://127.0.0.1:{port}/model/parse", {"text": "hej"})
            rss_kb, peak_kb = _memory_kb(process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    return {
        "rss_mb": round(rss_kb / 1024),
        "peak_rss_mb": round(peak_kb / 1024),
        "startup_seconds": round(load_seconds, 1),
    }


def _wait_for_model(port: int, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"rasa run exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2) as reply:
                if json.load(reply).get("model_file"):
                    return
        except OSError:
            pass
        time.sleep(1)
    raise TimeoutError("rasa run did not load the model in time")


def _post_json(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.load(reply)


def _memory_kb(pid: int) -> tuple[int, int]:
    """Return VmRSS and VmHWM (peak) in kB, summed over the process and its children."""
    rss = peak = 0
    for one in [pid, *_children(pid)]:
        status = Path(f"/proc/{one}/status").read_text().splitlines()
        fields = dict(line.split(":", 1) for line in status if ":" in line)
        rss += int(fields["VmRSS"].split()[0])
        peak += int(fields["VmHWM"].split()[0])
    return rss, peak


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in map(int, children):
            found += [child, *_children(child)]
    return found


def print_report(results: dict[str, dict[str, Any]], memory: dict[str, Any] | None) -> None:
    print(f"\nNLU held-out evaluation (goal: accuracy and macro-F1 >= {SCORE_GOAL:.2f})")
    print(f"{'lang':<5} {'n':>4} {'accuracy':>9} {'macro-F1':>9} {'fallback':>9}  top confusions")
    for lang, r in results.items():
        mark = "" if min(r["accuracy"], r["macro_f1"]) >= SCORE_GOAL else "  << below goal"
        confusions = ", ".join(f"{c['intent']}->{c['predicted']} x{c['count']}" for c in r["top_confusions"][:3])
        print(
            f"{lang:<5} {r['examples']:>4} {r['accuracy']:>9.3f} {r['macro_f1']:>9.3f} "
            f"{r['fallback_rate']:>9.3f}  {confusions}{mark}"
        )
    overall = collections.Counter()
    for r in results.values():
        for c in r["top_confusions"]:
            overall[(c["intent"], c["predicted"])] += c["count"]
    if overall:
        print("\nMost frequent confusions over all languages (intent -> predicted):")
        for (intent, predicted), count in overall.most_common(10):
            print(f"  {intent:<20} -> {predicted:<20} {count}")
    if memory:
        verdict = "ok" if memory["rss_mb"] <= RSS_GOAL_MB else "ABOVE GOAL"
        print(
            f"\nrasa run --enable-api with the model: VmRSS {memory['rss_mb']} MB "
            f"(peak {memory['peak_rss_mb']} MB, goal <= {RSS_GOAL_MB} MB: {verdict}), "
            f"ready after {memory['startup_seconds']} s"
        )


def main() -> int:
    args = parse_args()
    logging.basicConfig(level=logging.WARNING)
    for noisy in ("rasa", "tensorflow", "absl"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    if not args.model.exists():
        print(f"nlu_eval: no model at {args.model}; run bot/scripts/train_if_changed.sh", file=sys.stderr)
        return 2
    files = {p.stem: p for p in sorted(args.heldout.glob("*.yml")) if not args.lang or p.stem in args.lang}
    if not files:
        print(f"nlu_eval: no held-out files in {args.heldout}", file=sys.stderr)
        return 2

    results = asyncio.run(evaluate(args.model, files))
    memory = None if args.no_rss else measure_rss(args.model)
    print_report(results, memory)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    examples = sum(r["examples"] for r in results.values())
    report = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "model": str(args.model.relative_to(REPO)) if args.model.is_relative_to(REPO) else str(args.model),
        "model_modified": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(args.model.stat().st_mtime)),
        "goals": {"accuracy": SCORE_GOAL, "macro_f1": SCORE_GOAL, "rss_mb": RSS_GOAL_MB},
        "notes": "accuracy and macro_f1 are Rasa's (rasa test nlu) and score the intent behind "
        "a fallback; fallback_rate is the share below the FallbackClassifier threshold "
        f"({fallback_threshold()}), which would get the help menu instead.",
        "overall": {
            "examples": examples,
            "accuracy": round(sum(r["accuracy"] * r["examples"] for r in results.values()) / examples, 4),
            "mean_macro_f1": round(sum(r["macro_f1"] for r in results.values()) / len(results), 4),
        },
        "languages": results,
        "memory": memory,
    }
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"\nwrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")

    if args.strict:
        below = [lang for lang, r in results.items() if min(r["accuracy"], r["macro_f1"]) < SCORE_GOAL]
        if below or (memory and memory["rss_mb"] > RSS_GOAL_MB):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
