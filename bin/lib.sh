# shellcheck shell=bash
# Shared functions for bin/platform, bin/test and .ci/run. Source it; don't run it.
#
# Everything here is idempotent and non-interactive: it runs as well on a fresh Debian 12
# machine (installing what is missing with apt-get) as on a developer's machine where it
# is all there already, and in CI with no standard input.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
export ROOT

# The Postgres that the platform and the tests use; its superuser gets this password over TCP.
PG_HOST=127.0.0.1
PG_PORT=${PAAS_PG_PORT:-5432}
PG_SUPERUSER_PASSWORD=postgres

export DEBIAN_FRONTEND=noninteractive

say() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Closes every descriptor of this shell above 2. A daemon started from a script inherits every
# descriptor the script has open, and keeps it for its whole life: dockerd or Postgres started by
# `bin/platform up` held its lock (fd 9), so every later bin/platform call waited on it. Whatever
# is started from here to outlive us is started from a subshell that called this first.
close_our_fds() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        if [ "$fd" -gt 2 ] 2>/dev/null; then
            eval "exec $fd>&-" 2>/dev/null || true
        fi
    done
}

# Runs "$@" (a command or a function) in a subshell holding none of our descriptors above 2.
without_our_fds() {
    (
        close_our_fds
        "$@"
    )
}

# Starts "$@" as a daemon: its own session (setsid), immune to hangups, stdin from /dev/null,
# none of our descriptors; stdout and stderr are the caller's redirections. Sets DAEMON_PID.
# The background subshell itself becomes the daemon (exec), so nothing is left holding ours.
daemon() {
    (
        close_our_fds
        exec setsid nohup "$@" </dev/null
    ) &
    DAEMON_PID=$!
}

# ---------------------------------------------------------------------------------------
# Root and apt

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run: $* (run as root, or install sudo)"
    fi
}

APT_UPDATED=
apt_update_once() {
    if [ -z "$APT_UPDATED" ]; then
        say "apt-get update"
        as_root apt-get -o DPkg::Lock::Timeout=600 update -q </dev/null || die "apt-get update failed"
        APT_UPDATED=1
    fi
}

apt_install() {
    apt_update_once
    say "apt-get install -y $*"
    # another apt-get (unattended upgrades, a second script) may hold dpkg's lock: wait for it
    as_root apt-get -o DPkg::Lock::Timeout=600 install -y -q "$@" </dev/null || die "apt-get install $* failed"
}

