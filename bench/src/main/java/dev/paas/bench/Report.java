package dev.paas.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The benchmark's text: what ran where, one table row per measurement, and the ledger checks. */
final class Report {
    static final String CONFIG_SET = "PATCH /apps/{app}/config-vars";
    static final String CONFIG_SET_APPS = "PATCH config-vars, " + ApiBench.WRITE_APPS + " apps";
    static final String SHOW_APP = "GET /apps/{app}";
    static final String HEALTH = "GET /healthz (baseline)";

    private final List<String> header = new ArrayList<>();
    private final List<Measurement> rows = new ArrayList<>();
    /** The CPU each row cost the API and Postgres, when measured (same order as rows). */
    private final List<Optional<CpuUse>> cpu = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();

    Report(BenchConfig config, String apiUser, int readAppReleases) {
        Runtime.Version v = Runtime.version();
        header.add("paas API benchmark");
        header.add("date:      " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        header.add("client:    JVM " + v + " (" + System.getProperty("java.vm.vendor") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, shared by the API, Postgres and this client");
        header.add("api:       " + config.apiUrl() + " as " + apiUser);
        header.add("each run:  " + config.measurement().toSeconds() + " s, closed loop: each client sends its next "
                + "request as soon as the last one is answered");
        header.add("requests:  config:set sets one var per client (BENCH_CLIENT_<n>) on one app, so every PATCH "
                + "appends a release to the same ledger;");
        header.add("           config:set across " + ApiBench.WRITE_APPS + " apps: client n writes app n mod "
                + ApiBench.WRITE_APPS + ", so up to " + ApiBench.WRITE_APPS + " ledgers grow at once;");
        header.add("           GET /apps/{app} reads another app with a fixed ledger of " + readAppReleases
                + " releases, so its cost does not grow during the run");
        header.add("baseline:  GET /healthz: no auth, one trivial database round trip, same clients and machine");
        header.add("cpu:       api us/ok, pg us/ok: CPU time (user + system, /proc) of the API's process and of the "
                + "Postgres backends of its database during the run, in microseconds per successful request "
                + "(per release for PATCH)");
    }

    /** Which client produced which rows. */
    void clients(String line) {
        header.add("clients:   " + line);
    }

    void line(String line) {
        header.add(line);
    }

    void add(Measurement m, Optional<CpuUse> used) {
        rows.add(m);
        cpu.add(used);
    }

    void check(String line) {
        checks.add(line);
    }

    String text() {
        var out = new StringBuilder();
        header.forEach(h -> out.append(h).append('\n'));
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%7s  %-30s %9s %8s %8s %8s %9s %7s %12s %10s %10s%n", "clients",
                "request", "ok/s", "p50 ms", "p99 ms", "max ms", "ok", "errors", "p50/healthz", "api us/ok",
                "pg us/ok"));
        for (int i = 0; i < rows.size(); i++) {
            Measurement m = rows.get(i);
            Optional<CpuUse> used = cpu.get(i);
            out.append(String.format(Locale.ROOT, "%7d  %-30s %9.1f %8.2f %8.2f %8.2f %9d %7d %12s %10s %10s%n",
                    m.clients(), m.request(), m.perSecond(), ms(m.latency().p50()), ms(m.latency().p99()),
                    ms(m.latency().max()), m.ok(), m.errors(), ratioToBaseline(m),
                    used.map(u -> String.format(Locale.ROOT, "%.0f", u.apiPer(m.ok()))).orElse("-"),
                    used.map(u -> String.format(Locale.ROOT, "%.0f", u.postgresPer(m.ok()))).orElse("-")));
        }
        out.append('\n');
        out.append(summary()).append('\n');
        checks.forEach(c -> out.append(c).append('\n'));
        rows.stream().filter(Measurement::capped).forEach(m -> out.append("note: ").append(m.request())
                .append(" at ").append(m.clients()).append(" clients stopped at the request cap, before its time\n"));
        return out.toString();
    }

    private String summary() {
        var out = new StringBuilder("config:set throughput, releases created per second:");
        for (Measurement m : rows) {
            if (m.request().equals(CONFIG_SET)) {
                out.append(String.format(Locale.ROOT, "  %d client%s %.1f", m.clients(), m.clients() == 1 ? "" : "s",
                        m.perSecond()));
            }
        }
        out.append('\n').append("config:set across ").append(ApiBench.WRITE_APPS).append(" apps, releases per second:");
        for (Measurement m : rows) {
            if (m.request().equals(CONFIG_SET_APPS)) {
                out.append(String.format(Locale.ROOT, "  %d clients %.1f", m.clients(), m.perSecond()));
            }
        }
        out.append('\n').append("config:set CPU per release, us (API + Postgres backends):");
        for (int i = 0; i < rows.size(); i++) {
            Measurement m = rows.get(i);
            if (m.request().equals(CONFIG_SET) || m.request().equals(CONFIG_SET_APPS)) {
                out.append(cpu.get(i).map(u -> String.format(Locale.ROOT, "  %s %d: %.0f + %.0f",
                        m.request().equals(CONFIG_SET) ? "1 app" : ApiBench.WRITE_APPS + " apps", m.clients(),
                        u.apiPer(m.ok()), u.postgresPer(m.ok()))).orElse(""));
            }
        }
        for (String request : List.of(SHOW_APP, HEALTH)) {
            out.append('\n').append(request).append(" p50/p99 ms:");
            for (Measurement m : rows) {
                if (m.request().equals(request)) {
                    out.append(String.format(Locale.ROOT, "  %d: %.2f/%.2f", m.clients(), ms(m.latency().p50()),
                            ms(m.latency().p99())));
                }
            }
        }
        return out.toString();
    }

    private String ratioToBaseline(Measurement m) {
        if (m.request().equals(HEALTH)) {
            return "1.0x";
        }
        return rows.stream().filter(b -> b.request().equals(HEALTH) && b.clients() == m.clients()).findFirst()
                .filter(b -> b.latency().p50() > 0)
                .map(b -> String.format(Locale.ROOT, "%.1fx", (double) m.latency().p50() / b.latency().p50()))
                .orElse("-");
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
