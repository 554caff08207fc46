package dev.paas.agent.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DumpPipeTest {

    @Test
    void bytes_written_on_one_thread_are_read_in_order_on_another_with_the_end_after_them() throws Exception {
        byte[] data = new byte[1_000_000];
        new Random(1).nextBytes(data);
        var pipe = new DumpPipe();
        var writer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < data.length; i += 7000) {
                    pipe.sink().write(data, i, Math.min(7000, data.length - i));
                }
                pipe.finish(null);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });

        assertThat(pipe.readAllBytes()).isEqualTo(data);
        writer.join();
    }

    @Test
    void a_failed_dump_reaches_the_reader_as_an_error_after_the_bytes_before_it() throws Exception {
        var pipe = new DumpPipe();
        pipe.sink().write(new byte[] {1, 2});
        pipe.finish("pg_dump exited with 1: connection refused");

        assertThat(pipe.read()).isEqualTo(1);
        assertThat(pipe.read()).isEqualTo(2);
        assertThatThrownBy(pipe::read).isInstanceOf(IOException.class).hasMessageContaining("connection refused");
    }

    @Test
    void a_reader_that_stopped_ends_the_writers_wait_instead_of_blocking_it_for_ever() throws Exception {
        var pipe = new DumpPipe();
        var failed = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var writer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 1000; i++) {
                    pipe.sink().write(new byte[1024]);
                }
            } catch (IOException e) {
                failed.set(e);
            }
        });
        pipe.close();

        writer.join(java.time.Duration.ofSeconds(10));
        assertThat(writer.isAlive()).isFalse();
        assertThat(failed.get()).hasMessageContaining("upload of the dump stopped");
    }
}
