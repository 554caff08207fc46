# Shared by the built-in buildpacks. Source it.

# Exports the app's config vars from ENV_DIR (one file per var) into this build's environment,
# except a few that would break the build tools themselves.
export_env_dir() {
    local env_dir=$1 file name
    [ -d "$env_dir" ] || return 0
    for file in "$env_dir"/*; do
        [ -f "$file" ] || continue
        name=$(basename "$file")
        case "$name" in
            PATH | HOME | LD_LIBRARY_PATH | LD_PRELOAD | IFS | GIT_DIR | CPATH | LIBRARY_PATH | JAVA_OPTS | JAVA_TOOL_OPTIONS | BUILDPACK_URL) continue ;;
        esac
        [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
        export "$name=$(<"$file")"
    done
}

indent() {
    sed -u 's/^/       /'
}

# A key for a cache made from these files' contents (missing files count as empty).
files_digest() {
    local file
    for file in "$@"; do
        [ ! -f "$file" ] || cat "$file"
    done | sha256sum | cut -d' ' -f1
}
