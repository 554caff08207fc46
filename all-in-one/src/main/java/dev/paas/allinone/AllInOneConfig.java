package dev.paas.allinone;

import dev.paas.agent.AgentConfig;
import dev.paas.api.ApiConfig;
import dev.paas.builder.BuilderConfig;
import dev.paas.common.env.Env;
import dev.paas.router.RouterConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The four components' settings from one environment. Each component reads it with its own config
 * record, so every variable keeps the meaning it has when the component runs alone: the names they
 * share ({@code PAAS_API_URL}, {@code PAAS_API_KEY}, {@code PAAS_DOMAIN}, {@code DOCKER_HOST},
 * {@code PAAS_REGISTRY*}, {@code PAAS_IMAGE_RETAIN_RELEASES}) mean the same thing in each. What one
 * component's default would get wrong about the others in the same process is derived from them
 * instead, unless set: {@code PAAS_API_URL} from {@code PORT} (and {@code PAAS_API_BIND}), the API's
 * {@code PAAS_GIT_URL} from {@code PAAS_BUILDER_PORT}, and its {@code PAAS_ROUTER_URL} from
 * {@code PAAS_DOMAIN} and {@code PAAS_ROUTER_PORT}.
 *
 * @param agent      null when {@code PAAS_LOCAL_AGENT=0}, as {@code bin/platform} has it: apps run on hosts that joined
 * @param router     null when {@code PAAS_ALL_IN_ONE_ROUTER=0}: the router runs in a process of its own, so that it
 *                   keeps serving apps while this one restarts ({@code bin/platform}'s default, two processes)
 * @param stopBudget {@code PAAS_STOP_TIMEOUT} (seconds, default 30, as {@code bin/platform}'s wait before SIGKILL):
 *                   how long stopping all four may take
 */
record AllInOneConfig(ApiConfig api, AgentConfig agent, BuilderConfig builder, RouterConfig router,
                      Duration stopBudget, Map<String, String> env) {

    static AllInOneConfig fromEnv(Map<String, String> vars) {
        var env = derived(vars);
        return new AllInOneConfig(
                read("api", ApiConfig::fromEnv, env),
                !new Env(env).string("PAAS_LOCAL_AGENT", "1").equals("0") ? read("agent", AgentConfig::fromEnv, env) : null,
                read("builder", BuilderConfig::fromEnv, env),
                !new Env(env).string("PAAS_ALL_IN_ONE_ROUTER", "1").equals("0") ? read("router", RouterConfig::fromEnv, env) : null,
                new Env(env).seconds("PAAS_STOP_TIMEOUT", 30, 1, 3600),
                Map.copyOf(env));
    }

    static Map<String, String> derived(Map<String, String> vars) {
        var env = new HashMap<>(vars);
        var given = new Env(vars);
        String apiHost = given.string("PAAS_API_BIND", "127.0.0.1");
        if (apiHost.equals("0.0.0.0") || apiHost.equals("::") || apiHost.equals("[::]")) {
            apiHost = "127.0.0.1";
        }
        env.putIfAbsent("PAAS_API_URL", "http://" + apiHost + ":" + given.port("PORT", 5000));
        if (given.isSet("PAAS_BUILDER_PORT")) {
            env.putIfAbsent("PAAS_GIT_URL", "http://127.0.0.1:" + given.port("PAAS_BUILDER_PORT", 5001));
        }
        if (given.isSet("PAAS_ROUTER_PORT")) {
            env.putIfAbsent("PAAS_ROUTER_URL", "http://" + given.string("PAAS_DOMAIN", "localhost") + ":"
                    + given.port("PAAS_ROUTER_PORT", 8080));
        }
        return env;
    }

    /** A component's config, or its error prefixed with the component's name. */
    private static <T> T read(String component, Function<Map<String, String>, T> fromEnv, Map<String, String> env) {
        try {
            return fromEnv.apply(env);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(component + ": " + e.getMessage(), e);
        }
    }
}
