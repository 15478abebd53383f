"""Start a throwaway embedded Neo4j (tools/neo4j) for the test session.

Usage::

    reason = unavailable_reason()      # None, or why java/mvn can't be used
    with Neo4jServer() as server:       # builds the launcher if stale, starts the JVM
        driver = GraphDatabase.driver(server.uri, auth=None)

If ``KG_TEST_NEO4J_URI`` is set (e.g. by .ci/run, which starts the server via
tools/neo4j/neo4j.sh), that URI is used as-is and no JVM is started here.
Auth is disabled on the launcher, so drivers connect with ``auth=None``.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ENV_URI = "KG_TEST_NEO4J_URI"
READY_PREFIX = "NEO4J_READY "
TOOL_DIR = Path(__file__).resolve().parents[1] / "tools" / "neo4j"
JAR = TOOL_DIR / "target" / "neo4j-launcher.jar"
# -Xms silences Neo4j's "initial heap not configured" warning; OOM should kill, not hang, a run.
JVM_OPTS = ("-Xms128m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError")
LAUNCHER_OPTS: tuple[str, ...] = ()  # e.g. ("--pagecache-mb", "2048"); the launcher's default is 128 MB
MIN_JAVA = 17  # Neo4j 5.26 supports Java 17 and 21


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def _java_major(java: str) -> int | None:
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60
        ).stderr
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major  # "1.8" -> 8


def _jar_is_stale() -> bool:
    if not JAR.is_file() or not (JAR.parent / "lib").is_dir():
        return True
    built = JAR.stat().st_mtime
    sources = [TOOL_DIR / "pom.xml", *(TOOL_DIR / "src").rglob("*")]
    return any(p.stat().st_mtime > built for p in sources if p.is_file())


def unavailable_reason() -> str | None:
    """Why a local Neo4j can't be started here, or None if it can (or isn't needed)."""
    if os.environ.get(ENV_URI):
        return None
    java = _java()
    if java is None:
        return "java not found on PATH (Neo4j tests need a JDK 17+)"
    major = _java_major(java)
    if major is None or major < MIN_JAVA:
        return f"{java} is not Java {MIN_JAVA}+ (detected: {major})"
    if _jar_is_stale() and shutil.which("mvn") is None:
        return "mvn not found on PATH (needed to build tools/neo4j)"
    return None


def build_launcher() -> Path:
    """Build tools/neo4j if stale; serialized with a file lock (pytest-xdist, parallel runs)."""
    # Outside target/, so a manual `mvn clean` can't unlink it mid-build and let a newcomer
    # lock a fresh inode. One lock per machine also keeps concurrent writes to ~/.m2 apart.
    lock_path = Path(tempfile.gettempdir()) / "kg-neo4j-launcher-build.lock"
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _jar_is_stale():  # re-check: another process may have built it while we waited
            # No `clean`: a server started earlier may still be running from target/lib, and
            # stale jars there are harmless (the manifest Class-Path names exact versions).
            proc = subprocess.run(
                ["mvn", "-q", "-B", "-Dstyle.color=never", "package", "-DskipTests"],
                cwd=TOOL_DIR,
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0 or not JAR.is_file():
                raise RuntimeError(
                    f"building {TOOL_DIR} failed (exit {proc.returncode}):\n"
                    f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
                )
    return JAR


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    # Runs in the child before exec: if the test process dies hard (SIGKILL, CI timeout) the
    # JVM gets SIGTERM instead of lingering with ~400 MB RSS. Linux only; best effort.
    with contextlib.suppress(Exception):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Neo4jServer:
    """A Neo4j reachable over Bolt: an external one (``KG_TEST_NEO4J_URI``) or a JVM we own."""

    def __init__(self, startup_timeout: float = 180.0, stop_timeout: float = 60.0):
        self.startup_timeout = startup_timeout
        self.stop_timeout = stop_timeout
        self.uri: str | None = None
        self.external = False
        self.home: Path | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._stderr_path: Path | None = None
        self._pump: threading.Thread | None = None

    def start(self) -> str:
        if self.uri is not None:
            return self.uri
        external = os.environ.get(ENV_URI)
        if external:
            self.uri, self.external = external, True
            return external
        reason = unavailable_reason()
        if reason:
            raise RuntimeError(reason)

        jar = build_launcher()
        self.home = Path(tempfile.mkdtemp(prefix="kg-neo4j-"))
        self._stderr_path = self.home / "launcher.stderr"
        port = free_port()
        cmd = [_java(), *JVM_OPTS, "-jar", str(jar), "--home", str(self.home / "db"),
               "--port", str(port), *LAUNCHER_OPTS]
        with open(self._stderr_path, "w") as err:
            self._proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=err,  # a file, not a pipe: nobody drains it and it must never block the JVM
                text=True,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
        atexit.register(self.close)

        ready = threading.Event()
        found: list[str] = []

        stdout = self._proc.stdout
        assert stdout is not None

        def pump() -> None:
            # Keeps draining stdout after readiness so the JVM can never block on a full pipe.
            for line in stdout:
                if line.startswith(READY_PREFIX) and not ready.is_set():
                    found.append(line[len(READY_PREFIX):].strip())
                    ready.set()
            ready.set()  # EOF: the JVM exited

        self._pump = threading.Thread(target=pump, name="neo4j-stdout", daemon=True)
        self._pump.start()
        if not ready.wait(self.startup_timeout) or not found:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(5)  # stdout EOF slightly precedes the exit status
            detail = self._failure_detail()
            self.close(keep_home=True)  # leave Neo4j's logs for a post-mortem
            raise RuntimeError(f"Neo4j did not become ready within {self.startup_timeout:.0f}s"
                               f" or exited early:\n{detail}")
        self.uri = found[0]
        return self.uri

    def _failure_detail(self) -> str:
        code = self._proc.poll() if self._proc else None
        text = ""
        if self._stderr_path and self._stderr_path.is_file():
            text = self._stderr_path.read_text(errors="replace")[-4000:]
        return f"exit code: {code}\nneo4j logs: {self.home}/db/logs\nstderr:\n{text}"

    def close(self, keep_home: bool = False) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.terminate()  # SIGTERM -> the launcher's shutdown hook
                try:
                    proc.wait(self.stop_timeout)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(30)
            if self._pump is not None:
                self._pump.join(5)  # hits EOF now that the JVM is gone; then stdout can close
                self._pump = None
            if proc.stdout:
                proc.stdout.close()
        if self.home is not None:
            if not keep_home:
                shutil.rmtree(self.home, ignore_errors=True)
            self.home = None  # forgotten either way, so a later close() (atexit) spares it
        if not self.external:
            self.uri = None

    def __enter__(self) -> Neo4jServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
