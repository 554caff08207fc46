package dev.paas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuMeterTest {

    @Test
    void the_api_and_only_the_bench_databases_backends_are_summed_in_microseconds(@TempDir Path proc)
            throws IOException {
        process(proc, 100, "java", "-jar\0platform-api.jar\0", 500, 100);
        process(proc, 200, "postgres", "postgres: paas_bench paas_bench 127.0.0.1(5432) idle", 30, 10);
        process(proc, 300, "postgres", "postgres: other paas_other 127.0.0.1(5433) idle", 999, 999);
        process(proc, 400, "postgres", "postgres: checkpointer ", 999, 999);
        var meter = new CpuMeter(proc, OptionalLong.of(100), "paas_bench");

        CpuMeter.Sample before = meter.sample();
        process(proc, 100, "java", "-jar\0platform-api.jar\0", 600, 150);
        process(proc, 200, "postgres", "postgres: paas_bench paas_bench 127.0.0.1(5432) idle", 40, 10);
        process(proc, 201, "post gres) x", "postgres: paas_bench paas_bench 127.0.0.1(5434) UPDATE", 5, 0);
        CpuUse used = CpuMeter.between(before, meter.sample());

        assertThat(before.api()).isEqualTo(600);
        assertThat(before.backends()).isEqualTo(Map.of(200L, 40L));
        assertThat(used).isEqualTo(new CpuUse(150 * 10_000, 15 * 10_000));
        assertThat(used.apiPer(100)).isEqualTo(15_000.0);
    }

    @Test
    void this_processs_own_cpu_time_is_read_from_the_real_proc() {
        long pid = ProcessHandle.current().pid();

        assertThat(CpuMeter.ticks(Path.of("/proc", Long.toString(pid)))).isPositive();
    }

    @Test
    void the_compiler_ticks_are_those_of_the_apis_c1_and_c2_compiler_threads_only(@TempDir Path proc)
            throws IOException {
        process(proc, 100, "java", "java\0", 900, 100);
        thread(proc, 100, 101, "C2 CompilerThre", 40, 2);
        thread(proc, 100, 102, "C1 CompilerThre", 7, 1);
        thread(proc, 100, 103, "ForkJoinPool-1-", 500, 50);
        var meter = new CpuMeter(proc, OptionalLong.of(100), null);

        assertThat(meter.compilerTicks()).isEqualTo(OptionalLong.of(50));
        assertThat(new CpuMeter(proc, OptionalLong.empty(), null).compilerTicks()).isEmpty();
        assertThat(new CpuMeter(proc, OptionalLong.of(999), null).compilerTicks()).as("an API that ended").isEmpty();
    }

    @Test
    void this_jvms_compiler_threads_are_found_in_the_real_proc() {
        var meter = new CpuMeter(Path.of("/proc"), OptionalLong.of(ProcessHandle.current().pid()), null);

        // The test JVM has compiled plenty by now (JUnit, AssertJ): its compiler threads have run.
        assertThat(meter.compilerTicks().orElseThrow()).isPositive();
    }

    /** A /proc/PID/task/TID with its comm and stat. */
    private static void thread(Path proc, long pid, long tid, String comm, long utime, long stime)
            throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)).resolve("task").resolve(Long.toString(tid)));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("stat"), tid + " (" + comm + ") S 1 1 1 0 -1 4194560 100 0 0 0 " + utime
                + " " + stime + " 0 0 20 0 30 0 12345 0 0");
    }

    /** A /proc/PID with stat (utime and stime are fields 14 and 15) and cmdline. */
    private static void process(Path proc, long pid, String comm, String cmdline, long utime, long stime)
            throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S 1 1 1 0 -1 4194560 100 0 0 0 " + utime
                + " " + stime + " 0 0 20 0 30 0 12345 0 0");
        Files.writeString(dir.resolve("cmdline"), cmdline);
    }
}
