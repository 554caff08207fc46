# shellcheck shell=bash
# The image registry component of bin/platform (sourced by it, after its settings): Debian's docker-registry
# (Distribution 2.8) on the control host, TLS from the platform's local CA, htpasswd (bcrypt) auth. The builder
# pushes every image it builds there; agents on every host pull releases' images from it by digest.
#
#   PAAS_REGISTRY_PORT   its port (default 5005)
#   PAAS_REGISTRY_BIND   the address it listens on (default 127.0.0.1; 0.0.0.0 or this host's address when agents
#                        on other hosts pull from it)
#   PAAS_REGISTRY_HOST   the host or IP engines reach it at, in releases' image names and in its certificate
#                        (default: the bind address; for 0.0.0.0, this host's first address)
#
# Its files are under RUN_DIR/registry: config.yml, htpasswd, password (mode 600, user "paas"), data/. Its
# certificate is TLS_DIR/registry.crt. The CA goes to /etc/docker/certs.d/HOST:PORT/ca.crt for this host's engine;
# `bin/platform join` puts it there on other hosts.

REGISTRY_PORT=${PAAS_REGISTRY_PORT:-5005}
REGISTRY_BIND=${PAAS_REGISTRY_BIND:-127.0.0.1}
if [ -n "${PAAS_REGISTRY_HOST:-}" ]; then
    REGISTRY_HOST=$PAAS_REGISTRY_HOST
elif [ "$REGISTRY_BIND" = 0.0.0.0 ] || [ "$REGISTRY_BIND" = "::" ]; then
    REGISTRY_HOST=$(hostname -I 2>/dev/null | awk '{print $1}')
    REGISTRY_HOST=${REGISTRY_HOST:-127.0.0.1}
else
    REGISTRY_HOST=$REGISTRY_BIND
fi
REGISTRY_ADDRESS=$REGISTRY_HOST:$REGISTRY_PORT
REGISTRY_DIR=$RUN_DIR/registry
REGISTRY_CONFIG=$REGISTRY_DIR/config.yml
REGISTRY_USER=paas
REGISTRY_PASSWORD_FILE=$REGISTRY_DIR/password
REGISTRY_CERT=$TLS_DIR/registry.crt
REGISTRY_KEY=$TLS_DIR/registry.key
REGISTRY_BIN=/usr/bin/docker-registry

define_registry() {
    component registry name="the image registry" title="the image registry on $REGISTRY_BIND:$REGISTRY_PORT" \
        status=Registry detail="https://$REGISTRY_ADDRESS" jar="$REGISTRY_BIN" \
        cmd="$REGISTRY_BIN serve $REGISTRY_CONFIG" ready=registry_status health="$REGISTRY_PORT" \
        port="PAAS_REGISTRY_PORT=$REGISTRY_PORT" \
        stopped="releases' images stay in $(shown "$REGISTRY_DIR/data"); hosts that lack one cannot start it until up"
}

# Where the registry answers from this host: its bind address, or loopback when it binds all of them.
registry_probe_host() {
    case $REGISTRY_BIND in
        0.0.0.0 | :: | 127.*) printf 127.0.0.1 ;;
        *) printf '%s' "$REGISTRY_BIND" ;;
    esac
}

# The status of an authenticated GET /v2/ over TLS (200 once it serves); the password goes to curl on stdin.
registry_status() {
    [ -s "$REGISTRY_PASSWORD_FILE" ] || { printf 000; return 0; }
    printf 'user = "%s:%s"\n' "$REGISTRY_USER" "$(cat "$REGISTRY_PASSWORD_FILE")" |
        curl -s -o /dev/null -m 3 -w '%{http_code}' -K - --cacert "$TLS_CA" \
            "https://$(registry_probe_host):$REGISTRY_PORT/v2/" 2>/dev/null || true
}

registry_url() {
    printf 'GET https://%s:%s/v2/ (as %s)' "$(registry_probe_host)" "$REGISTRY_PORT" "$REGISTRY_USER"
}

# The IP: or DNS: entry of a subjectAltName for $1.
registry_san() {
    if [[ "$1" =~ ^[0-9.]+$ ]] || [[ "$1" == *:* ]]; then printf 'IP:%s' "$1"; else printf 'DNS:%s' "$1"; fi
}

