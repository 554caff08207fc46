package dev.paas.cli.auth;

import dev.paas.cli.Netrc;
import dev.paas.cli.Session;
import dev.paas.cli.UserError;
import dev.paas.client.ApiException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "logout", description = "Revoke the stored token on the platform and remove it from ~/.netrc.")
public final class LogoutCommand implements Callable<Integer> {
    private final Session session;

    LogoutCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var netrc = session.netrc();
        String apiHost = session.config().apiUrl().getHost();
        Optional<String> token = netrc.find(apiHost).map(Netrc.Entry::password);
        session.action("Logging out");
        // The file is cleaned whatever the server says: a token that cannot be revoked now is at
        // least no longer lying around; the error below says how to revoke it later.
        String failure = token.map(this::revoke).orElse(null);
        netrc.remove(apiHost);
        var git = session.config().gitUrl();
        if (git != null && git.getHost() != null) {
            netrc.remove(git.getHost());
        }
        if (failure != null) {
            throw new UserError("The token was removed from ~/.netrc but could not be revoked on the platform ("
                    + failure + "). Revoke it with `paas authorizations:revoke ID` once logged in again.");
        }
        session.done("");
        return 0;
    }

    /** Null when revoked (or already unusable); otherwise why not. */
    private String revoke(String token) {
        try {
            session.client(token).revokeAuthorization("~");
            return null;
        } catch (ApiException e) {
            return e.status() == 401 ? null : e.getMessage();
        } catch (UncheckedIOException e) {
            return e.getMessage();
        }
    }
}
