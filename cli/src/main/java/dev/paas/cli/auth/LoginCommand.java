package dev.paas.cli.auth;

import dev.paas.cli.Netrc;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", description = "Log in with an API token; stores it in ~/.netrc for the API (and git) host.")
public final class LoginCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = "--token", description = "the API token (else PAAS_API_KEY, else read from standard input)")
    String token;

    LoginCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        String given = token != null ? token : session.config().apiKey();
        if (given == null) {
            given = session.readLine("Token: ");
        }
        if (given == null || given.isBlank()) {
            throw new UserError("No token given. Pass --token TOKEN (an admin creates one with create-user).");
        }
        String t = given.trim();
        var account = session.client(t).account();
        var netrc = session.netrc();
        netrc.put(new Netrc.Entry(session.config().apiUrl().getHost(), account.email(), t));
        var git = session.config().gitUrl();
        if (git != null && git.getHost() != null && !git.getHost().equals(session.config().apiUrl().getHost())) {
            netrc.put(new Netrc.Entry(git.getHost(), account.email(), t));
        }
        session.out().println("Logged in as " + account.email());
        return 0;
    }
}
