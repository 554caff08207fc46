package dev.paas.builder.build;

import dev.paas.client.ProcessTypes;
import dev.paas.client.ProcessState;
import dev.paas.client.Wire;
import java.util.Comparator;
import java.util.List;

/**
 * Where the web processes of a new release stand after a deploy, pure so that it is tested with tables of cases.
 * The route table is the truth for "serving": a process the routers would send requests to.
 */
final class BootCheck {
    private BootCheck() {
    }

    enum Kind {
        /** Not up yet, nothing wrong seen: look again. */
        BOOTING,
        /** A web process of the release (or a newer one) is in the route table. */
        UP,
        /** A web process of the release crashed (exited, or missed its boot timeout). */
        CRASHED,
        /** Every web slot of the release waits for an agent with room: nothing will boot until one has it. */
        NO_ROOM,
        /** A newer release came meanwhile (another push, a rollback): that one is the one to watch. */
        SUPERSEDED
    }

    /** {@code dyno}: the process the verdict is about (null for BOOTING with nothing listed, and for UP). */
    record Verdict(Kind kind, Wire.Dyno dyno) {
    }

    /** {@code route}: the app's entry in the route table, null when it has none. */
    static Verdict judge(int version, Wire.AppRoute route, List<Wire.Dyno> dynos) {
        if (route != null && route.backends().stream().anyMatch(b -> b.release() >= version)) {
            return new Verdict(Kind.UP, null);
        }
        var web = dynos.stream().filter(d -> ProcessTypes.isWeb(d.type())).toList();
        var newer = web.stream().filter(d -> d.release() > version).findFirst();
        if (newer.isPresent()) {
            return new Verdict(Kind.SUPERSEDED, newer.get());
        }
        var ours = web.stream().filter(d -> d.release() == version)
                .sorted(Comparator.comparing(Wire.Dyno::name)).toList();
        var crashed = ours.stream().filter(d -> d.state() == ProcessState.CRASHED).findFirst();
        if (crashed.isPresent()) {
            return new Verdict(Kind.CRASHED, crashed.get());
        }
        if (!ours.isEmpty() && ours.stream().allMatch(d -> d.state() == ProcessState.WAITING)) {
            return new Verdict(Kind.NO_ROOM, ours.getFirst());
        }
        return new Verdict(Kind.BOOTING, ours.isEmpty() ? null : ours.getFirst());
    }
}
