package dev.paas.cli.auth;

import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "logout", description = "Remove the stored token from ~/.netrc.")
public final class LogoutCommand implements Callable<Integer> {
    private final Session session;

    LogoutCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var netrc = session.netrc();
        netrc.remove(session.config().apiUrl().getHost());
        var git = session.config().gitUrl();
        if (git != null && git.getHost() != null) {
            netrc.remove(git.getHost());
        }
        session.err().println("Logging out... done");
        return 0;
    }
}