# Its password (once), htpasswd, certificate (again when its names or the CA change, or it nears expiry), config
# file, and the CA where this host's engine looks for it. Idempotent.
ensure_registry_files() {
    ensure_registry_package
    ensure_local_ca || true
    mkdir -p "$REGISTRY_DIR/data"
    chmod 700 "$REGISTRY_DIR"
    if [ ! -s "$REGISTRY_PASSWORD_FILE" ]; then
        (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$REGISTRY_PASSWORD_FILE.tmp")
        mv -f "$REGISTRY_PASSWORD_FILE.tmp" "$REGISTRY_PASSWORD_FILE"
        say "image registry password (user $REGISTRY_USER) saved in $(shown "$REGISTRY_PASSWORD_FILE") (mode 600)"
    fi
    chmod 600 "$REGISTRY_PASSWORD_FILE"
    (umask 077 && htpasswd -niB "$REGISTRY_USER" <"$REGISTRY_PASSWORD_FILE" | sed '/^$/d' >"$REGISTRY_DIR/htpasswd.tmp") ||
        die "htpasswd could not hash the registry's password"
    mv -f "$REGISTRY_DIR/htpasswd.tmp" "$REGISTRY_DIR/htpasswd"
    local sans
    sans="IP:127.0.0.1"
    [ "$REGISTRY_HOST" = 127.0.0.1 ] || sans="$sans,$(registry_san "$REGISTRY_HOST")"
    case $REGISTRY_BIND in
        0.0.0.0 | :: | 127.0.0.1 | "$REGISTRY_HOST") ;;
        *) sans="$sans,$(registry_san "$REGISTRY_BIND")" ;;
    esac
    if [ ! -s "$REGISTRY_CERT" ] || [ ! -s "$REGISTRY_KEY" ] \
        || [ "$(cat "$TLS_DIR/registry.sans" 2>/dev/null)" != "$sans" ] \
        || ! openssl verify -CAfile "$TLS_CA" "$REGISTRY_CERT" >/dev/null 2>&1 \
        || ! openssl x509 -in "$REGISTRY_CERT" -noout -checkend 86400 >/dev/null 2>&1; then
        say "making the image registry's certificate for $sans: $(shown "$REGISTRY_CERT")"
        printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$sans" \
            >"$TLS_DIR/registry.ext"
        (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$REGISTRY_KEY" \
            && openssl req -new -key "$REGISTRY_KEY" -subj "/CN=$REGISTRY_HOST" -out "$TLS_DIR/registry.csr" \
            && openssl x509 -req -in "$TLS_DIR/registry.csr" -CA "$TLS_CA" -CAkey "$TLS_DIR/ca.key" \
                -set_serial "0x$(openssl rand -hex 16)" -days 825 -extfile "$TLS_DIR/registry.ext" \
                -out "$REGISTRY_CERT") 2>/dev/null || die "openssl could not make the registry's certificate in $TLS_DIR"
        printf '%s\n' "$sans" >"$TLS_DIR/registry.sans"
    fi
    # The secret signs upload state between requests; one instance, so any stable value does.
    [ -s "$REGISTRY_DIR/http-secret" ] || (umask 077 && head -c 24 /dev/urandom | base64 >"$REGISTRY_DIR/http-secret")
    (umask 077 && cat >"$REGISTRY_CONFIG.tmp" <<YAML
# made by bin/platform up; edits are overwritten
version: 0.1
log:
  level: info
  fields:
    service: registry
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: $REGISTRY_BIND:$REGISTRY_PORT
  secret: $(cat "$REGISTRY_DIR/http-secret")
  tls:
    certificate: $REGISTRY_CERT
    key: $REGISTRY_KEY
auth:
  htpasswd:
    realm: paas-registry
    path: $REGISTRY_DIR/htpasswd
YAML
    )
    mv -f "$REGISTRY_CONFIG.tmp" "$REGISTRY_CONFIG"
    registry_trust "$REGISTRY_ADDRESS"
    [ "$REGISTRY_HOST" = 127.0.0.1 ] || registry_trust "127.0.0.1:$REGISTRY_PORT"
}

# This host's engine trusts the CA for registry $1 (host:port); it reads certs.d on each pull, no restart.
registry_trust() {
    local dir=/etc/docker/certs.d/$1
    if ! cmp -s "$TLS_CA" "$dir/ca.crt" 2>/dev/null; then
        as_root mkdir -p "$dir"
        as_root cp "$TLS_CA" "$dir/ca.crt"
        as_root chmod 644 "$dir/ca.crt"
        say "the Docker engine trusts the platform's CA for the registry $1 ($dir/ca.crt)"
    fi
}

# `down`: the engine stops trusting our CA for the registry's addresses (entries another CA put there stay).
registry_untrust() {
    local address dir
    for address in "$REGISTRY_ADDRESS" "127.0.0.1:$REGISTRY_PORT"; do
        dir=/etc/docker/certs.d/$address
        ! cmp -s "$TLS_CA" "$dir/ca.crt" 2>/dev/null || as_root rm -rf "$dir"
    done
}

# Frees the blobs of deleted images (the builder deletes the manifests of images no release can roll back to).
# Distribution's garbage-collect is safe only with the registry stopped: a push in flight would lose its blobs.
registry_collect_garbage() {
    [ -s "$REGISTRY_CONFIG" ] && [ -d "$REGISTRY_DIR/data/docker" ] || return 0
    say "freeing the blobs of deleted images: docker-registry garbage-collect"
    "$REGISTRY_BIN" garbage-collect "$REGISTRY_CONFIG" >>"$(run_file registry log)" 2>&1 ||
        warn "docker-registry garbage-collect failed (see $(shown "$(run_file registry log)")); the registry starts anyway"
}