# True when apt knows a package by that name (after an update).
apt_has() {
    local candidate
    apt_update_once
    candidate=$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
    [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}

# ---------------------------------------------------------------------------------------
# JDK >= 21

MIN_JAVA=21

# Prints the feature version (17, 21, 25...) of the java binary $1; nothing if it won't run.
java_major() {
    local out
    out=$("$1" -version 2>&1) || return 0
    sed -n '/ version "/{s/^.* version "\([0-9][0-9]*\).*$/\1/p;q;}' <<<"$out"
}

# Prints the newest JDK home under /usr/lib/jvm whose java is >= MIN_JAVA, or nothing.
newest_jvm_home() {
    local best='' best_major=0 dir major
    for dir in /usr/lib/jvm/*/; do
        dir=${dir%/}
        if [ ! -x "$dir/bin/java" ] || [ ! -x "$dir/bin/javac" ]; then continue; fi
        major=$(java_major "$dir/bin/java")
        [ -n "$major" ] || continue
        if [ "$major" -ge "$MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
            best=$dir best_major=$major
        fi
    done
    [ -z "$best" ] || readlink -f "$best"
}

# Sets and exports JAVA_HOME (and PATH) to a JDK >= 21: $JAVA_HOME if it is one, else the
# newest under /usr/lib/jvm, else Debian's openjdk-21-jdk-headless if apt offers it.
ensure_jdk() {
    local home='' major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        major=$(java_major "$JAVA_HOME/bin/java")
        if [ -n "$major" ] && [ "$major" -ge "$MIN_JAVA" ]; then
            home=$JAVA_HOME
        else
            say "JAVA_HOME=$JAVA_HOME is Java ${major:-?}, older than $MIN_JAVA: looking for another JDK"
        fi
    fi
    [ -n "$home" ] || home=$(newest_jvm_home)
    if [ -z "$home" ]; then
        say "no JDK >= $MIN_JAVA under /usr/lib/jvm"
        if apt_has openjdk-21-jdk-headless; then
            apt_install openjdk-21-jdk-headless
            home=$(newest_jvm_home)
        fi
    fi
    [ -n "$home" ] || die "no JDK >= $MIN_JAVA found (looked at \$JAVA_HOME and /usr/lib/jvm/*, and apt has no" \
        "openjdk-21-jdk-headless). Install JDK $MIN_JAVA or newer and set JAVA_HOME to it."
    JAVA_HOME=$home
    PATH="$JAVA_HOME/bin:$PATH"
    export JAVA_HOME PATH
    say "JDK $(java_major "$JAVA_HOME/bin/java") at $JAVA_HOME"
}

# Maven itself (after ensure_jdk, so it runs on that JDK).
ensure_maven() {
    command -v mvn >/dev/null 2>&1 || apt_install maven
    # Maven 3.8's bundled Guava uses sun.misc.Unsafe, which JDK 24+ warns about on every run.
    local major
    major=$(java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 24 ] && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe-memory-access* ]]; then
        export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
    fi
}

# ---------------------------------------------------------------------------------------
# Postgres

# Runs a command as the postgres OS user (peer auth over the local socket), from / so that
# psql doesn't complain about a working directory it cannot read.
as_postgres() {
    local cmd
    cmd="cd / && exec $(printf '%q ' "$@")"
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -s /bin/bash -c "$cmd"
    else
        sudo -u postgres /bin/bash -c "$cmd"
    fi
}

# Runs the SQL on stdin as the superuser in database postgres; prints unaligned tuples.
pg_admin_sql() {
    as_postgres psql -X -q -At -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres
}

# Prints "VERSION NAME STATUS DATADIR" of the cluster on PG_PORT, if there is one.
pg_cluster_on_port() {
    local ver name port status _owner datadir _log
    while read -r ver name port status _owner datadir _log; do
        if [ "$port" = "$PG_PORT" ]; then
            printf '%s %s %s %s\n' "$ver" "$name" "$status" "$datadir"
            return 0
        fi
    done < <(pg_lsclusters --no-header 2>/dev/null)
}

pg_ready() {
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1
}

# Waits (bounded) until Postgres accepts connections on PG_HOST:PG_PORT.
pg_wait_ready() {
    local i
    for ((i = 0; i < 120; i++)); do
        pg_ready && return 0
        sleep 0.5
    done
    return 1
}

# A postmaster.pid left by a server that was killed (say, at the end of a session) names a
# pid that may since have been reused by an unrelated process, which stops Postgres from
# starting. Removes such a file when its pid is not a running postgres.
pg_clear_stale_pidfile() {
    local datadir=$1 pid comm
    [ -f "$datadir/postmaster.pid" ] || return 0
    pid=$(head -n 1 "$datadir/postmaster.pid" 2>/dev/null || true)
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
    case "$comm" in
        postgres | postmaster) return 0 ;;
    esac
    say "removing stale $datadir/postmaster.pid (pid $pid is not a running postgres)"
    as_root rm -f "$datadir/postmaster.pid"
}

# Makes sure Debian's Postgres is installed, a cluster on PG_PORT is running and accepting
# connections, and the postgres role logs in over TCP with password "postgres".
ensure_postgres() {
    local ver name status datadir info
    if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql/*/bin/postgres 2>/dev/null)" ]; then
        say "Postgres is not installed: installing Debian's postgresql"
        apt_install postgresql
    fi

    info=$(pg_cluster_on_port)
    if [ -z "$info" ]; then
        ver=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)
        [ -n "$ver" ] || die "Postgres server binaries not found under /usr/lib/postgresql"
        name=main
        if pg_lsclusters --no-header 2>/dev/null | awk -v v="$ver" '$1 == v && $2 == "main" { f = 1 } END { exit !f }'; then
            name=paas # a cluster "main" exists, but on another port
        fi
        say "no Postgres cluster on port $PG_PORT: pg_createcluster $ver $name --port $PG_PORT"
        as_root pg_createcluster "$ver" "$name" --port "$PG_PORT" >/dev/null || die "pg_createcluster failed"
        info=$(pg_cluster_on_port)
        [ -n "$info" ] || die "created cluster $ver/$name but pg_lsclusters doesn't show it on port $PG_PORT"
    fi
    read -r ver name status datadir <<<"$info"

    if [[ "$status" != online* ]]; then
        say "starting Postgres cluster $ver/$name (port $PG_PORT)"
        pg_clear_stale_pidfile "$datadir"
        if ! without_our_fds as_root pg_ctlcluster "$ver" "$name" start; then
            as_root tail -n 20 "/var/log/postgresql/postgresql-$ver-$name.log" >&2 2>/dev/null || true
            die "could not start Postgres cluster $ver/$name (see its log above)"
        fi
    fi
    pg_wait_ready || die "Postgres $ver/$name does not accept connections on $PG_HOST:$PG_PORT after 60 s"

    if ! pg_superuser_tcp_ok; then
        say "setting the password of Postgres role postgres (for TCP logins on $PG_HOST)"
        pg_admin_sql <<<"ALTER ROLE postgres WITH LOGIN PASSWORD '$PG_SUPERUSER_PASSWORD';" >/dev/null ||
            die "could not set the password of role postgres"
        pg_superuser_tcp_ok || die "postgres cannot log in with a password on $PG_HOST:$PG_PORT;" \
            "check /etc/postgresql/$ver/$name/pg_hba.conf has a 'host all all 127.0.0.1/32 scram-sha-256' line"
    fi
    say "Postgres $ver/$name is up on $PG_HOST:$PG_PORT"
}

