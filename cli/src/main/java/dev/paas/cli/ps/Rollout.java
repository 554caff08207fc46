package dev.paas.cli.ps;

import dev.paas.client.ProcessState;
import dev.paas.client.Wire;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Says why a process runs an older release: during a deploy the old process keeps serving until
 * the new one is up, and a new release that never comes up leaves the old one in place.
 */
final class Rollout {
    private Rollout() {
    }

    static List<String> notes(List<Wire.Dyno> dynos, String app) {
        var bySlot = dynos.stream().collect(Collectors.groupingBy(Wire.Dyno::name, LinkedHashMap::new,
                Collectors.toList()));
        var notes = new ArrayList<String>();
        bySlot.forEach((slot, inSlot) -> {
            var newest = inSlot.stream().max(Comparator.comparingInt(Wire.Dyno::release)).orElseThrow();
            var serving = inSlot.stream().filter(d -> d.release() < newest.release() && d.state() == ProcessState.UP)
                    .max(Comparator.comparingInt(Wire.Dyno::release));
            if (serving.isEmpty() || newest.state() == ProcessState.UP) {
                return;
            }
            String why = switch (newest.state()) {
                case CRASHED -> "v" + newest.release() + " crashed"
                        + (newest.exitCode() == null ? "" : " with exit status " + newest.exitCode())
                        + (newest.reason() != null ? " (" + newest.reason() + ")"
                        : newest.exitCode() != null && newest.exitCode() == 137
                        ? " (killed: out of memory or not listening on $PORT within the boot timeout, R10)" : "")
                        + ", so v" + serving.get().release() + " keeps serving";
                default -> "v" + newest.release() + " is " + newest.state() + "; v" + serving.get().release()
                        + " serves until it is up";
            };
            notes.add("  " + slot + ": " + why + ". See `paas logs -a " + app + " --dyno " + slot + "`.");
        });
        return notes;
    }
}
