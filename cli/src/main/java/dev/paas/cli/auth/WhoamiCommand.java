package dev.paas.cli.auth;

import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "auth:whoami", description = "Show the email of the logged-in user.")
public final class WhoamiCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    JsonOption json;

    WhoamiCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var account = session.client().account();
        if (json.json) {
            session.printJson(account);
        } else {
            session.out().println(account.email());
        }
        return 0;
    }
}
