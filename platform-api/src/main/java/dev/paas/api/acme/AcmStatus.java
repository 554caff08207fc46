package dev.paas.api.acme;

/** Heroku's acm_status of a domain. */
enum AcmStatus {
    PENDING, OK, FAILING, FAILED;

    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static AcmStatus of(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
