package dev.paas.router.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestLogLineTest {

    @Test
    void a_served_request_reads_like_herokus_router() {
        var line = new RequestLogLine(null, null, "GET", "/cart?id=1", "shop.example.com", "rid-1", "203.0.113.9",
                "web.1", 1, 5, 200, 1234);

        assertThat(line.format()).isEqualTo("at=info method=GET path=\"/cart?id=1\" host=shop.example.com "
                + "request_id=rid-1 fwd=\"203.0.113.9\" dyno=web.1 connect=1ms service=5ms status=200 bytes=1234 "
                + "protocol=http");
    }

    @Test
    void an_error_carries_its_code_and_description() {
        var line = new RequestLogLine("H12", "Request timeout", "POST", "/", "shop.example.com", "rid-2", "10.0.0.1",
                "web.2", 0, 30000, 503, 0);

        assertThat(line.format()).startsWith("at=error code=H12 desc=\"Request timeout\" method=POST path=\"/\"")
                .contains("dyno=web.2 connect=0ms service=30000ms status=503 bytes=0");
    }

    @Test
    void quotes_spaces_and_control_characters_cannot_break_the_line_apart() {
        var line = new RequestLogLine(null, null, "GET", "/a\"b\nc", "evil host", "id", "1.2.3.4", "web.1", 0, 0, 200,
                0);

        assertThat(line.format()).contains("path=\"/a\\\"b\\x0ac\"", "host=evil_host").doesNotContain("\n");
    }
}
