package dev.paas.cli.hosts;

import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "hosts:undrain", description = "Let a draining host take processes again, or admit a removed one again.")
public final class HostsUndrainCommand implements Callable<Integer> {
    private final Session session;
    @Parameters(paramLabel = "NAME", description = "the host's name, as `paas hosts` lists it")
    String name;

    HostsUndrainCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        session.action("Undraining host " + name);
        var host = session.client().undrainHost(name);
        session.done(", " + host.state().wire());
        return 0;
    }
}