pg_superuser_tcp_ok() {
    PGPASSWORD=$PG_SUPERUSER_PASSWORD PGCONNECT_TIMEOUT=5 psql -X -q -At -h "$PG_HOST" -p "$PG_PORT" \
        -U postgres -d postgres -c 'select 1' </dev/null >/dev/null 2>&1
}

# Creates a login role with that password, and a database it owns, if they are missing.
# Names are plain identifiers ([a-z_][a-z0-9_]*), so no quoting is needed.
ensure_pg_database() {
    local db=$1 user=$2 password=$3
    [[ "$db" =~ ^[a-z_][a-z0-9_]*$ && "$user" =~ ^[a-z_][a-z0-9_]*$ ]] || die "bad database or role name: $db / $user"
    [[ "$password" != *"'"* ]] || die "the database password must not contain a single quote"
    if [ "$(pg_admin_sql <<<"SELECT 1 FROM pg_roles WHERE rolname = '$user';")" != 1 ]; then
        say "creating Postgres role $user"
        pg_admin_sql <<<"CREATE ROLE $user LOGIN PASSWORD '$password';" >/dev/null || die "could not create role $user"
    fi
    if [ "$(pg_admin_sql <<<"SELECT 1 FROM pg_database WHERE datname = '$db';")" != 1 ]; then
        say "creating Postgres database $db owned by $user"
        pg_admin_sql <<<"CREATE DATABASE $db OWNER $user;" >/dev/null || die "could not create database $db"
    fi
}

# ---------------------------------------------------------------------------------------
# Docker

# The Docker engine from Debian's docker.io (API 1.41): installed when missing, started when not
# answering. /usr/bin/docker is Debian's client; another docker on PATH may be too new for it.
DOCKER=/usr/bin/docker
ensure_docker() {
    if ! command -v dockerd >/dev/null 2>&1 || [ ! -x "$DOCKER" ]; then
        apt_install docker.io
    fi
    if "$DOCKER" info >/dev/null 2>&1; then
        return 0
    fi
    say "starting dockerd"
    as_root mkdir -p /var/log
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    daemon "${sudo[@]}" "$(command -v dockerd)" >/var/log/paas-dockerd.log 2>&1
    local i
    for i in $(seq 1 120); do
        if "$DOCKER" info >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.5
    done
    die "dockerd did not answer within 60 s; see /var/log/paas-dockerd.log"
}

