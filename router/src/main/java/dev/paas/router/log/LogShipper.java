package dev.paas.router.log;

import dev.paas.client.Wire;
import java.util.List;

/** Sends request lines to apps' log streams. Must not block: the access log's writer calls it. */
public interface LogShipper extends AutoCloseable {
    LogShipper NONE = new LogShipper() {
        @Override
        public void ship(List<Wire.LogLine> lines) {
        }

        @Override
        public void close() {
        }
    };

    void ship(List<Wire.LogLine> lines);

    @Override
    void close();
}
