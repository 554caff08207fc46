package dev.paas.cli.authorizations;

import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "authorizations:revoke", aliases = "authorizations:destroy",
        description = "Revoke an API token: it stops working at once, everywhere.")
public final class AuthorizationsRevokeCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(index = "0", paramLabel = "ID", description = "the authorization's id (see `paas authorizations`)")
    String id;

    AuthorizationsRevokeCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var client = session.client();
        session.action("Revoking OAuth Authorization " + id);
        client.revokeAuthorization(id);
        session.done("");
        return 0;
    }
}
