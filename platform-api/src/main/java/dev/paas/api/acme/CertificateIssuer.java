package dev.paas.api.acme;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

/** Gets a certificate for one hostname from a CA, answering its HTTP-01 challenge through {@code board}. */
interface CertificateIssuer {

    Issued issue(String hostname, ChallengeBoard board) throws IssueFailure;

    /** Where routers learn the answers to challenges: published before the CA is told to look, then withdrawn. */
    interface ChallengeBoard {
        void publish(String token, String keyAuthorization);

        void withdraw(String token);
    }

    record Issued(List<X509Certificate> chain, KeyPair key) {
        @Override
        public String toString() {
            return "Issued[" + chain.get(0).getSubjectX500Principal() + "]";
        }
    }

    /** Why a CA did not issue, in words fit for acm_status_reason. */
    final class IssueFailure extends Exception {
        IssueFailure(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
