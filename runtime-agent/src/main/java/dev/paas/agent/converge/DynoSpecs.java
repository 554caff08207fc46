package dev.paas.agent.converge;

import dev.paas.agent.container.ContainerSpec;
import dev.paas.agent.reconcile.DesiredInstance;
import dev.paas.client.DynoSize;
import java.util.HashMap;
import java.util.UUID;

/** How a desired instance runs on this agent: its container's spec and its app's network. */
final class DynoSpecs {
    private final String agent;
    private final String hostIp;
    private final String user;

    DynoSpecs(String agent, String hostIp, String user) {
        this.agent = agent;
        this.hostIp = hostIp;
        this.user = user;
    }

    /** The app's own network on this agent: apps reach each other only through the router. */
    String network(String app) {
        return "paas-" + agent + "-" + app;
    }

    /** The release's config plus Heroku's PORT, DYNO and PS; limits by size. */
    ContainerSpec spec(DesiredInstance d) {
        var env = new HashMap<>(d.env());
        env.put("DYNO", d.key().dyno());
        env.put("PS", d.key().dyno());
        boolean web = d.key().web();
        if (web) {
            env.put("PORT", String.valueOf(Observer.CONTAINER_PORT));
        }
        DynoSize size = DynoSize.of(d.size()).orElse(DynoSize.DEFAULT);
        String name = "paas-" + d.key().app() + "-" + d.key().type() + "." + d.key().index() + "-v" + d.release()
                + "-" + UUID.randomUUID().toString().substring(0, 6);
        return new ContainerSpec(name, d.image(), d.command(), env,
                Labels.of(agent, d.key(), d.release(), d.generation(), size.wireName()), size.memoryMb(), size.pids(),
                user, hostIp, web ? Observer.CONTAINER_PORT : null, network(d.key().app()));
    }
}