# The stack images. No registry can be assumed, so when the engine lacks one (or has one from an
# older package list) it is built from Debian packages: mmdebstrap makes the root filesystem,
# docker import makes it an image, labelled with STACK_VERSION.
# - PAAS_STACK_IMAGE runs apps: the runtimes the built-in buildpacks need (python3, nodejs, a JRE).
# - PAAS_BUILD_IMAGE runs buildpacks in throwaway build containers: the same plus the tools that
#   fetch and compile (npm, pip and venv, a JDK with Maven, git, curl). Apps compiled there into
#   /app run unchanged on the stack image, since both have the runtimes at the same paths.
# Bump STACK_VERSION when a package list changes, so existing images are rebuilt.
STACK_VERSION=3
# postgresql-client and redis-tools: pg:psql and redis-cli run as one-offs of the app (add-ons)
STACK_PACKAGES=ca-certificates,python3,nodejs,default-jre-headless,postgresql-client,redis-tools
BUILD_PACKAGES=$STACK_PACKAGES,npm,python3-pip,python3-venv,default-jdk-headless,maven,git,curl
PAAS_STACK_IMAGE=${PAAS_STACK_IMAGE:-paas/stack:bookworm}
PAAS_BUILD_IMAGE=${PAAS_BUILD_IMAGE:-paas/build:bookworm}
export PAAS_STACK_IMAGE PAAS_BUILD_IMAGE

# Debian's chromium and its chromedriver: the dashboard's browser test drives them (nothing is downloaded).
ensure_chromium() {
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        return
    fi
    apt_install chromium chromium-driver
}

ensure_stack_image() {
    debian_image "$PAAS_STACK_IMAGE" "$STACK_PACKAGES"
}

ensure_build_image() {
    debian_image "$PAAS_BUILD_IMAGE" "$BUILD_PACKAGES"
}

# debian_image IMAGE PACKAGES: builds IMAGE (minbase bookworm plus the comma-separated PACKAGES)
# unless the engine has it with the current STACK_VERSION label.
debian_image() {
    local image=$1 packages=$2 tar
    if [ "$("$DOCKER" image inspect -f '{{index .Config.Labels "dev.paas.stack"}}' "$image" 2>/dev/null)" \
        = "$STACK_VERSION" ]; then
        return 0
    fi
    command -v mmdebstrap >/dev/null 2>&1 || apt_install mmdebstrap
    tar=$(mktemp --suffix=.tar)
    say "building image $image from Debian packages (mmdebstrap: $packages)"
    as_root mmdebstrap --quiet --variant=minbase --include="$packages" bookworm "$tar" \
        || { rm -f "$tar"; die "mmdebstrap failed"; }
    "$DOCKER" import --change 'ENV LANG=C.UTF-8' --change 'WORKDIR /' \
        --change "LABEL dev.paas.stack=$STACK_VERSION" "$tar" "$image" >/dev/null \
        || { rm -f "$tar"; die "docker import failed"; }
    rm -f "$tar"
}

# ---------------------------------------------------------------------------------------
# HTTP

# Prints the HTTP status of GET http://HOST:PORT/PATH (HOST 127.0.0.1 unless given), or 000 when nothing answers.
http_status() {
    local port=$1 path=$2 host=${3:-127.0.0.1}
    if command -v curl >/dev/null 2>&1; then
        curl -s -o /dev/null -m 3 -w '%{http_code}' "http://$host:$port$path" 2>/dev/null || true
    else
        # shellcheck disable=SC2016 # expanded by the inner bash
        timeout 3 bash -c 'exec 3<>"/dev/tcp/$2/$0" || exit 1
            printf "GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n" "$1" "$2" >&3
            read -r _ code _ <&3 && printf %s "$code"' "$port" "$path" "$host" 2>/dev/null || printf 000
    fi
}

# Containers must not reach the platform's own ports on this host, whatever address a component
# binds (loopback by default; a multi-host install binds one its agents reach). Traffic that
# enters from a Docker bridge (docker0, and br-* of per-app networks) to those TCP ports is
# rejected, in a chain of our own jumped to first from INPUT. Each platform's rules carry a tag
# of its run directory, so that platforms on other ports of this host (tests run their own) keep
# theirs, and one platform's rules follow its ports: `up` drops the ports it no longer uses,
# `down` drops them all. The database's port keeps a shared rule: Postgres outlives `down`.
FIREWALL_CHAIN=PAAS-PLATFORM

firewall_tag() {
    printf 'paas-%s' "$(printf %s "$RUN_DIR" | sha1sum | cut -c1-12)"
}

