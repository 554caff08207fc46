package dev.paas.api.domain;

import dev.paas.api.app.AppRow;
import dev.paas.api.db.Seek;
import dev.paas.api.error.ApiFailure;
import dev.paas.api.event.Transactions;
import dev.paas.client.EventKind;
import java.util.Map;
import org.jooq.DSLContext;

/** The hostnames the router sends to an app: its default one and custom ones. */
public final class DomainService {
    private final Transactions transactions;
    private final DomainRepository domains;
    private final String platformDomain;

    public DomainService(Transactions transactions, DomainRepository domains, String platformDomain) {
        this.transactions = transactions;
        this.domains = domains;
        this.platformDomain = platformDomain;
    }

    public Seek.Page<DomainRow> list(AppRow app, Seek seek) {
        return domains.list(transactions.dsl(), app.id(), seek);
    }

    DomainRow show(AppRow app, String hostnameOrId) {
        return require(transactions.dsl(), app, hostnameOrId);
    }

    public DomainRow create(AppRow app, String requested) {
        String hostname = Hostnames.validate(requested, app.name(), platformDomain);
        return transactions.result(tx -> {
            var row = domains.insert(tx.dsl(), app.id(), hostname, "custom")
                    .orElseThrow(() -> DomainRepository.taken(hostname));
            tx.announce(app.id(), EventKind.DOMAIN_CREATED, Map.of("hostname", hostname, "domain_id", row.id()));
            // The app's certificates may cover the new hostname: routers serve it over HTTPS from now.
            tx.announce(app.id(), EventKind.TLS_CHANGED, Map.of("hostname", hostname));
            return row;
        });
    }

    public DomainRow delete(AppRow app, String hostnameOrId) {
        return transactions.result(tx -> {
            DomainRow row = require(tx.dsl(), app, hostnameOrId);
            if ("heroku".equals(row.kind())) {
                throw ApiFailure.invalid("Domain " + row.hostname() + " is the app's default hostname and cannot be "
                        + "removed.");
            }
            domains.delete(tx.dsl(), row.id());
            tx.announce(app.id(), EventKind.DOMAIN_DELETED, Map.of("hostname", row.hostname(), "domain_id", row.id()));
            tx.announce(app.id(), EventKind.TLS_CHANGED, Map.of("hostname", row.hostname()));
            return row;
        });
    }

    private DomainRow require(DSLContext db, AppRow app, String hostnameOrId) {
        return domains.find(db, app.id(), hostnameOrId).orElseThrow(() -> ApiFailure.notFound(
                "Couldn't find domain " + hostnameOrId + " on " + app.name() + ". See `paas domains`."));
    }
}
