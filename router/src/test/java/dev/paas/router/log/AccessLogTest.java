package dev.paas.router.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void the_writer_writes_each_line_as_the_line_formats_it_in_utf8() {
        var out = new ByteArrayOutputStream();
        var ascii = new RequestLogLine(null, null, "GET", "/cart?id=1", "shop.example.com", "rid-1", "203.0.113.9",
                "web.1", 1, 5, 200, 1234);
        var latin = new RequestLogLine(null, null, "GET", "/caf\u00e9", "shop.example.com", "rid-2", "203.0.113.9",
                "web.1", 0, 2, 404, 10);
        var log = new AccessLog(out, LogShipper.NONE);

        log.log(UUID.randomUUID(), ascii);
        log.log(null, latin);
        log.log(null, ascii);
        log.close(); // waits for the writer, which flushes before it stops

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(ascii.format() + "\n" + latin.format() + "\n" + ascii.format() + "\n");
        assertThat(out.toByteArray()).contains("/caf\u00e9".getBytes(StandardCharsets.UTF_8));
    }
}
