package dev.paas.api.dashboard;

import dev.paas.client.ProcessState;
import dev.paas.client.Wire;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What the templates show: small records built by the pages, and the formatting they share. */
public final class Views {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Views() {
    }

    /** Every page's frame: its title, who is signed in, the CSRF token its forms carry, the app and tab shown. */
    public record Frame(String title, String email, String csrf, String app, String tab) {
        public boolean signedIn() {
            return email != null;
        }

        /** {@code aria-current} of a navigation link: "page" on the tab shown, absent elsewhere. */
        public String current(String name) {
            return name.equals(tab) ? "page" : null;
        }
    }

    /** A line of the apps list. */
    public record AppLine(String name, int up, int crashed, int processes, int release, String lastDeploy) {
    }

    /** An app's header facts. */
    public record AppFacts(String name, String owner, String webUrl, String gitUrl) {
    }

    /** A process, with how long it has been in its state. */
    public record Process(String name, String state, String since, boolean crashed) {
        static Process of(Wire.Dyno d) {
            return new Process(d.name(), d.state().wire(), when(d.updatedAt()), d.state() == ProcessState.CRASHED);
        }
    }

    /** A config var; its value is shown only once asked for. */
    public record ConfigVar(String key, String value) {
    }

    public record LogLine(long id, String text) {
    }

    public static String when(OffsetDateTime time) {
        return time == null ? "never" : WHEN.format(time.toInstant());
    }

    public static String when(Instant time) {
        return time == null ? "never" : WHEN.format(time);
    }

    /** A value as a URL's query parameter. */
    public static String query(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static int count(List<Process> processes, String state) {
        return (int) processes.stream().filter(p -> p.state().equals(state)).count();
    }
}
