package dev.paas.builder.build;

import java.util.function.Consumer;

/**
 * A build's output: each line goes to the pusher as it happens and into the build record. The
 * record keeps the last {@code MAX_CHARS} characters so a runaway build cannot exhaust memory.
 */
public final class BuildLog {
    private static final int MAX_CHARS = 512 * 1024;
    private final Consumer<String> live;
    private final StringBuilder kept = new StringBuilder();

    public BuildLog(Consumer<String> live) {
        this.live = live;
    }

    /** A line as a buildpack would print it (Heroku's "-----> " headings, seven-space indents). */
    public synchronized void line(String line) {
        String clean = line.replace("\r", "");
        live.accept(clean);
        kept.append(clean).append('\n');
        if (kept.length() > 2 * MAX_CHARS) {
            kept.delete(0, kept.length() - MAX_CHARS);
        }
    }

    public void step(String heading) {
        line("-----> " + heading);
    }

    public void detail(String text) {
        line("       " + text);
    }

    public synchronized String text() {
        return kept.length() <= MAX_CHARS ? kept.toString() : kept.substring(kept.length() - MAX_CHARS);
    }
}
