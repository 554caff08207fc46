package dev.paas.cli.hosts;

import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "hosts:remove", description = "Remove a drained or lost host that runs nothing; its agent runs nothing until undrained.")
public final class HostsRemoveCommand implements Callable<Integer> {
    private final Session session;
    @Parameters(paramLabel = "NAME", description = "the host's name, as `paas hosts` lists it")
    String name;

    HostsRemoveCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        session.action("Removing host " + name);
        var host = session.client().removeHost(name);
        session.done(", " + host.state().wire());
        return 0;
    }
}
