"""Split blind search queries into a development and a test half, per language and module.

    bench/search_blind/split.py --dev dev2 --test test2 /path/to/authors/output/<lang>.json ...

Each module's queries are shuffled with a seed and dealt alternately to test and dev, so both
halves ask about every module. The test half is committed before any tuning and never tuned on.
"""

import argparse
import json
import pathlib
import random
from collections import defaultdict

HERE = pathlib.Path(__file__).resolve().parent

parser = argparse.ArgumentParser()
parser.add_argument("--dev", required=True)
parser.add_argument("--test", required=True)
parser.add_argument("files", nargs="+")
args = parser.parse_args()

for name in args.files:
    path = pathlib.Path(name)
    queries = json.loads(path.read_text(encoding="utf-8"))
    rng = random.Random(f"ankomst-{args.test}-{path.stem}")
    by_module = defaultdict(list)
    for query in queries:
        by_module[query["module"]].append(query)
    halves = {args.test: [], args.dev: []}
    for module in sorted(by_module):
        items = by_module[module]
        rng.shuffle(items)
        for i, query in enumerate(items):
            halves[args.test if i % 2 == 0 else args.dev].append(query)
    for part, items in halves.items():
        out = HERE / part / path.name
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(path.stem, part, len(items))
