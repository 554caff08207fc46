# shellcheck shell=bash
# Shared by the bench/run-* scripts: a throwaway platform-api on a fresh database. Source it
# after bin/lib.sh; call bench_cleanup from the EXIT trap.

BENCH_STOP_TIMEOUT=30
BENCH_START_TIMEOUT=120
BENCH_PIDS=()
BENCH_DB=
API_PID=

# SIGTERM, then SIGKILL after BENCH_STOP_TIMEOUT seconds.
bench_stop() {
    local pid=$1 what=$2 i
    kill -0 "$pid" 2>/dev/null || return 0
    say "stopping $what (pid $pid): SIGTERM"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < BENCH_STOP_TIMEOUT * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        warn "$what did not stop within $BENCH_STOP_TIMEOUT s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# Stops what was started, newest first, and drops the database.
bench_cleanup() {
    local i
    for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do
        bench_stop "${BENCH_PIDS[$i]%%:*}" "${BENCH_PIDS[$i]#*:}"
    done
    if [ -n "$BENCH_DB" ]; then
        say "dropping database $BENCH_DB"
        pg_admin_sql <<<"DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE);" >/dev/null || warn "could not drop $BENCH_DB"
    fi
}

# Removes the app images the bench's builder made (they carry its data dir as their owner label): no later run
# uses them, and each run's pushes leave a few.
bench_remove_app_images() {
    local images
    images=$("$DOCKER" images -q --filter "label=dev.paas.builder.owner=$1" 2>/dev/null | sort -u || true)
    [ -z "$images" ] || "$DOCKER" rmi -f $images >/dev/null 2>&1 || warn "could not remove the app images of $1"
}

# Builds the given modules (comma-separated) unless BENCH_SKIP_BUILD is set.
bench_build() {
    if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
        ensure_maven
        # Only what the benchmark runs, so that a half-edited module elsewhere doesn't stop it.
        say "building: mvn -B -q package -DskipTests -pl $1 -am"
        (cd "$ROOT" && mvn -B -q package -DskipTests -pl "$1" -am) || die "the build failed"
    fi
}

# bench_start_api PORT DB LOG: platform-api on a fresh database DB; sets API_PID and DATABASE_URL.
# BENCH_API_JAVA_OPTS: extra JVM options for the API (a flight recording, say). BENCH_API_JAR: another build
# of the API to run (an older commit's, for an A/B), default this tree's.
bench_start_api() {
    local port=$1 db=$2 log=$3 jar=${BENCH_API_JAR:-$ROOT/platform-api/target/platform-api.jar} deadline
    [ -f "$jar" ] || die "$jar is missing: build it, or unset BENCH_SKIP_BUILD"
    port_in_use "$port" && die "port $port is already in use; stop what listens there or set BENCH_PORT"
    say "creating a fresh database $db"
    pg_admin_sql <<<"DROP DATABASE IF EXISTS $db WITH (FORCE);" >/dev/null || die "could not drop $db"
    BENCH_DB=$db
    ensure_pg_database "$db" "$db" "$db"
    export DATABASE_URL="postgres://$db:$db@$PG_HOST:$PG_PORT/$db"
    mkdir -p "$(dirname "$log")"
    say "starting the API on port $port (log: $log)"
    # shellcheck disable=SC2086 # BENCH_API_JAVA_OPTS is a list of options, e.g. -XX:StartFlightRecording=...
    PORT=$port "$JAVA_HOME/bin/java" ${BENCH_API_JAVA_OPTS:-} -jar "$jar" serve >"$log" 2>&1 </dev/null &
    API_PID=$!
    BENCH_PIDS+=("$API_PID:the API")
    deadline=$((SECONDS + BENCH_START_TIMEOUT))
    until [ "$(http_status "$port" /healthz)" = 200 ]; do
        if ! kill -0 "$API_PID" 2>/dev/null; then
            tail -n 40 "$log" >&2 || true
            die "the API exited during start-up (log above)"
        fi
        [ "$SECONDS" -lt "$deadline" ] || die "the API did not answer /healthz within $BENCH_START_TIMEOUT s (log: $log)"
        sleep 0.5
    done
    say "the API is up (pid $API_PID)"
}

# bench_user EMAIL [--admin]: prints a new user's token.
bench_user() {
    local token
    token=$("$JAVA_HOME/bin/java" -jar "$ROOT/platform-api/target/platform-api.jar" create-user "$@" 2>/dev/null \
        | tail -n 1)
    [ -n "$token" ] || die "create-user printed no token"
    printf '%s' "$token"
}
