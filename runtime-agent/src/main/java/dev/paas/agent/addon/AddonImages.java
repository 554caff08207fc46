package dev.paas.agent.addon;

import dev.paas.common.env.Env;
import java.util.Map;

/**
 * The images add-ons run: built from Debian's packages where no registry is reached (bin/images.sh),
 * or the official {@code postgres:15} and {@code redis:7} where one is, whose entry points take the
 * same environment and arguments.
 *
 * @param postgres {@code PAAS_ADDON_POSTGRES_IMAGE}
 * @param redis    {@code PAAS_ADDON_REDIS_IMAGE}
 */
public record AddonImages(String postgres, String redis) {
    public static final AddonImages LOCAL = new AddonImages("paas/postgres:15", "paas/redis:7");

    public static AddonImages fromEnv(Map<String, String> vars) {
        var env = new Env(vars);
        return new AddonImages(env.string("PAAS_ADDON_POSTGRES_IMAGE", LOCAL.postgres()),
                env.string("PAAS_ADDON_REDIS_IMAGE", LOCAL.redis()));
    }
}
