package dev.paas.api;

import java.net.URI;
import java.util.Map;

/**
 * Everything the control plane is configured with, read from the environment in one place.
 *
 * @param jdbcUrl        from {@code DATABASE_URL} ({@code postgres://user:pass@host:port/db} or a JDBC URL)
 * @param bind           {@code PAAS_API_BIND}: the address to listen on; loopback by default, so that app and
 *                       build containers cannot reach the control plane (a multi-host install names an
 *                       address its agents reach, and firewalls it from containers)
 * @param port           {@code PORT}, 0 for any free port
 * @param domain         {@code PAAS_DOMAIN}: apps get {@code <app>.<domain>} as their default hostname
 * @param gitUrl         {@code PAAS_GIT_URL}: where the builder takes pushes; apps' git_url is below it
 * @param routerUrl      {@code PAAS_ROUTER_URL}: scheme and port of apps' web_url
 * @param maxBodyBytes   {@code PAAS_MAX_BODY_BYTES}: larger request bodies are refused with 413
 * @param dbPoolSize     {@code DATABASE_POOL_SIZE}
 * @param agentTimeoutSeconds {@code PAAS_AGENT_TIMEOUT_SECONDS}: an agent silent this long is lost
 */
public record ApiConfig(String jdbcUrl, String dbUser, String dbPassword, String bind, int port, String domain, URI gitUrl,
                        URI routerUrl, long maxBodyBytes, int dbPoolSize, int agentTimeoutSeconds) {

    public static ApiConfig fromEnv(Map<String, String> env) {
        var db = DatabaseUrl.parse(required(env, "DATABASE_URL"));
        String domain = env.getOrDefault("PAAS_DOMAIN", "localhost").trim().toLowerCase();
        if (!domain.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new IllegalArgumentException("PAAS_DOMAIN must be a DNS name such as example.com, got: " + domain);
        }
        return new ApiConfig(db.jdbcUrl(), db.user(), db.password(),
                env.getOrDefault("PAAS_API_BIND", "127.0.0.1").trim(),
                integer(env, "PORT", 5000, 0, 65535),
                domain,
                uri(env, "PAAS_GIT_URL", "http://127.0.0.1:5001"),
                uri(env, "PAAS_ROUTER_URL", "http://" + domain + ":8080"),
                integer(env, "PAAS_MAX_BODY_BYTES", 1 << 20, 1024, 64 << 20),
                integer(env, "DATABASE_POOL_SIZE", 10, 1, 200),
                integer(env, "PAAS_AGENT_TIMEOUT_SECONDS", 30, 2, 3600));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set: give the Postgres URL, e.g. "
                    + "postgres://paas:paas@127.0.0.1:5432/paas");
        }
        return value.trim();
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got: " + value, e);
        }
    }

    private static URI uri(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, fallback).trim().replaceAll("/+$", "");
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(name + " must be an absolute http(s) URL, got: " + value);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, got: " + value, e);
        }
    }
}
