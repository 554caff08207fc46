package dev.paas.router.tls;

import dev.paas.client.Wire;

/** Where certificates, ACME challenge answers and apps' HTTPS options come from. */
public interface TlsSource {

    /** The whole feed as it stands now; throws when it cannot be had (the router then keeps what it has). */
    Wire.RouterTls fetch();

    Wire.RouterTls EMPTY = new Wire.RouterTls(java.util.List.of(), java.util.Map.of(), java.util.List.of());
}
