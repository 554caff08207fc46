# shellcheck shell=bash
# Base images for docker-compose.yml where no registry can be reached, built from Debian
# packages. Sourced by bin/lib.sh. Their names are config (PAAS_JAVA_BASE_IMAGE,
# PAAS_POSTGRES_IMAGE): with a registry, use eclipse-temurin:21-jre and postgres:16 instead.

PAAS_JAVA_BASE_IMAGE=${PAAS_JAVA_BASE_IMAGE:-paas/jre:local}
PAAS_POSTGRES_IMAGE=${PAAS_POSTGRES_IMAGE:-paas/postgres:15}
# Add-on images (heroku-redis); add-on Postgres runs on PAAS_POSTGRES_IMAGE. The agent takes them
# as PAAS_ADDON_POSTGRES_IMAGE / PAAS_ADDON_REDIS_IMAGE.
PAAS_REDIS_IMAGE=${PAAS_REDIS_IMAGE:-paas/redis:7}
export PAAS_JAVA_BASE_IMAGE PAAS_POSTGRES_IMAGE PAAS_REDIS_IMAGE

# A Java runtime at /opt/java/openjdk (the Temurin images' layout) on the stack image: jlink
# makes it from the JDK that builds the platform.
ensure_java_base_image() {
    "$DOCKER" image inspect "$PAAS_JAVA_BASE_IMAGE" >/dev/null 2>&1 && return 0
    ensure_stack_image
    local dir
    dir=$(mktemp -d)
    say "building $PAAS_JAVA_BASE_IMAGE: jlink from $JAVA_HOME on $PAAS_STACK_IMAGE"
    local modules
    modules=$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' | grep -E '^(java|jdk)\.' | grep -v -E '^jdk\.(jlink|jpackage)$' | paste -sd, -)
    "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
        --output "$dir/openjdk" || { rm -rf "$dir"; die "jlink failed"; }
    printf 'FROM %s\nCOPY openjdk /opt/java/openjdk\nENV PATH=/opt/java/openjdk/bin:$PATH\n' \
        "$PAAS_STACK_IMAGE" >"$dir/Dockerfile"
    "$DOCKER" build -q -t "$PAAS_JAVA_BASE_IMAGE" "$dir" >/dev/null || { rm -rf "$dir"; die "docker build failed"; }
    rm -rf "$dir"
}

# Postgres 15 from Debian's packages, with an entry point that honours the official image's env.
ensure_postgres_image() {
    "$DOCKER" image inspect "$PAAS_POSTGRES_IMAGE" >/dev/null 2>&1 && return 0
    command -v mmdebstrap >/dev/null 2>&1 || apt_install mmdebstrap
    local tar
    tar=$(mktemp --suffix=.tar)
    say "building $PAAS_POSTGRES_IMAGE from Debian packages (mmdebstrap)"
    as_root mmdebstrap --quiet --variant=minbase --include=postgresql-15 \
        --customize-hook="copy-in $ROOT/docker/postgres-entrypoint.sh /usr/local/bin" \
        --customize-hook='chroot "$1" sh -c "mkdir -p /var/lib/postgresql/data && chown -R postgres:postgres /var/lib/postgresql"' \
        bookworm "$tar" || { rm -f "$tar"; die "mmdebstrap failed"; }
    "$DOCKER" import --change 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/bin:/usr/bin:/bin' \
        --change 'ENV PGDATA=/var/lib/postgresql/data' --change 'USER postgres' \
        --change 'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]' --change 'EXPOSE 5432' \
        "$tar" "$PAAS_POSTGRES_IMAGE" >/dev/null || { rm -f "$tar"; die "docker import failed"; }
    rm -f "$tar"
}

# Redis 7 from Debian's packages, running as the redis user with its data in /data (a volume).
# Its command line (password, persistence) is the agent's to give.
ensure_redis_image() {
    "$DOCKER" image inspect "$PAAS_REDIS_IMAGE" >/dev/null 2>&1 && return 0
    command -v mmdebstrap >/dev/null 2>&1 || apt_install mmdebstrap
    local tar
    tar=$(mktemp --suffix=.tar)
    say "building $PAAS_REDIS_IMAGE from Debian packages (mmdebstrap)"
    as_root mmdebstrap --quiet --variant=minbase --include=redis-server,redis-tools \
        --customize-hook='chroot "$1" sh -c "mkdir -p /data && chown redis:redis /data"' \
        bookworm "$tar" || { rm -f "$tar"; die "mmdebstrap failed"; }
    "$DOCKER" import --change 'USER redis' --change 'WORKDIR /data' --change 'EXPOSE 6379' \
        --change 'CMD ["redis-server", "--dir", "/data"]' \
        "$tar" "$PAAS_REDIS_IMAGE" >/dev/null || { rm -f "$tar"; die "docker import failed"; }
    rm -f "$tar"
}

# docker-compose (Debian's package) for checking and running docker-compose.yml.
ensure_compose() {
    command -v docker-compose >/dev/null 2>&1 || apt_install docker-compose
}

# A bare Debian host for tests of several hosts (e2e MultiHostTest, bench/run-hosts): each runs as a
# privileged container with its own network namespace and Docker engine, and joins the platform
# with `bin/platform join`. The engine comes from Debian's docker.io, as on a real host.
PAAS_HOST_IMAGE=${PAAS_HOST_IMAGE:-paas/host:bookworm}
HOST_PACKAGES=docker.io,iptables,iproute2,ca-certificates,curl,git,procps,util-linux
export PAAS_HOST_IMAGE

ensure_host_image() {
    debian_image "$PAAS_HOST_IMAGE" "$HOST_PACKAGES"
}
