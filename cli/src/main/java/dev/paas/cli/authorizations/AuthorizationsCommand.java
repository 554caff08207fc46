package dev.paas.cli.authorizations;

import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "authorizations", aliases = "authorizations:list", description = "List your API tokens.")
public final class AuthorizationsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    JsonOption json;

    AuthorizationsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var authorizations = session.client().authorizations();
        if (json.json) {
            session.printJson(authorizations);
            return 0;
        }
        if (authorizations.isEmpty()) {
            session.out().println("No OAuth authorizations.");
            return 0;
        }
        for (var a : authorizations) {
            session.out().println(String.format("%-40s %s  %-8s %s", a.description().isEmpty() ? "(no description)"
                    : a.description(), a.id(), String.join(",", a.scope()),
                    AuthorizationFormat.expiresIn(a.accessToken().expiresIn())));
        }
        return 0;
    }
}
