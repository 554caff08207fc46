package dev.paas.router.log;

import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;
import dev.paas.common.logship.BatchShipper;
import java.time.Duration;
import java.util.List;

/**
 * Ships request lines to the control plane through the {@link BatchShipper} every component shares, in batches of
 * up to 1000 from its own thread, so requests are never slowed: while the control plane is away up to 20,000 lines
 * wait, then the oldest are dropped, counted, and reported once shipping resumes.
 */
public final class ControlPlaneLogShipper implements LogShipper {
    private final BatchShipper<Wire.LogLine> shipper;

    public ControlPlaneLogShipper(PlatformClient client) {
        this.shipper = new BatchShipper<>("log-shipper", batch -> {
            try {
                client.shipLogs(batch);
            } catch (ApiException e) {
                // a 4xx other than a timeout or throttling is the same answer however often the batch is sent
                boolean forGood = e.status() >= 400 && e.status() < 500 && e.status() != 408 && e.status() != 429;
                throw forGood ? new BatchShipper.Rejected(e.getMessage(), e) : e;
            }
        }, 20_000, 1000);
    }

    @Override
    public void ship(List<Wire.LogLine> lines) {
        lines.forEach(shipper::offer);
    }

    public long dropped() {
        return shipper.dropped();
    }

    @Override
    public void close() {
        shipper.close(Duration.ofSeconds(2));
    }
}
