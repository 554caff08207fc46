package dev.paas.cli.authorizations;

import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "authorizations:create", description = "Create an API token; it is shown once.")
public final class AuthorizationsCreateCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    JsonOption json;

    @Option(names = {"-d", "--description"}, description = "what the token is for")
    String description;

    @Option(names = {"-e", "--expires-in"}, description = "seconds until the token expires (default: never)")
    Long expiresIn;

    @Option(names = {"-S", "--short"}, description = "print only the token")
    boolean shortOutput;

    AuthorizationsCreateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var client = session.client();
        if (!shortOutput && !json.json) {
            session.action("Creating OAuth Authorization");
        }
        var created = client.createAuthorization(description, expiresIn);
        if (json.json) {
            session.printJson(created);
        } else if (shortOutput) {
            session.out().println(created.accessToken().token());
        } else {
            session.done("");
            session.out().println();
            session.out().print(AuthorizationFormat.details(created));
        }
        return 0;
    }
}
