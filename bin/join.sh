# shellcheck shell=bash
# `bin/platform join|leave|host-status`: this machine as one more host of a platform whose control
# plane runs elsewhere. Sourced by bin/platform (after bin/lib.sh); don't run it.
#
#   bin/platform join --api URL --token TOKEN [--router] [--address ADDR] [--name NAME]
#                     [--memory MB] [--registry HOST:PORT [--ca FILE]]
#                     (the registry's credentials: PAAS_REGISTRY_USERNAME, PAAS_REGISTRY_PASSWORD)
#   bin/platform host-status   are this host's agent (and router) running and healthy?
#   bin/platform leave         stops them; app containers keep running until the control plane
#                              moves them (drain the host first: paas hosts:drain NAME)
#
# Everything this host needs lives in PAAS_HOST_DIR (default /var/lib/paas-host): copies of the
# jars it runs, their environment files (mode 600: they hold the token), pid files and logs.

HOST_DIR=${PAAS_HOST_DIR:-/var/lib/paas-host}

join_usage() {
    sed -n '4,10s/^# \{0,1\}//p' "$ROOT/bin/join.sh"
}

# Values of the flags, set by parse_join_args.
J_API='' J_TOKEN='' J_ROUTER='' J_ADDRESS='' J_NAME='' J_MEMORY='' J_CA='' J_REGISTRY=''

