"""A private Neo4j that can be stopped and started again on the same port and data.

The session's server (tests/neo4j_server.py) picks a new port and a new home on
every start; an outage test needs the same address to come back, so that the
driver of an already open store reconnects by itself. Same launcher and JVM
options as the session's server.
"""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType


def _neo4j_server() -> ModuleType:
    name = "kg_tests_neo4j_server"  # the name tests/conftest.py loads it under
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parents[1] / "neo4j_server.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def unavailable_reason() -> str | None:
    """Why a private JVM cannot be started here (an external KG_TEST_NEO4J_URI does not help)."""
    server = _neo4j_server()
    java = server._java()
    if java is None:
        return "java not found on PATH (a private Neo4j needs a JDK 17+)"
    if server._jar_is_stale() and shutil.which("mvn") is None:
        return "mvn not found on PATH (needed to build tools/neo4j)"
    return None


class RestartableNeo4j:
    def __init__(self, startup_timeout_s: float = 240.0) -> None:
        server = _neo4j_server()
        self._server = server
        self.port = server.free_port()
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.home = Path(tempfile.mkdtemp(prefix="kg-neo4j-outage-"))
        self._timeout = startup_timeout_s
        self._proc: subprocess.Popen[str] | None = None

    def start(self) -> None:
        server = self._server
        jar = server.build_launcher()
        cmd = [server._java(), *server.JVM_OPTS, "-jar", str(jar), "--home", str(self.home / "db"),
               "--port", str(self.port)]
        log = (self.home / "launcher.log").open("a")
        # preexec_fn as in tests/neo4j_server.py: the JVM dies with the test process.
        self._proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                      stderr=log, text=True,
                                      preexec_fn=server._die_with_parent)  # noqa: PLW1509
        log.close()
        self._wait_ready()

    def _wait_ready(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        deadline = time.monotonic() + self._timeout
        for line in self._proc.stdout:  # the launcher prints one line, when ready
            if line.startswith(self._server.READY_PREFIX):
                return
            if time.monotonic() > deadline:
                break
        self.stop()
        raise RuntimeError(f"private Neo4j did not start; see {self.home}/launcher.log")

    def stop(self) -> None:
        """A clean shutdown (SIGTERM), as an operator's restart would do."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.terminate()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)
        with contextlib.suppress(Exception):
            proc.stdout.close()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)
