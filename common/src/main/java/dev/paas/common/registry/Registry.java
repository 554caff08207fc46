package dev.paas.common.registry;

import dev.paas.common.env.Env;
import java.util.Optional;

/**
 * The image registry the builder pushes app images to and agents pull them from, by digest, so every host runs
 * exactly the bytes that were built. The engine, not we, speaks TLS to it: it trusts the registry's certificate
 * authority through {@code /etc/docker/certs.d/ADDRESS/ca.crt} (bin/platform installs it).
 *
 * @param address  {@code PAAS_REGISTRY}: {@code host:port} as engines reach it, such as {@code 10.0.0.5:5005}
 * @param username {@code PAAS_REGISTRY_USERNAME}: the registry's (htpasswd) user; unset for a registry without auth
 * @param password {@code PAAS_REGISTRY_PASSWORD}
 */
public record Registry(String address, String username, String password) {
    private static final String ADDRESS = "[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?";

    /** Empty when {@code PAAS_REGISTRY} is unset: images then stay in the one local engine. */
    public static Optional<Registry> fromEnv(Env env) {
        var address = env.optional("PAAS_REGISTRY");
        var user = env.optional("PAAS_REGISTRY_USERNAME");
        var password = env.optional("PAAS_REGISTRY_PASSWORD");
        if (address.isEmpty()) {
            if (user.isPresent() || password.isPresent()) {
                throw new IllegalArgumentException("PAAS_REGISTRY_USERNAME/PAAS_REGISTRY_PASSWORD are set but "
                        + "PAAS_REGISTRY is not: give the registry's host:port too, or unset them");
            }
            return Optional.empty();
        }
        if (!address.get().matches(ADDRESS)) {
            throw Env.bad("PAAS_REGISTRY", "the registry's host:port as engines reach it, such as 10.0.0.5:5005 "
                    + "(no scheme, no path)", address.get());
        }
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("PAAS_REGISTRY_USERNAME and PAAS_REGISTRY_PASSWORD go together: "
                    + "set both (bin/platform keeps them in .run/registry) or neither");
        }
        return Optional.of(new Registry(address.get(), user.orElse(null), password.orElse(null)));
    }

    public boolean authenticated() {
        return username != null;
    }

    /** {@code ADDRESS/NAME}: where an image named {@code NAME} (such as {@code paas-app/web}) lives. */
    public String repository(String name) {
        return address + "/" + name;
    }

    /** True when {@code image} is a reference into this registry (as the builder records releases' images). */
    public boolean holds(String image) {
        return image.startsWith(address + "/");
    }

    /** Without the password: records print their fields, and configs get logged. */
    @Override
    public String toString() {
        return "Registry[address=" + address + ", username=" + username + "]";
    }
}
