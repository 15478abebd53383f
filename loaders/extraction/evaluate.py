"""Development evaluation: extract documents, export, score against the gold.

    python3 -m loaders.extraction.evaluate [--json] [--out export.json] [PATH ...]

Paths default to ``../shared/corpus/seeds``; the scorer and gold are read from
``../shared/eval`` (relative to the repository root). A development tool, not
part of the product: it needs the shared folder.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kg.export import export_json
from kg.merge import merge_graphs
from kg.model import Document
from loaders import LoadFailure, iter_documents

from . import get_extractor

log = logging.getLogger(__name__)

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold"
SCORER = SHARED / "eval" / "score.py"


def iter_docs(paths: list[Path]) -> Iterator[Document]:
    for item in iter_documents(paths):
        if isinstance(item, LoadFailure):
            log.warning("skipped %s: %s", item.path, item.problem)
        else:
            yield item


def build_export(paths: list[Path], extractor: str = "rules") -> dict:
    ex = get_extractor(extractor)
    graphs = [ex(doc) for doc in iter_docs(paths)]
    return export_json(merge_graphs(graphs), include_ingested_at=False)


def score(export_path: Path, texts: Path, as_json: bool) -> str:
    """The scorer's report on every gold file in ``../shared/eval/gold``."""
    cmd = [sys.executable, str(SCORER), "--export", str(export_path), "--texts", str(texts)]
    for gold in sorted(GOLD.glob("*.json")):
        cmd += ["--gold", str(gold)]
    if as_json:
        cmd.append("--json")
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=[SEEDS])
    ap.add_argument("--out", type=Path, help="where to write the export (default: a temporary file)")
    ap.add_argument("--json", action="store_true", help="print the scorer's full JSON result")
    ap.add_argument("--extractor", default="rules")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    export = build_export(args.paths, args.extractor)
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-eval-")) / "export.json"
    out.write_text(json.dumps(export, indent=1, ensure_ascii=False), encoding="utf-8")
    texts = args.paths[0] if args.paths[0].is_dir() else args.paths[0].parent
    sys.stdout.write(score(out, texts, args.json))
    sys.stdout.write(f"export: {out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
