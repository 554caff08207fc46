# The Node.js buildpack's web command, shared by bin/compile and bin/release. Source it in the app directory.
#
# bin/compile learns the web command with the rest of what it asks (lib/facts.py); it keeps the answer here with a
# fingerprint of what the answer comes from (package.json, and whether server.js exists) as they were then.
# bin/release uses the kept answer when the fingerprint still holds (an install or build script may have changed
# either), and otherwise asks node again: one start of node less per build, the answer unchanged.
WEB_COMMAND_ANSWER=${TMPDIR:-/tmp}/paas-nodejs-web

release_fingerprint() {
    local server=no
    [ ! -e server.js ] || server=yes
    { [ ! -f package.json ] || cat package.json; echo "server.js: $server"; } | sha256sum | cut -d' ' -f1
}

# web_command_answer FINGERPRINT COMMAND: keeps COMMAND (a JSON string, or empty for none) for bin/release.
web_command_answer() {
    printf '%s\n%s\n' "$1" "$2" >"$WEB_COMMAND_ANSWER" 2>/dev/null || true
}

# The web command as a JSON string, or nothing when there is none.
web_command() {
    local kept_fingerprint kept_command
    if [ -f "$WEB_COMMAND_ANSWER" ] && { read -r kept_fingerprint && read -r kept_command; } <"$WEB_COMMAND_ANSWER" \
        && [ "$kept_fingerprint" = "$(release_fingerprint)" ]; then
        printf '%s' "$kept_command"
        return
    fi
    node -e '
        let start;
        try { start = require("./package.json").scripts?.start; } catch (e) {}
        if (!start && require("fs").existsSync("server.js")) start = "node server.js";
        if (start) process.stdout.write(JSON.stringify(start));
    ' 2>/dev/null
}