# bin/platform registry-gc: a short stop of the registry (pushes and pulls wait and are retried), gc, start.
cmd_registry_gc() {
    local pid
    lock
    ensure_registry_files
    pid=$(pid_of registry)
    [ -z "$pid" ] || stop_component "${C[registry.name]}" "$pid"
    rm -f "$(run_file registry pid)"
    registry_collect_garbage
    start registry
}

# Pushes the stack image into the registry once per stack image id (as paas-base/stack), so that an app image's
# push sends its own layer only: the engine mounts the stack's half gigabyte from there instead of compressing and
# uploading it with the first app's push. A failure is only a warning: the first push then uploads it.
# A registry with nothing in it yet (a new run dir) is first given a copy of an earlier seed of the same stack image
# from PAAS_CACHE_DIR, when there is one: the push then finds every layer there and uploads nothing (a fraction of a
# second, not half a minute), and this engine learns that the registry has them. An empty registry's seed is kept
# there for the next.
registry_seed() {
    local id config tagged fresh=0 copied=0
    id=$("$DOCKER" image inspect -f '{{.Id}}' "$PAAS_STACK_IMAGE" 2>/dev/null) || return 0
    [ "$(cat "$REGISTRY_DIR/seeded" 2>/dev/null)" != "$id" ] || return 0
    [ -e "$REGISTRY_DIR/data/docker" ] || fresh=1
    if [ "$fresh" = 1 ] && registry_seed_from_cache "$id"; then
        copied=1
    else
        say "pushing the stack image's layers to the registry once (app images then push their own layer only)"
    fi
    config=$(mktemp -d)
    tagged=$REGISTRY_ADDRESS/paas-base/stack:seed
    if "$DOCKER" --config "$config" login -u "$REGISTRY_USER" --password-stdin "$REGISTRY_ADDRESS" \
        <"$REGISTRY_PASSWORD_FILE" >/dev/null 2>&1 \
        && "$DOCKER" tag "$PAAS_STACK_IMAGE" "$tagged" \
        && "$DOCKER" --config "$config" push "$tagged" >>"$(run_file registry log)" 2>&1; then
        printf '%s\n' "$id" >"$REGISTRY_DIR/seeded"
        [ "$fresh" = 0 ] || [ "$copied" = 1 ] || registry_seed_keep "$id"
    else
        warn "could not push the stack image to the registry (see $(shown "$(run_file registry log)")); the first app push will"
    fi
    "$DOCKER" rmi "$tagged" >/dev/null 2>&1 || true
    rm -rf "$config"
}

# Where seeds are kept, one directory per stack image id: the registry's storage right after its seed.
SEED_CACHE=${PAAS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/paas}/registry-seed
SEED_V2=docker/registry/v2

# registry_seed_copy FROM TO: the registry storage under FROM (docker/registry/v2) as a new directory TO. Blobs are
# hard links where FROM and TO share a file system (the registry writes a blob's file once, by a rename, and never
# again; deleting one unlinks it); the repositories' small link files, which a push of a tag rewrites in place, are
# copies. TO is made whole or not at all.
registry_seed_copy() {
    local from=$1 to=$2 tmp
    [ -d "$from/$SEED_V2/blobs" ] && [ -d "$from/$SEED_V2/repositories" ] && [ ! -e "$to" ] || return 1
    tmp=$(mktemp -d "$(dirname "$to")/.seed.XXXXXX") || return 1
    mkdir -p "$tmp/$SEED_V2"
    if { cp -al "$from/$SEED_V2/blobs" "$tmp/$SEED_V2/" 2>/dev/null \
        || { rm -rf "$tmp/$SEED_V2/blobs" && cp -a "$from/$SEED_V2/blobs" "$tmp/$SEED_V2/"; }; } \
        && cp -a "$from/$SEED_V2/repositories" "$tmp/$SEED_V2/" && mv -T "$tmp" "$to" 2>/dev/null; then
        return 0
    fi
    rm -rf "$tmp"
    return 1
}

# An empty registry's storage from the kept seed of stack image $1, if there is one.
registry_seed_from_cache() {
    local kept=$SEED_CACHE/${1#sha256:} data=$REGISTRY_DIR/data
    [ -d "$kept" ] || return 1
    # data/docker appears whole: the registry, already serving, sees the stack's repository at once or not at all
    registry_seed_copy "$kept" "$data/.seed" && mv -T "$data/.seed/docker" "$data/docker" && rmdir "$data/.seed" ||
        { rm -rf "$data/.seed"; return 1; }
    say "the registry is given the stack image's layers: a copy of $(shown "$kept") (kept by an earlier up)"
}

# Keeps this registry's storage, seeded just now and holding nothing else, as the seed of stack image $1 (and only
# it: the seeds of older stack images go).
registry_seed_keep() {
    local id=${1#sha256:} entry
    (umask 077 && mkdir -p "$SEED_CACHE") || return 0
    registry_seed_copy "$REGISTRY_DIR/data" "$SEED_CACHE/$id" || return 0
    for entry in "$SEED_CACHE"/*; do
        [ "$entry" = "$SEED_CACHE/$id" ] || rm -rf "$entry"
    done
    say "kept a copy of the registry's seed in $(shown "$SEED_CACHE/$id") for run dirs to come"
}
