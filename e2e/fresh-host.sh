#!/usr/bin/env bash
# The README's first command as a newcomer meets it, run where nothing runs yet (CI starts so):
# up, status, down, up, status, down. Fails if any call waits on the lock of bin/platform, which
# a daemon that the first `up` started (dockerd, Postgres) would hold if it had inherited it.
# It takes bin/platform's variables from the environment (PORT, PAAS_*_PORT, PAAS_RUN_DIR,
# DATABASE_URL, PAAS_AGENT_NAME ...), so it can run beside a platform on the default ports.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PAAS_LOCK_WAIT_SECONDS=${PAAS_LOCK_WAIT_SECONDS:-20}
RUN_DIR=${PAAS_RUN_DIR:-$PWD/.run}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for step in up status down up status down; do
    started=$SECONDS
    if ! bin/platform "$step" >"$out" 2>&1; then
        cat "$out" >&2
        echo "fresh-host: bin/platform $step failed" >&2
        exit 1
    fi
    echo "fresh-host: bin/platform $step ok in $((SECONDS - started)) s"
    if [ "$step" = up ]; then
        holders=$(find /proc/[0-9]*/fd -lname "$RUN_DIR/lock" 2>/dev/null || true)
        if [ -n "$holders" ]; then
            echo "fresh-host: after up, processes hold $RUN_DIR/lock: $holders" >&2
            exit 1
        fi
    fi
done
echo "fresh-host: passed"
