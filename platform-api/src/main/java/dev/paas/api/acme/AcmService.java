package dev.paas.api.acme;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.cert.HttpsOptionsRepository;
import dev.paas.api.cert.SecretBox;
import dev.paas.api.event.Transactions;
import dev.paas.client.EventKind;
import dev.paas.client.Wire;
import java.util.Map;

/** Turns Automatic Certificate Management on or off for an app, or retries its failed domains. */
public final class AcmService {
    private final Transactions transactions;
    private final AppRepository apps;
    private final HttpsOptionsRepository options;
    private final AcmeRepository acme = new AcmeRepository();
    private final SecretBox secrets;
    private final Runnable wake;

    public AcmService(Transactions transactions, AppRepository apps, HttpsOptionsRepository options, SecretBox secrets,
                      Runnable wake) {
        this.transactions = transactions;
        this.apps = apps;
        this.options = options;
        this.secrets = secrets;
        this.wake = wake;
    }

    Wire.HttpsOptions enable(AppRow app) {
        secrets.requireConfigured();
        var result = transactions.result(tx -> {
            apps.lock(tx.dsl(), app.id());
            options.setAcm(tx.dsl(), app.id(), true);
            acme.addPending(tx.dsl(), app.id());
            tx.announce(app.id(), EventKind.TLS_CHANGED, Map.of("acm", true));
            return options.find(tx.dsl(), app.id());
        });
        wake.run();
        return result;
    }

    Wire.HttpsOptions disable(AppRow app) {
        return transactions.result(tx -> {
            apps.lock(tx.dsl(), app.id());
            options.setAcm(tx.dsl(), app.id(), false);
            acme.removeAll(tx.dsl(), app.id());
            tx.announce(app.id(), EventKind.TLS_CHANGED, Map.of("acm", false));
            return options.find(tx.dsl(), app.id());
        });
    }

    Wire.HttpsOptions refresh(AppRow app) {
        var result = transactions.result(tx -> {
            apps.lock(tx.dsl(), app.id());
            var now = options.find(tx.dsl(), app.id());
            if (!now.acm()) {
                throw dev.paas.api.error.ApiFailure.invalid("Automatic Certificate Management is off for "
                        + app.name() + ": turn it on with `paas certs:auto:enable`.");
            }
            acme.refresh(tx.dsl(), app.id());
            return now;
        });
        wake.run();
        return result;
    }
}
