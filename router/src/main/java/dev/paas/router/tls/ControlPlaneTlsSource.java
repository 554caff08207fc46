package dev.paas.router.tls;

import dev.paas.client.ApiException;
import dev.paas.client.PlatformClient;
import dev.paas.client.Wire;

/** The control plane's GET /router/tls. */
public final class ControlPlaneTlsSource implements TlsSource {
    private final PlatformClient client;

    public ControlPlaneTlsSource(PlatformClient client) {
        this.client = client;
    }

    /** A control plane without the feed (older than certificates) answers 404: then the default certificate only. */
    @Override
    public Wire.RouterTls fetch() {
        try {
            return client.routerTls();
        } catch (ApiException e) {
            if (e.status() == 404) {
                return EMPTY;
            }
            throw e;
        }
    }
}
