package dev.paas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paas.client.Json;
import dev.paas.client.PlatformClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** What every command works with: config, streams, and an API client with the user's token. */
public final class Session {
    private final CliConfig config;
    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final ObjectMapper json = Json.mapper();

    public Session(CliConfig config, InputStream in, PrintWriter out, PrintWriter err) {
        this.config = config;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
    }

    public CliConfig config() {
        return config;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Netrc netrc() {
        return new Netrc(config.home());
    }

    /** A client with the token from PAAS_API_KEY or ~/.netrc; none → "Not logged in". */
    public PlatformClient client() {
        String token = config.apiKey() != null ? config.apiKey()
                : netrc().find(config.apiUrl().getHost()).map(Netrc.Entry::password).orElseThrow(
                        () -> new UserError("Not logged in. Run `paas login`."));
        return new PlatformClient(config.apiUrl(), token);
    }

    public PlatformClient client(String token) {
        return new PlatformClient(config.apiUrl(), token);
    }

    private boolean actionPending;

    /** Starts a heroku-style progress line on stderr ("Scaling dynos... "); data goes to stdout. */
    public void action(String message) {
        err.print(message + "... ");
        err.flush();
        actionPending = true;
    }

    public void done(String suffix) {
        err.println("done" + suffix);
        err.flush();
        actionPending = false;
    }

    /** Ends a pending progress line with "!" so the error that follows starts on a line of its own. */
    void abortAction() {
        if (actionPending) {
            err.println("!");
            actionPending = false;
        }
    }

    /** One line from standard input; null at its end. */
    public String readLine(String prompt) {
        err.print(prompt);
        err.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value as the API sends it, pretty printed. */
    public void printJson(Object value) {
        try {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
