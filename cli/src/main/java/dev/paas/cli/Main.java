package dev.paas.cli;

import dev.paas.client.ApiException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** The {@code paas} entry point. {@link #run} is what tests call; only {@link #main} exits the JVM. */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        var out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        var err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = run(CliConfig.fromEnv(System.getenv(), Path.of("").toAbsolutePath()), System.in, out, err, args);
        } catch (IllegalArgumentException e) {
            err.println(" ▸    " + e.getMessage());
            code = FAILED;
        }
        System.exit(code);
    }

    public static int run(CliConfig config, InputStream in, PrintWriter out, PrintWriter err, String... args) {
        var session = new Session(config, in, out, err);
        var cli = new CommandLine(new PaasCommand(), new Factory(session))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    session.abortAction();
                    return failure(err, e, config);
                })
                .setParameterExceptionHandler((e, args2) -> {
                    err.println(" ▸    " + e.getMessage());
                    e.getCommandLine().usage(err);
                    return USAGE;
                });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The one mapping of failures to messages and exit codes. */
    private static int failure(PrintWriter err, Exception e, CliConfig config) {
        String message = switch (e) {
            case ApiException api -> api.getMessage();
            case UserError user -> user.getMessage();
            case UncheckedIOException io when isNetwork(io.getCause()) ->
                    "Cannot reach the platform API at " + config.apiUrl() + ": " + reason(io.getCause());
            case UncheckedIOException io -> io.getMessage();
            default -> "Unexpected error: " + e;
        };
        err.println(" ▸    " + message.replace("\n", "\n ▸    "));
        return FAILED;
    }

    private static boolean isNetwork(Throwable cause) {
        return cause instanceof ConnectException || cause instanceof HttpTimeoutException
                || cause instanceof SocketException || cause instanceof UnknownHostException;
    }

    /** The JDK's HTTP client often throws a ConnectException without a message; say what happened. */
    private static String reason(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return "unknown host";
            }
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return c.getMessage();
            }
        }
        return cause instanceof ConnectException ? "connection refused" : cause.getClass().getSimpleName();
    }

    /** Builds commands and mixins, handing the session to those whose constructor takes one. */
    private record Factory(Session session) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Session.class) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(session));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
