package dev.paas.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print the API's JSON instead of the human-readable form. */
public final class JsonOption {
    @Option(names = "--json", description = "output JSON")
    public boolean json;
}