# The ports this host's firewall rejects from containers under TAG.
firewall_ports() {
    as_root iptables -w -S "$FIREWALL_CHAIN" 2>/dev/null |
        awk -v tag="$1" '{ d = ""; t = 0
            for (i = 1; i < NF; i++) { if ($i == "--dport") d = $(i + 1); if ($i == "--comment" && $(i + 1) == tag) t = 1 }
            if (t && d != "") print d }'
}

firewall_rule() { # -A|-C|-D TAG PORT
    as_root iptables -w "$1" "$FIREWALL_CHAIN" -p tcp --dport "$3" -m comment --comment "$2" \
        -j REJECT --reject-with tcp-reset
}

# ensure_firewall PORT...   (the platform's own component ports, rejected under this run's tag)
ensure_firewall() {
    local tag port iface
    if ! command -v iptables >/dev/null 2>&1; then
        warn "iptables not found: containers are kept off the platform's ports only by loopback binds"
        return 0
    fi
    tag=$(firewall_tag)
    as_root iptables -w -N "$FIREWALL_CHAIN" 2>/dev/null || true
    for port in $(firewall_ports "$tag"); do
        case " $* " in *" $port "*) ;; *) firewall_rule -D "$tag" "$port" 2>/dev/null || true ;; esac
    done
    for port in "$@"; do
        firewall_rule -C "$tag" "$port" 2>/dev/null || firewall_rule -A "$tag" "$port"
    done
    firewall_rule -C paas-database "$PG_PORT" 2>/dev/null || firewall_rule -A paas-database "$PG_PORT"
    for iface in docker0 br-+; do
        as_root iptables -w -C INPUT -i "$iface" -j "$FIREWALL_CHAIN" 2>/dev/null ||
            as_root iptables -w -I INPUT 1 -i "$iface" -j "$FIREWALL_CHAIN"
    done
}

# Drops this run's rules: its components are stopped, their ports free for anything else.
drop_firewall() {
    local tag port
    command -v iptables >/dev/null 2>&1 || return 0
    tag=$(firewall_tag)
    for port in $(firewall_ports "$tag"); do
        firewall_rule -D "$tag" "$port" 2>/dev/null || true
    done
}

# True when something listens on 127.0.0.1:PORT.
port_in_use() {
    # shellcheck disable=SC2016 # expanded by the inner bash
    timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$1" 2>/dev/null
}

# shellcheck source-path=SCRIPTDIR
source "$ROOT/bin/images.sh"

# Removes the app images that builders of tests made in the temp directory and left behind: those labelled
# with a builder's data dir (dev.paas.builder.owner) under ${TMPDIR:-/tmp} that no longer exists. A test's
# builder is gone with its directory; about a hundred images a full run would otherwise keep for good.
# Images of a builder whose directory is still there, or outside the temp directory, are never touched.
remove_leftover_test_images() {
    local tmp=${TMPDIR:-/tmp} ids id owner gone=()
    ids=$("$DOCKER" images -q --no-trunc --filter label=dev.paas.builder.owner 2>/dev/null | sort -u) || return 0
    [ -n "$ids" ] || return 0
    while read -r id owner; do
        if [[ "$owner" == "${tmp%/}/"* && ! -e "$owner" ]]; then
            gone+=("$id")
        fi
    done < <(xargs "$DOCKER" image inspect --format '{{.Id}} {{index .Config.Labels "dev.paas.builder.owner"}}' \
        <<<"$ids" 2>/dev/null)
    [ ${#gone[@]} -gt 0 ] || return 0
    say "removing ${#gone[@]} app images left by tests' builders"
    printf '%s\n' "${gone[@]}" | xargs "$DOCKER" rmi -f >/dev/null 2>&1 || warn "some test images could not be removed"
}

# ---------------------------------------------------------------------------------------
# The image registry (bin/registry.sh runs it)

# Debian's docker-registry (Distribution 2.8) and htpasswd (bcrypt hashes for its auth). On a systemd host the
# package starts its own service on port 5000 (the API's): that one is stopped and disabled, ours runs instead.
ensure_registry_package() {
    if [ ! -x /usr/bin/docker-registry ] || ! command -v htpasswd >/dev/null 2>&1; then
        apt_install docker-registry apache2-utils
        if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
            as_root systemctl disable --now docker-registry >/dev/null 2>&1 || true
        fi
    fi
}
