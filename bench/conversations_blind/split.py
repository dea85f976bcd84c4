"""Split blind conversation scenarios into a development and a test half (once per language).

    bench/conversations_blind/split.py [--dev dev3 --test test3] /path/to/authors/output/<lang>.json ...

A seeded shuffle per language; the test half is committed before any tuning and never tuned on.
The first set was split into dev/ and test/ (the defaults); later sets get halves of their own.
"""

import argparse
import json
import pathlib
import random

HERE = pathlib.Path(__file__).resolve().parent

parser = argparse.ArgumentParser()
parser.add_argument("--dev", default="dev")
parser.add_argument("--test", default="test")
parser.add_argument("files", nargs="+")
args = parser.parse_args()

for name in args.files:
    path = pathlib.Path(name)
    scenarios = json.loads(path.read_text(encoding="utf-8"))
    seed = f"ankomst-conversations-{path.stem}" if args.test == "test" else f"ankomst-{args.test}-{path.stem}"
    rng = random.Random(seed)
    rng.shuffle(scenarios)
    half = len(scenarios) // 2
    for part, items in ((args.test, scenarios[:half]), (args.dev, scenarios[half:])):
        items = sorted(items, key=lambda s: s["id"])
        out = HERE / part / path.name
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(path.stem, part, len(items), sum(len(s["turns"]) for s in items))
