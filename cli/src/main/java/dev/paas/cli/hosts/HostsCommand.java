package dev.paas.cli.hosts;

import dev.paas.cli.Format;
import dev.paas.cli.JsonOption;
import dev.paas.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "hosts", description = "List the platform's hosts (operators only): state, memory and processes.")
public final class HostsCommand implements Callable<Integer> {
    private final Session session;
    @Mixin
    JsonOption json;

    HostsCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        var hosts = session.client().hosts();
        if (json.json) {
            session.printJson(hosts);
            return 0;
        }
        var out = session.out();
        out.println(Format.header("Hosts"));
        int width = Math.max(4, hosts.stream().mapToInt(h -> h.name().length()).max().orElse(0));
        int address = Math.max(7, hosts.stream().mapToInt(h -> h.address().length()).max().orElse(0));
        String row = "%-" + width + "s  %-" + address + "s  %-8s  %-13s  %9s  %s";
        out.println(String.format(row, "Name", "Address", "State", "Memory (MB)", "Processes", "Last heartbeat"));
        hosts.forEach(h -> out.println(String.format(row, h.name(), h.address(), h.state(),
                h.usedMb() + "/" + h.memoryMb(), h.processes(), Format.time(h.lastHeartbeatAt()))));
        return 0;
    }
}
