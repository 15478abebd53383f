"""``kg ingest`` on a batch of bad inputs among good ones: one clear line per failed
file (or row), the rest ingested, exit code 1, and memory bounded with a 60 MB file
in the batch (peak RSS of the process, measured by a parent of its own)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bad_inputs import CASE_COUNT, FAILING, HANDLED, MISSING, seeds, write_all
from reliability_support import (
    REPO,
    clean_env,
    export_of,
    kg_command,
    open_existing,
    run_kg,
)

pytestmark = pytest.mark.e2e

MAX_RSS_MB = 500
# Runs the command given and prints the peak RSS (kB on Linux) of that child alone.
_MEASURE = ("import resource, subprocess, sys\n"
            "code = subprocess.call(sys.argv[1:])\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "sys.exit(code)\n")


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess, str]:
    root = tmp_path_factory.mktemp("bad-batch")
    folder = root / "batch"
    write_all(folder)
    for seed in seeds():
        shutil.copy(seed, folder / seed.name)
    store = str(root / "kg")
    # A folder is read for supported suffixes only; files named explicitly are all tried.
    named = [str(folder / c.name) for c in FAILING if "unsupported" in c.fails]
    command = kg_command("ingest", str(folder), *named, str(folder / MISSING), "--store", store)
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=root,
                          env=clean_env() | {"PYTHONPATH": str(REPO), "COLUMNS": "80"},
                          capture_output=True, text=True, check=False, timeout=900)
    return done, store


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def test_exit_code_is_1_and_nothing_crashed(batch_run) -> None:
    done, _ = batch_run
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr


def test_one_clear_line_per_failed_file_or_row(batch_run) -> None:
    done, _ = batch_run
    lines = _error_lines(done.stderr)
    for case in FAILING:
        printed = Path(case.name).name.replace("\n", "\\n")  # control characters escaped
        named = [line for line in lines if printed + ":" in line or printed + "#" in line]
        assert len(named) == case.records, (case.name, named)
        assert all(all(phrase in line for phrase in case.fails) for line in named), named
    assert [line for line in lines if MISSING in line and "no such file" in line]
    assert len(lines) == sum(c.records for c in FAILING) + 1
    # Escaped, not read as markup: the odd name is printed as it is.
    assert any("x[/i]odd name.txt: empty" in line for line in lines)


def test_the_good_files_are_ingested(batch_run) -> None:
    _, location = batch_run
    store = open_existing(location)
    try:
        sources = {d["source"] for d in export_of(store)["documents"]}
    finally:
        store.close()
    expected = {p.name for p in seeds()} | {c.name for c in HANDLED if not c.name.endswith(".csv")}
    assert expected <= sources
    bad_names = {Path(c.name).name for c in FAILING} - {"bad_lines.jsonl"}
    assert not {s for s in sources if s.split("#")[0] in bad_names}
    assert any(s.startswith("bad_lines.jsonl#") for s in sources)  # its good row


def test_memory_stays_bounded_with_a_60_mb_file_in_the_batch(batch_run) -> None:
    done, _ = batch_run
    peak_mb = int(done.stdout.strip().splitlines()[-1]) / 1024
    print(f"bad-input batch: {CASE_COUNT} cases, peak RSS {peak_mb:.0f} MB")
    assert peak_mb < MAX_RSS_MB


def test_an_unreachable_store_is_one_clear_error(tmp_path: Path) -> None:
    # Port 9 (discard): nothing answers Bolt there.
    done = run_kg("ingest", str(seeds()[0]), "--store", "bolt://127.0.0.1:9", cwd=tmp_path,
                  timeout=300)
    assert done.returncode == 2
    lines = _error_lines(done.stderr)
    assert len(lines) == 1 and "unavailable" in lines[0].lower(), done.stderr[-2000:]
    assert "Traceback" not in done.stderr
