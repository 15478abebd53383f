"""Generalisation check: score the extractor on the dev gold and the held-out golds.

    python3 -m loaders.extraction.heldout [--json] [--out export.json]

Copies the annotated texts into a temporary folder, extracts and exports them in
one run (as ``loaders.extraction.evaluate`` does), then scores the export against
each gold file separately and prints one row per document plus the held-out mean.
A development tool, not part of the product: it needs ``../shared`` and
``tests/heldout``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .evaluate import GOLD, SCORER, SHARED, build_export

HELDOUT = Path(__file__).resolve().parents[2] / "tests" / "heldout"
DEV_GOLD = GOLD / "001_d8959e5b48742248.json"
TEXT_DIRS = (SHARED / "corpus" / "seeds", SHARED / "corpus" / "guardian")
COLUMNS = (
    ("actors", ("actors", "f1")),
    ("locs", ("locations", "f1")),
    ("st.f1", ("statements", "f1")),
    ("spk", ("statements", "speaker_acc")),
    ("about", ("statements", "about_f1")),
    ("wswaw", ("statements", "wswaw", "f1")),
    ("ev.core", ("events", "core", "f1")),
)


def gold_files() -> list[Path]:
    """The dev gold first, then the held-out golds in name order."""
    return [DEV_GOLD] + sorted(HELDOUT.glob("*.json"))


def stage_texts(golds: list[Path], into: Path) -> None:
    """Copy every gold's source text into ``into`` (the scorer reads them from one folder)."""
    for gold in golds:
        name = json.loads(gold.read_text(encoding="utf-8"))["document"]
        src = next((d / name for d in TEXT_DIRS if (d / name).exists()), None)
        if src is None:
            raise FileNotFoundError(f"source text of {gold.name} not found: {name}")
        shutil.copy(src, into / name)


def score_one(export: Path, gold: Path, texts: Path) -> dict:
    cmd = [sys.executable, str(SCORER), "--export", str(export), "--gold", str(gold),
           "--texts", str(texts), "--json"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)["documents"][0]


def pick(result: dict, path: tuple[str, ...]) -> float | None:
    x: object = result
    for key in path:
        x = x.get(key) if isinstance(x, dict) else None
    return x if isinstance(x, (int, float)) else None


def row(label: str, values: list[float | None]) -> str:
    cells = ["   -  " if v is None else f"{v:6.3f}" for v in values]
    return f"{label:<10}" + " ".join(cells)


def table(results: dict[str, dict]) -> str:
    """One row per document, then the mean over the held-out documents."""
    lines = [f"{'doc':<10}" + " ".join(f"{c:>6}" for c, _ in COLUMNS)]
    held: list[list[float | None]] = []
    for i, (name, res) in enumerate(results.items()):
        vals = [pick(res, path) for _, path in COLUMNS]
        lines.append(row(("dev " if i == 0 else "") + name[:9 if i else 6], vals))
        if i:
            held.append(vals)
    means = []
    for col in zip(*held):
        nums = [v for v in col if v is not None]
        means.append(round(sum(nums) / len(nums), 3) if nums else None)
    lines.append(row("held mean", means))
    return "\n".join(lines) + "\n"


def short(gold: Path) -> str:
    stem = gold.stem
    return stem.split("_")[2] if stem.startswith("guardian_") else stem[:3]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="where to write the export (default: a temporary file)")
    ap.add_argument("--json", action="store_true", help="print the per-document scorer results as JSON")
    args = ap.parse_args(argv)
    golds = gold_files()
    with tempfile.TemporaryDirectory(prefix="kg-heldout-") as tmp:
        texts = Path(tmp)
        stage_texts(golds, texts)
        out = args.out or texts / "export.json"
        out.write_text(json.dumps(build_export([texts]), indent=1, ensure_ascii=False), encoding="utf-8")
        results = {short(g): score_one(out, g, texts) for g in golds}
    if args.json:
        sys.stdout.write(json.dumps(results, indent=1) + "\n")
    else:
        sys.stdout.write(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
