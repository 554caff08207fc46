package dev.paas.cli.authorizations;

import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "authorizations:info", description = "Show one of your API tokens (not the token itself).")
public final class AuthorizationsInfoCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "ID", description = "the authorization's id (see `paas authorizations`)")
    String id;

    AuthorizationsInfoCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var authorization = session.client().authorization(id);
        if (json.json) {
            session.printJson(authorization);
        } else {
            session.out().print(AuthorizationFormat.details(authorization));
        }
        return 0;
    }
}
