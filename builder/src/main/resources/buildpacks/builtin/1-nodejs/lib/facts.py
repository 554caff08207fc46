"""What the Node.js buildpack's bin/compile asks before it installs anything, from one start of python3 -I -S (a
few hundredths of a second; node's own start costs a few tenths, npm's half a second). Run in the app's directory:

    python3 -I -S facts.py NODE NPM CACHE_FILE

prints two lines: node's version, npm's version ("-" when npm's package.json is not where npm's own files keep it),
whether package.json leaves npm anything to install (yes/no: any dependency, workspaces, an install-time script),
whether it has a build script (yes/no); then the web command as a JSON string (npm start's script, else
`node server.js` when there is one), or an empty line. package.json is read as npm reads it, JavaScript's truthiness
included. Node's version is asked of node once per node binary (its path, size and time) and kept in CACHE_FILE.
-I keeps the app's config (PYTHONPATH, say) and its files (a json.py of its own) out of this interpreter.
"""
import json
import os
import sys

DEPENDENCY_KEYS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies",
                   "bundleDependencies", "bundledDependencies", "workspaces")
INSTALL_SCRIPTS = ("preinstall", "install", "postinstall", "prepare")


def truthy(value):
    """JavaScript's truthiness: false, 0, NaN, "" and null are false; every object and array is true."""
    if value is None or value is False or value == "":
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value == value and value != 0
    return True


def non_empty_object(value):
    return isinstance(value, (dict, list)) and len(value) > 0


def read_json(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


def package_facts():
    """(install, build, start) as package.json in this directory says; install "yes" (npm decides) when it cannot be
    read, or is nested deeper than this parser goes."""
    install, build, start = "yes", "no", ""
    try:
        package = read_json("package.json")
    except (OSError, ValueError, RecursionError):
        package = None
    if package is not None:
        fields = package if isinstance(package, dict) else {}
        scripts = fields.get("scripts")
        scripts = scripts if isinstance(scripts, dict) else {}
        deps = any(non_empty_object(fields.get(k)) for k in DEPENDENCY_KEYS)
        if not deps and not any(truthy(scripts.get(k)) for k in INSTALL_SCRIPTS):
            install = "no"
        if truthy(scripts.get("build")):
            build = "yes"
        if truthy(scripts.get("start")):
            start = json.dumps(scripts["start"], ensure_ascii=False)
    if not start and os.path.exists("server.js"):
        start = json.dumps("node server.js")
    return install, build, start


def npm_version(npm):
    """npm's version from its own package.json (bin/npm-cli.js's grandparent directory), "-" when it is not there."""
    if not npm:
        return "-"
    try:
        version = read_json(os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(npm))), "package.json"))
        return str(version["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return "-"


def node_version(node, cache_file):
    if not node:
        sys.exit(" !     node is not in the build image: the Node.js buildpack needs it on the PATH")
    real = os.path.realpath(node)
    stat = os.stat(real)
    key = "%s %d %d" % (real, stat.st_size, stat.st_mtime_ns)
    try:
        with open(cache_file, encoding="utf-8") as f:
            kept_key, kept_version = (f.read().split("\n") + ["", ""])[:2]
        if kept_key == key and kept_version.startswith("v") and " " not in kept_version:
            return kept_version
    except OSError:
        pass
    import subprocess
    version = subprocess.run([node, "--version"], check=True, capture_output=True, text=True).stdout.strip()
    try:
        with open(cache_file, "w", encoding="utf-8") as f:
            f.write(key + "\n" + version + "\n")
    except OSError:
        pass
    return version


def main(node, npm, cache_file):
    install, build, start = package_facts()
    print(" ".join((node_version(node, cache_file), npm_version(npm), install, build)))
    print(start)


if __name__ == "__main__":
    main(*sys.argv[1:4])
