#!/usr/bin/env bash
# Build / start / stop the embedded Neo4j Community test server (see Launcher.java).
#
#   tools/neo4j/neo4j.sh build    # mvn package; no-op when the jar is newer than pom + sources
#   tools/neo4j/neo4j.sh start    # background JVM, waits for readiness, prints the bolt URI
#   tools/neo4j/neo4j.sh stop     # SIGTERM (clean shutdown), SIGKILL after 60 s
#   tools/neo4j/neo4j.sh status   # prints the URI and exits 0 if running, else exits 1
#
# Env: NEO4J_PORT (7687), NEO4J_RUN_DIR (tools/neo4j/run: pid, log, uri, home/),
#      NEO4J_JAVA_OPTS (heap etc.), JAVA_HOME (else `java` from PATH; needs Java 17 or 21).
# Auth is disabled; the database lives in $NEO4J_RUN_DIR/home and is wiped on every start
# because this server only exists for tests.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$HERE/target/neo4j-launcher.jar"
PORT="${NEO4J_PORT:-7687}"
RUN_DIR="${NEO4J_RUN_DIR:-$HERE/run}"
PID_FILE="$RUN_DIR/neo4j.pid"
LOG_FILE="$RUN_DIR/neo4j.log"
URI_FILE="$RUN_DIR/neo4j.uri"
# -Xms silences Neo4j's "initial heap not configured" warning; OOM should kill, not hang, a test run.
JAVA_OPTS="${NEO4J_JAVA_OPTS:--Xms128m -Xmx512m -XX:+ExitOnOutOfMemoryError}"
READY_TIMEOUT=120

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

die() { echo "neo4j.sh: $*" >&2; exit 1; }

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cmd_build() {
  command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
  # Stale if the jar or lib/ is missing, or anything under src/ or the pom is newer than the jar.
  if [[ -f "$JAR" && -d "$HERE/target/lib" ]] \
     && [[ -z "$(find "$HERE/pom.xml" "$HERE/src" -newer "$JAR" -print -quit)" ]]; then
    return 0
  fi
  # No `clean`: it would pull lib/ from under a server that is still running. Jars of an
  # older Neo4j left in lib/ are harmless: the manifest Class-Path names exact versions.
  (cd "$HERE" && mvn -q -B -Dstyle.color=never package -DskipTests)
  [[ -f "$JAR" ]] || die "build finished but $JAR is missing"
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    cat "$URI_FILE" 2>/dev/null || echo "bolt://127.0.0.1:$PORT"
    return 0
  fi
  [[ -f "$JAR" ]] || die "$JAR missing; run '$0 build' first"
  # Otherwise the port probe below could mistake someone else's server for ours.
  port_open "$PORT" && die "port $PORT is already in use (set NEO4J_PORT)"

  mkdir -p "$RUN_DIR"
  rm -rf "$RUN_DIR/home" "$URI_FILE"
  # shellcheck disable=SC2086  # JAVA_OPTS is a word list on purpose
  nohup "$JAVA" $JAVA_OPTS -jar "$JAR" --home "$RUN_DIR/home" --port "$PORT" >"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"

  local deadline=$((SECONDS + READY_TIMEOUT))
  # The ready line (not a bare port probe) is the signal: Bolt binds before the default
  # database is available, and the launcher prints it only once both are true.
  until grep -q '^NEO4J_READY ' "$LOG_FILE" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      tail -n 40 "$LOG_FILE" >&2 || true
      die "JVM exited during startup (log: $LOG_FILE, neo4j logs: $RUN_DIR/home/logs)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 40 "$LOG_FILE" >&2 || true
      cmd_stop
      die "not ready after ${READY_TIMEOUT}s (log: $LOG_FILE)"
    fi
    sleep 0.5
  done
  echo "bolt://127.0.0.1:$PORT" | tee "$URI_FILE"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "neo4j.sh: pid $pid ignored SIGTERM for 60 s, killing" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$URI_FILE"
}

cmd_status() {
  running_pid >/dev/null || { echo "not running"; return 1; }
  cat "$URI_FILE" 2>/dev/null || echo "starting"
}

case "${1:-}" in
  build) cmd_build ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 build|start|stop|status" >&2; exit 2 ;;
esac
