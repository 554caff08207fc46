package dev.paas.bench.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a component's JVM uses of its heap, metaspace and code cache, as jcmd tells it: the figures its
 * caps in bin/platform are set against.
 */
final class JvmUsage {
    private static final Pattern GENERATION = Pattern.compile("(?m)^\\s*\\S+(?: generation)?\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K, committed (\\d+)K");
    private static final Pattern CODE = Pattern.compile("CodeCache: size=\\d+Kb,? used=(\\d+)Kb");

    private JvmUsage() {
    }

    static String of(String pid) {
        try {
            String heap = jcmd(pid, "GC.heap_info");
            long used = 0;
            long committed = 0;
            Matcher m = GENERATION.matcher(heap);
            while (m.find()) {
                committed += Long.parseLong(m.group(1));
                used += Long.parseLong(m.group(2));
            }
            Matcher meta = METASPACE.matcher(jcmd(pid, "VM.metaspace", "basic"));
            Matcher code = CODE.matcher(jcmd(pid, "Compiler.codecache"));
            return String.format("heap %.1f MB used of %.1f MB committed, metaspace %s MB used, code cache %s MB used",
                    used / 1024.0, committed / 1024.0,
                    meta.find() ? String.format("%.1f", Long.parseLong(meta.group(1)) / 1024.0) : "?",
                    code.find() ? String.format("%.1f", Long.parseLong(code.group(1)) / 1024.0) : "?");
        } catch (IOException | InterruptedException e) {
            return "(jcmd failed: " + e.getMessage() + ")";
        }
    }

    private static String jcmd(String pid, String... command) throws IOException, InterruptedException {
        var args = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                pid));
        args.addAll(List.of(command));
        var process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output.strip());
        }
        return output;
    }
}
