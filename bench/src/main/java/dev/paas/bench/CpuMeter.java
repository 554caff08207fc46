package dev.paas.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time (user + system) of the API's process and of Postgres's backends serving the bench database, read
 * from /proc. Releases per second swing with whatever else runs on the shared cores; the CPU a release costs
 * the API and Postgres hardly does, so it is the figure to compare before and after a change. Postgres's
 * shared processes (checkpointer, WAL writer) also serve other databases and are left out.
 */
final class CpuMeter {
    /** USER_HZ: /proc counts CPU time in ticks of 1/100 s on Linux, whatever the kernel's HZ. */
    private static final long MICROS_PER_TICK = 10_000;

    /** CPU ticks so far: the API's, and each backend's by pid (backends come and go with the pool). */
    record Sample(long api, Map<Long, Long> backends) {
    }

    private final Path proc;
    private final OptionalLong apiPid;
    private final Pattern backendTitle;

    /** {@code database}: the bench's database; Postgres titles its backends "postgres: USER DATABASE HOST ...". */
    CpuMeter(Path proc, OptionalLong apiPid, String database) {
        this.proc = proc;
        this.apiPid = apiPid;
        this.backendTitle = database == null ? null
                : Pattern.compile("^postgres: \\S+ " + Pattern.quote(database) + " ");
    }

    boolean enabled() {
        return apiPid.isPresent() || backendTitle != null;
    }

    Sample sample() {
        long api = apiPid.isPresent() ? ticks(proc.resolve(Long.toString(apiPid.getAsLong()))) : 0;
        var backends = new HashMap<Long, Long>();
        if (backendTitle != null) {
            try (Stream<Path> pids = Files.list(proc)) {
                pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .filter(p -> backendTitle.matcher(title(p)).find())
                        .forEach(p -> backends.put(Long.parseLong(p.getFileName().toString()), ticks(p)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + proc + ": " + e.getMessage(), e);
            }
        }
        return new Sample(api, backends);
    }

    /**
     * CPU ticks so far of the API's JIT compiler threads ({@code C1 CompilerThre}, {@code C2 CompilerThre}): the
     * control plane runs C2 alone (no tiered compilation), so it compiles for a minute or more under load, and a
     * row measured meanwhile measures the compiler as much as the API. Empty without the API's pid.
     */
    OptionalLong compilerTicks() {
        if (apiPid.isEmpty()) {
            return OptionalLong.empty();
        }
        Path tasks = proc.resolve(Long.toString(apiPid.getAsLong())).resolve("task");
        try (Stream<Path> threads = Files.list(tasks)) {
            return OptionalLong.of(threads.filter(t -> compiler(t)).mapToLong(CpuMeter::ticks).sum());
        } catch (IOException e) {
            return OptionalLong.empty(); // the API ended
        }
    }

    private static boolean compiler(Path thread) {
        try {
            String comm = Files.readString(thread.resolve("comm"), StandardCharsets.US_ASCII);
            return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
        } catch (IOException e) {
            return false; // the thread ended
        }
    }

    static long micros(long ticks) {
        return ticks * MICROS_PER_TICK;
    }

    /** CPU used between two samples; a backend that started in between counts whole, one that ended is lost. */
    static CpuUse between(Sample before, Sample after) {
        long backends = after.backends().entrySet().stream()
                .mapToLong(e -> e.getValue() - before.backends().getOrDefault(e.getKey(), 0L)).sum();
        return new CpuUse((after.api() - before.api()) * MICROS_PER_TICK, backends * MICROS_PER_TICK);
    }

    /** utime + stime: fields 14 and 15 of /proc/PID/stat, counted after the ")" that ends the command name. */
    static long ticks(Path process) {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return 0; // the process ended: its time is lost, as between() says
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String title(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
