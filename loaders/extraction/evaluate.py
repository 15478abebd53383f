"""Development evaluation: extract the seed documents, export, score against the gold.

    python3 -m loaders.extraction.evaluate [--json] [--out export.json] [PATH ...]

Paths default to ``../shared/corpus/seeds``; the scorer and gold are read from
``../shared/eval`` (relative to the repository root). A development tool, not
part of the product: it needs the shared folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kg.export import export_json
from kg.ids import content_hash, document_id
from kg.merge import merge_graphs
from kg.model import Document

from . import get_extractor

log = logging.getLogger(__name__)

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold"
SCORER = SHARED / "eval" / "score.py"


def _whole_file_document(path: Path) -> Document:
    """Stand-in used only when the real loaders are absent: the file as one entry-less document."""
    text = path.read_text(encoding="utf-8")
    published = None
    head = text.split("\n", 1)[0].split()
    if len(head) >= 2 and head[0] == "date":
        try:
            published = dt.date.fromisoformat(head[1])
        except ValueError:
            published = None
    return Document(id=document_id(path.name), source=str(path), published=published, text=text,
                    content_hash=content_hash(text))


def iter_docs(paths: list[Path]) -> Iterator[Document]:
    try:
        from loaders import iter_documents  # type: ignore[attr-defined]
    except ImportError:
        log.warning("loaders.iter_documents unavailable: reading each file as one entry")
        files = sorted(f for p in paths for f in ([p] if p.is_file() else p.glob("*.txt")))
        yield from (_whole_file_document(f) for f in files)
        return
    for item in iter_documents(paths):
        if isinstance(item, Document):
            yield item
        else:
            log.warning("skipped: %s", item)


def build_export(paths: list[Path], extractor: str = "rules") -> dict:
    ex = get_extractor(extractor)
    graphs = [ex(doc) for doc in iter_docs(paths)]
    return export_json(merge_graphs(graphs), include_ingested_at=False)


def score(export_path: Path, texts: Path, as_json: bool) -> str:
    golds = sorted(GOLD.glob("*.json"))
    cmd = [sys.executable, str(SCORER), "--export", str(export_path), "--texts", str(texts)]
    for g in golds:
        cmd += ["--gold", str(g)]
    if as_json:
        cmd.append("--json")
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def main(argv: list[str] | None = None) -> int:
    import json

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
