package dev.paas.api.cert;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which certificate a router serves for each hostname: one at most, so that routers need no rule of their own.
 * Only a hostname of the certificate's own app counts (hostnames are unique per platform, so no app can get
 * another's traffic by uploading a certificate for it). Expired certificates serve nothing; with ACM on, the
 * app's ACM certificate wins; otherwise the one that expires last.
 */
final class TlsFeed {
    private TlsFeed() {
    }

    /** A certificate and what decides it: its app's hostnames and whether the app has ACM on. */
    record Candidate(UUID id, UUID appId, boolean acmCertificate, List<String> certDomains, Instant notAfter,
                     List<String> appHostnames, boolean appAcm) {
    }

    /** Certificate id to the hostnames it serves, for those that serve any, in the candidates' order. */
    static Map<UUID, List<String>> assign(List<Candidate> candidates, Instant now) {
        Map<String, Candidate> chosen = new LinkedHashMap<>();
        for (var c : candidates) {
            if (!c.notAfter().isAfter(now)) {
                continue;
            }
            for (String hostname : c.appHostnames()) {
                if (CertificateCheck.covers(c.certDomains(), hostname)) {
                    chosen.merge(hostname, c, TlsFeed::better);
                }
            }
        }
        Map<UUID, List<String>> served = new LinkedHashMap<>();
        for (var c : candidates) {
            var hostnames = chosen.entrySet().stream().filter(e -> e.getValue() == c).map(Map.Entry::getKey)
                    .sorted().toList();
            if (!hostnames.isEmpty()) {
                served.put(c.id(), hostnames);
            }
        }
        return served;
    }

    private static Candidate better(Candidate a, Candidate b) {
        Comparator<Candidate> order = Comparator
                .comparing((Candidate c) -> c.appAcm() == c.acmCertificate())
                .thenComparing(Candidate::notAfter);
        return order.compare(b, a) > 0 ? b : a;
    }
}
