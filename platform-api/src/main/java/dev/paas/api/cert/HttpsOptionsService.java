package dev.paas.api.cert;

import dev.paas.api.app.AppRepository;
import dev.paas.api.app.AppRow;
import dev.paas.api.event.Transactions;
import dev.paas.client.EventKind;
import dev.paas.client.Wire;
import java.util.Map;

/** An app's HTTPS options: redirect plain HTTP to HTTPS, and HSTS; routers get them in their feed. */
public final class HttpsOptionsService {
    private final Transactions transactions;
    private final AppRepository apps;
    private final HttpsOptionsRepository options;

    public HttpsOptionsService(Transactions transactions, AppRepository apps, HttpsOptionsRepository options) {
        this.transactions = transactions;
        this.apps = apps;
        this.options = options;
    }

    Wire.HttpsOptions show(AppRow app) {
        return options.find(transactions.dsl(), app.id());
    }

    Wire.HttpsOptions update(AppRow app, Wire.HttpsOptionsUpdate change) {
        return transactions.result(tx -> {
            apps.lock(tx.dsl(), app.id());
            var now = options.find(tx.dsl(), app.id());
            boolean redirect = change.redirectHttp() != null ? change.redirectHttp() : now.redirectHttp();
            boolean hsts = change.hsts() != null ? change.hsts() : now.hsts();
            if (redirect != now.redirectHttp() || hsts != now.hsts()) {
                options.update(tx.dsl(), app.id(), redirect, hsts);
                tx.announce(app.id(), EventKind.TLS_CHANGED, Map.of("redirect_http", redirect, "hsts", hsts));
            }
            return options.find(tx.dsl(), app.id());
        });
    }
}
