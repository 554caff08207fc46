package dev.paas.cli.hosts;

import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "hosts:drain", description = "Take nothing new on a host and move its processes elsewhere (web ones start before they stop).")
public final class HostsDrainCommand implements Callable<Integer> {
    private final Session session;
    @Parameters(paramLabel = "NAME", description = "the host's name, as `paas hosts` lists it")
    String name;

    HostsDrainCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        session.action("Draining host " + name);
        var host = session.client().drainHost(name);
        session.done(", " + host.state().wire());
        return 0;
    }
}
