"""Split the blind conversation scenarios into dev and test halves (run once per language).

    bench/conversations_blind/split.py /path/to/authors/output/<lang>.json ...

A seeded shuffle per language; the test half is committed before any tuning and never tuned on.
"""

import json
import pathlib
import random
import sys

HERE = pathlib.Path(__file__).resolve().parent

for name in sys.argv[1:]:
    path = pathlib.Path(name)
    scenarios = json.loads(path.read_text(encoding="utf-8"))
    rng = random.Random(f"ankomst-conversations-{path.stem}")
    rng.shuffle(scenarios)
    half = len(scenarios) // 2
    for part, items in (("test", scenarios[:half]), ("dev", scenarios[half:])):
        items = sorted(items, key=lambda s: s["id"])
        out = HERE / part / path.name
        out.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(path.stem, part, len(items), sum(len(s["turns"]) for s in items))
