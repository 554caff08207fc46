package dev.paas.allinone.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LineLoggerTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void our_classes_are_tagged_by_their_package() {
        new LineLogger("dev.paas.router.proxy.ProxyServer", Level.INFO, out).info("at=info msg=\"listening\" port={}", 8080);

        assertThat(written()).matches("\\S+Z router INFO dev\\.paas\\.router\\.proxy\\.ProxyServer - "
                + "at=info msg=\"listening\" port=8080\n");
    }

    @Test
    void a_librarys_line_takes_the_tag_of_the_component_whose_thread_logs_it_from_threads_made_while_it_started()
            throws Exception {
        var jetty = new LineLogger("org.eclipse.jetty.server.Server", Level.INFO, out);
        // the pool's thread is made while the builder starts (Jetty's are made in start())
        var pool = ComponentTag.within("builder", () -> {
            var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
            executor.submit(() -> { }).get();
            return executor;
        });
        try {
            pool.submit(() -> jetty.warn("at=warn msg=\"slow\"")).get();
        } finally {
            pool.shutdownNow();
        }
        jetty.warn("outside");

        assertThat(written().lines().toList()).satisfiesExactly(
                line -> assertThat(line).contains(" builder WARN org.eclipse.jetty.server.Server - at=warn"),
                line -> assertThat(line).contains(" platform WARN org.eclipse.jetty.server.Server - outside"));
    }

    @Test
    void an_event_with_a_stack_trace_or_line_breaks_is_still_one_line() {
        var failure = new AtomicReference<Exception>(new IllegalStateException("engine\ngone"));
        new LineLogger("dev.paas.agent.Agent", Level.INFO, out).error("pass failed", failure.get());

        assertThat(written().lines()).hasSize(1);
        assertThat(written()).contains(" agent ERROR dev.paas.agent.Agent - pass failed trace=\"java.lang."
                + "IllegalStateException: engine\\ngone\\n\tat ");
    }

    @Test
    void noisy_libraries_log_warnings_only_and_the_rest_info() {
        assertThat(LineLogProvider.threshold("org.eclipse.jetty.server.Server")).isEqualTo(Level.WARN);
        assertThat(LineLogProvider.threshold("com.zaxxer.hikari")).isEqualTo(Level.WARN);
        assertThat(LineLogProvider.threshold("org.jooq.impl.DefaultExecuteContext.logVersionSupport"))
                .isEqualTo(Level.ERROR);
        assertThat(LineLogProvider.threshold("org.eclipse.jgit.transport.ReceivePack")).isEqualTo(Level.INFO);
        var quiet = new LineLogger("io.netty.channel.Foo", LineLogProvider.threshold("io.netty.channel.Foo"), out);
        quiet.info("not shown");

        assertThat(written()).isEmpty();
    }

    @Test
    void slf4j_binds_to_this_provider_in_the_all_in_one_process() {
        assertThat(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName())
                .startsWith(LineLogProvider.class.getName());
    }

    @Test
    void tagged_lines_are_written_whole_in_the_loggers_shape() {
        var lines = new TaggedLines(out, "router", "access");
        byte[] first = "at=info method=GET path=/ status=200\nat=info method=G".getBytes(StandardCharsets.US_ASCII);
        byte[] rest = "ET path=/x status=404\n".getBytes(StandardCharsets.US_ASCII);
        lines.write(first, 0, first.length);
        lines.write(rest, 0, rest.length);

        assertThat(written().lines().toList()).satisfiesExactly(
                line -> assertThat(line).matches("\\S+Z router INFO access - at=info method=GET path=/ status=200"),
                line -> assertThat(line).matches("\\S+Z router INFO access - at=info method=GET path=/x status=404"));
    }
}
