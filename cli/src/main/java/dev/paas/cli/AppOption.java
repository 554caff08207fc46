package dev.paas.cli;

import picocli.CommandLine.Option;

/** {@code -a/--app NAME}; without it, the app of the {@code paas} git remote in the current directory. */
public final class AppOption {
    @Option(names = {"-a", "--app"}, paramLabel = "APP", description = "app to run the command against")
    String app;

    public String resolve(Session session) {
        if (app != null && !app.isBlank()) {
            return app;
        }
        return GitRemote.app(session.config().workDir()).orElseThrow(() -> new UserError(
                "No app specified. Use -a APP or run inside a git repo with a `paas` remote."));
    }
}