parse_join_args() {
    while [ $# -gt 0 ]; do
        case $1 in
            --api | --token | --address | --name | --memory | --ca | --registry)
                [ $# -ge 2 ] && [ -n "$2" ] || { join_usage >&2; die "$1 needs a value"; }
                case $1 in
                    --api) J_API=${2%/} ;;
                    --token) J_TOKEN=$2 ;;
                    --address) J_ADDRESS=$2 ;;
                    --name) J_NAME=$2 ;;
                    --memory) J_MEMORY=$2 ;;
                    --ca) J_CA=$2 ;;
                    --registry) J_REGISTRY=$2 ;;
                esac
                shift 2
                ;;
            --router) J_ROUTER=1 && shift ;;
            -h | --help) join_usage && exit 0 ;;
            *) join_usage >&2 && die "unknown argument: $1" ;;
        esac
    done
    [ -n "$J_API" ] || die "--api URL is missing: the control plane's API as this host reaches it, such as http://10.0.0.1:5000"
    [[ "$J_API" =~ ^https?://[^/]+$ ]] || die "--api must be http(s)://HOST[:PORT] with no path, not '$J_API'"
    [ -n "$J_TOKEN" ] || die "--token TOKEN is missing: an admin token (the control host's .run/admin-token)"
    [[ "$J_TOKEN" =~ ^[^[:space:]]+$ ]] || die "--token must be one word with no spaces"
    [ -z "$J_MEMORY" ] || [[ "$J_MEMORY" =~ ^[0-9]+$ && "$J_MEMORY" -ge 128 ]] ||
        die "--memory must be the megabytes this host offers to apps, from 128, not '$J_MEMORY'"
    [ -z "$J_NAME" ] || [[ "$J_NAME" =~ ^[a-z0-9][a-z0-9.-]{0,62}$ ]] ||
        die "--name must be lowercase letters, digits, dots and dashes (at most 63), not '$J_NAME'"
    if [ -n "$J_CA" ]; then
        [ -n "$J_REGISTRY" ] || die "--ca FILE is the registry's CA: give the registry too (--registry HOST:PORT)"
        [ -r "$J_CA" ] || die "--ca $J_CA is not a readable file"
    fi
    [ -z "$J_REGISTRY" ] || [[ "$J_REGISTRY" =~ ^[A-Za-z0-9.-]+:[0-9]+$ ]] ||
        die "--registry must be HOST:PORT as this host reaches it, not '$J_REGISTRY'"
    J_NAME=${J_NAME:-$(hostname -s 2>/dev/null | tr 'A-Z_' 'a-z-')}
    J_ADDRESS=${J_ADDRESS:-$(route_source "$J_API")}
    [ -n "$J_ADDRESS" ] || die "cannot tell this host's address towards $J_API: give --address ADDR"
    ip -o addr show 2>/dev/null | grep -q "inet6\? $J_ADDRESS/" ||
        die "--address $J_ADDRESS is not an address of this host (ip addr): web processes publish on it"
    J_MEMORY=${J_MEMORY:-$(offered_memory_mb)}
}

# The address this host sends from towards the API's host: the one others on that network reach.
route_source() {
    local host=${1#*://}
    host=${host%%:*}
    local ip
    ip=$(getent ahostsv4 "$host" 2>/dev/null | awk 'NR == 1 { print $1 }')
    [ -n "$ip" ] || return 0
    ip -o route get "$ip" 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p'
}

# Four fifths of the machine's memory: the rest is for the engine, the agent and the system.
offered_memory_mb() {
    awk '/^MemTotal:/ { printf "%d\n", $2 / 1024 * 4 / 5 }' /proc/meminfo
}

# The components a host runs, like bin/platform's table: ID JAR HEALTH-PORT.
AGENT_HEALTH=${PAAS_AGENT_HEALTH_PORT:-5002}
HOST_ROUTER_PORT=${PAAS_ROUTER_PORT:-8080}
HOST_ROUTER_ADMIN=${PAAS_ROUTER_ADMIN_PORT:-8081}

host_pid() {
    component_pid "$HOST_DIR/$1.pid" "$HOST_DIR/$1.jar"
}

# Writes $HOST_DIR/ID.env (mode 600): every PAAS_* of the caller's environment (tuning such as
# PAAS_HEARTBEAT_SECONDS reaches the component), then the join's own settings, which win.
write_env() {
    local id=$1 var ours
    shift
    ours=$(printf ' %s ' "${@%%=*}")
    (
        umask 077
        for var in $(compgen -e | grep -E '^PAAS_' | sort); do
            case $var in PAAS_HOST_DIR | PAAS_RUN_DIR) continue ;; esac
            [[ "$ours" == *" $var "* ]] || printf '%s=%s\n' "$var" "${!var}"
        done
        printf '%s\n' "$@"
    ) >"$HOST_DIR/$id.env.new"
}

# host_start ID JAR HEALTH-PORT JAVA-OPTS: (re)starts the component when it is not running, or runs
# with other settings or another jar; leaves it alone otherwise (join is idempotent).
host_start() {
    local id=$1 jar=$2 health=$3 opts=$4 pid env=() line i
    [ -f "$jar" ] || die "$jar is missing: build the jars first (mvn -B -q package -DskipTests), or copy them with the repository"
    pid=$(host_pid "$id")
    if [ -n "$pid" ] && cmp -s "$HOST_DIR/$id.env.new" "$HOST_DIR/$id.env" && cmp -s "$jar" "$HOST_DIR/$id.jar"; then
        rm -f "$HOST_DIR/$id.env.new"
        say "$id already runs with these settings (pid $pid)"
        return 0
    fi
    [ -z "$pid" ] || stop_component "the $id" "$pid"
    mv -f "$HOST_DIR/$id.env.new" "$HOST_DIR/$id.env"
    cp -f "$jar" "$HOST_DIR/$id.jar.tmp" && mv -f "$HOST_DIR/$id.jar.tmp" "$HOST_DIR/$id.jar"
    mapfile -t env <"$HOST_DIR/$id.env"
    say "starting the $id (log $HOST_DIR/$id.log)"
    printf '\n==== %s bin/platform join\n' "$(date -u +%FT%TZ)" >>"$HOST_DIR/$id.log"
    # shellcheck disable=SC2086 # opts is a list of JVM options
    daemon env "${env[@]}" "$JAVA_HOME/bin/java" $opts -jar "$HOST_DIR/$id.jar" >>"$HOST_DIR/$id.log" 2>&1
    printf '%s\n' "$DAEMON_PID" >"$HOST_DIR/$id.pid"
    for ((i = 0; i < START_TIMEOUT * 2; i++)); do
        pid_alive "$DAEMON_PID" || { tail -n 30 "$HOST_DIR/$id.log" >&2; die "the $id exited during start-up (log above)"; }
        [ "$(http_status "$health" /healthz)" != 200 ] || { say "the $id is up (pid $DAEMON_PID)"; return 0; }
        sleep 0.5
    done
    line=$(tail -n 30 "$HOST_DIR/$id.log")
    die "the $id did not answer GET http://127.0.0.1:$health/healthz within ${START_TIMEOUT}s; its log ends:"$'\n'"$line"
}

# The registry's CA, for the engine's pulls: Docker reads /etc/docker/certs.d/HOST:PORT/ca.crt per pull.
trust_registry_ca() {
    [ -n "$J_CA" ] || return 0
    as_root mkdir -p "/etc/docker/certs.d/$J_REGISTRY"
    as_root cp -f "$J_CA" "/etc/docker/certs.d/$J_REGISTRY/ca.crt"
    say "the engine trusts $J_CA for the registry $J_REGISTRY"
}

# Containers on this host must not reach the control plane's API and registry, as on the control host
# (bin/lib.sh ensure_firewall): their traffic to it is forwarded, so the rule sits in Docker's DOCKER-USER
# chain, which the engine jumps to first from FORWARD and never rewrites. Idempotent.
# ensure_forward_firewall IP PORT...
ensure_forward_firewall() {
    local ip=$1 port iface
    shift
    command -v iptables >/dev/null 2>&1 || { warn "iptables not found: containers here can reach $ip"; return 0; }
    as_root iptables -w -N DOCKER-USER 2>/dev/null || true
    for port in "$@"; do
        for iface in docker0 br-+; do
            as_root iptables -w -C DOCKER-USER -i "$iface" -d "$ip" -p tcp --dport "$port" -j REJECT \
                --reject-with tcp-reset 2>/dev/null ||
                as_root iptables -w -I DOCKER-USER 1 -i "$iface" -d "$ip" -p tcp --dport "$port" -j REJECT \
                    --reject-with tcp-reset
        done
    done
}

# The IPv4 address and port of a URL (http://HOST[:PORT]) or of HOST:PORT.
url_ip() {
    local host=${1#*://}
    host=${host%%/*}
    host=${host%%:*}
    getent ahostsv4 "$host" 2>/dev/null | awk 'NR == 1 { print $1 }'
}
url_port() {
    local rest=${1#*://}
    rest=${rest%%/*}
    if [[ "$rest" == *:* ]]; then printf '%s' "${rest##*:}"; elif [[ "$1" == https://* ]]; then printf 443; else printf 80; fi
}

# await_port HOST PORT: true once a TCP connection to it opens (within START_TIMEOUT seconds).
await_port() {
    local i
    for ((i = 0; i < START_TIMEOUT * 2; i++)); do
        # shellcheck disable=SC2016 # expanded by the inner bash
        timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null && return 0
        sleep 0.5
    done
    return 1
}

cmd_join() {
    parse_join_args "$@"
    as_root mkdir -p "$HOST_DIR"
    as_root chmod 700 "$HOST_DIR"
    exec 9>"$HOST_DIR/lock"
    flock -w "${PAAS_LOCK_WAIT_SECONDS:-600}" 9 || die "another bin/platform join is still running (lock $HOST_DIR/lock)"
    ensure_jdk
    ensure_docker
    trust_registry_ca
    local code
    code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' -H "Authorization: Bearer $J_TOKEN" "$J_API/agents" 2>/dev/null || true)
    case $code in
        200) ;;
        401 | 403) die "the API at $J_API refused the token (HTTP $code): give an admin token" ;;
        *) die "the API at $J_API does not answer from here (GET /agents: ${code:-000}): check the URL and the firewall" ;;
    esac
    local api_ip
    api_ip=$(url_ip "$J_API")
    if [ -n "$api_ip" ]; then
        ensure_forward_firewall "$api_ip" "$(url_port "$J_API")"
        [ -z "$J_REGISTRY" ] || [ "$(url_ip "$J_REGISTRY")" != "$api_ip" ] || ensure_forward_firewall "$api_ip" "${J_REGISTRY##*:}"
    fi
    write_env agent "PAAS_API_URL=$J_API" "PAAS_API_KEY=$J_TOKEN" "PAAS_AGENT_NAME=$J_NAME" \
        "PAAS_AGENT_ADDRESS=$J_ADDRESS" "PAAS_AGENT_MEMORY_MB=$J_MEMORY" "PAAS_AGENT_HEALTH_PORT=$AGENT_HEALTH" \
        ${J_REGISTRY:+"PAAS_REGISTRY=$J_REGISTRY"}
    host_start agent "$ROOT/runtime-agent/target/runtime-agent.jar" "$AGENT_HEALTH" "${PAAS_AGENT_JAVA_OPTS:-$(agent_java_opts "$(jvm_common_opts)")}"
    if [ -n "$J_ROUTER" ]; then
        # A router here answers on this host's address; its admin port (health, metrics) stays on loopback.
        write_env router "PAAS_API_URL=$J_API" "PAAS_API_KEY=$J_TOKEN" "PAAS_ROUTER_BIND=${PAAS_ROUTER_BIND:-$J_ADDRESS}" \
            "PAAS_ROUTER_PORT=$HOST_ROUTER_PORT" "PAAS_ROUTER_ADMIN_PORT=$HOST_ROUTER_ADMIN"
        host_start router "$ROOT/router/target/router.jar" "$HOST_ROUTER_ADMIN" "${PAAS_ROUTER_JAVA_OPTS:-$(router_java_opts "$(jvm_common_opts)")}"
        # healthy on its admin port is not yet listening on the one clients use
        await_port "$J_ADDRESS" "$HOST_ROUTER_PORT" || die "the router does not accept connections on $J_ADDRESS:$HOST_ROUTER_PORT"
    fi
    cat <<EOF

This host is $J_NAME in the platform at $J_API: its agent runs apps' processes here and publishes web
processes on $J_ADDRESS (routers on other hosts must reach that address).${J_ROUTER:+
A router serves apps on http://$J_ADDRESS:$HOST_ROUTER_PORT/.}
Check it with: bin/platform host-status    Stop it with: bin/platform leave (drain it first: paas hosts:drain $J_NAME)
EOF
}

cmd_host_status() {
    local id pid rc=0 health
    for id in agent router; do
        [ -f "$HOST_DIR/$id.env" ] || continue
        pid=$(host_pid "$id")
        health=$AGENT_HEALTH
        [ "$id" = agent ] || health=$(sed -n 's/^PAAS_ROUTER_ADMIN_PORT=//p' "$HOST_DIR/$id.env")
        [ "$id" != agent ] || health=$(sed -n 's/^PAAS_AGENT_HEALTH_PORT=//p' "$HOST_DIR/$id.env")
        if [ -z "$pid" ]; then
            printf '%-7s stopped\n' "$id:"
            rc=1
        elif [ "$(http_status "$health" /healthz)" = 200 ]; then
            printf '%-7s running, healthy (pid %s, log %s)\n' "$id:" "$pid" "$HOST_DIR/$id.log"
        else
            printf '%-7s running, NOT healthy (pid %s, log %s)\n' "$id:" "$pid" "$HOST_DIR/$id.log"
            rc=1
        fi
    done
    [ -f "$HOST_DIR/agent.env" ] || { echo "this host has not joined a platform (bin/platform join)"; rc=3; }
    return "$rc"
}

cmd_leave() {
    local id pid
    [ -d "$HOST_DIR" ] || { say "this host has not joined a platform"; return 0; }
    exec 9>"$HOST_DIR/lock"
    flock -w "${PAAS_LOCK_WAIT_SECONDS:-600}" 9 || die "another bin/platform join is still running (lock $HOST_DIR/lock)"
    for id in router agent; do
        pid=$(host_pid "$id")
        if [ -n "$pid" ]; then stop_component "the $id" "$pid"; else say "the $id is not running"; fi
        rm -f "$HOST_DIR/$id.pid" "$HOST_DIR/$id.env"
    done
    say "app containers keep running until the control plane moves their slots (docker ps --filter label=paas.agent)"
}
