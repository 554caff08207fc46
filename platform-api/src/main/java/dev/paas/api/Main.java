package dev.paas.api;

import dev.paas.api.auth.AuthorizationRepository;
import dev.paas.api.auth.UserRepository;
import dev.paas.api.db.Database;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point. {@code serve} (the default) runs the API; {@code migrate} and
 * {@code create-user EMAIL [--admin]}, {@code create-token EMAIL} and {@code set-password EMAIL} (the
 * password on standard input, never in the arguments) are one-off admin processes of the same build.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // jOOQ prints a banner and tips to the log otherwise: one event per line is the rule.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        System.exit(run(System.getenv(), args));
    }

    static int run(Map<String, String> env, String... args) throws InterruptedException {
        String command = args.length == 0 ? "serve" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        ApiConfig config;
        try {
            config = ApiConfig.fromEnv(env);
        } catch (IllegalArgumentException e) {
            System.err.println("configuration error: " + e.getMessage());
            return 78;
        }
        return switch (command) {
            case "serve" -> serve(config);
            case "migrate" -> {
                int applied = Database.migrate(config);
                LOG.info("at=info msg=\"migrations applied\" count={}", applied);
                yield 0;
            }
            case "create-user" -> createUser(config, rest);
            case "create-token" -> createToken(config, rest);
            case "set-password" -> setPassword(config, rest, System.in);
            default -> {
                System.err.println("unknown command '" + command + "'; use serve, migrate, create-user EMAIL [--admin], "
                        + "create-token EMAIL "
                        + "or set-password EMAIL");
                yield 64;
            }
        };
    }

    private static int serve(ApiConfig config) throws InterruptedException {
        var platform = Platform.start(config);
        LOG.info("at=info msg=\"platform-api listening\" port={} domain={}", platform.port(), config.domain());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("at=info msg=\"stopping: draining requests\"");
            platform.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private static int createUser(ApiConfig config, List<String> args) {
        if (args.isEmpty() || args.size() > 2 || (args.size() == 2 && !args.get(1).equals("--admin"))) {
            System.err.println("usage: create-user EMAIL [--admin]");
            return 64;
        }
        Database.migrate(config);
        try (var database = new Database(config)) {
            String token = new UserRepository(new AuthorizationRepository())
                    .create(database.dsl(), args.get(0), args.size() == 2);
            System.err.println("Created user " + args.get(0) + ". Its API token (shown once):");
            System.out.println(token);
            return 0;
        } catch (dev.paas.api.error.ApiFailure e) {
            System.err.println("cannot create user: " + e.getMessage());
            return 65;
        }
    }

    private static int createToken(ApiConfig config, List<String> args) {
        if (args.size() != 1) {
            System.err.println("usage: create-token EMAIL");
            return 64;
        }
        Database.migrate(config);
        try (var database = new Database(config)) {
            String token = new UserRepository(new AuthorizationRepository())
                    .issueToken(database.dsl(), args.get(0), "created by the operator (create-token)");
            System.err.println("New API token of " + args.get(0) + " (shown once):");
            System.out.println(token);
            return 0;
        } catch (dev.paas.api.error.ApiFailure e) {
            System.err.println("cannot create a token: " + e.getMessage());
            return 65;
        }
    }

    /** The password is read from {@code in} (its first line), so that it shows in no process list or history. */
    static int setPassword(ApiConfig config, List<String> args, java.io.InputStream in) {
        if (args.size() != 1) {
            System.err.println("usage: set-password EMAIL (the password on standard input)");
            return 64;
        }
        String password;
        try {
            password = new java.io.BufferedReader(new java.io.InputStreamReader(in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
        } catch (java.io.IOException e) {
            System.err.println("cannot read the password from standard input: " + e.getMessage());
            return 66;
        }
        Database.migrate(config);
        try (var database = new Database(config)) {
            new UserRepository(new AuthorizationRepository()).setPassword(database.dsl(), args.get(0), password);
            System.err.println("Set the password of " + args.get(0) + ".");
            return 0;
        } catch (dev.paas.api.error.ApiFailure e) {
            System.err.println("cannot set the password: " + e.getMessage());
            return 65;
        }
    }
}
