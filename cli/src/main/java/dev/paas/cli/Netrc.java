package dev.paas.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ~/.netrc as the heroku CLI keeps it: one {@code machine HOST login EMAIL password TOKEN} entry
 * per host, so that git (and curl -n) authenticate to the platform with the same token.
 */
public final class Netrc {
    public record Entry(String machine, String login, String password) {
    }

    private final Path file;

    public Netrc(Path home) {
        this.file = home.resolve(".netrc");
    }

    public Optional<Entry> find(String machine) {
        return entries().stream().filter(e -> e.machine().equals(machine)).findFirst();
    }

    public List<Entry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Adds or replaces the entry for {@code entry.machine()}, keeping every other entry. */
    public void put(Entry entry) {
        var kept = new ArrayList<>(entries().stream().filter(e -> !e.machine().equals(entry.machine())).toList());
        kept.add(entry);
        write(kept);
    }

    public boolean remove(String machine) {
        var all = entries();
        var kept = all.stream().filter(e -> !e.machine().equals(machine)).toList();
        if (kept.size() != all.size()) {
            write(kept);
            return true;
        }
        return false;
    }

    static List<Entry> parse(String text) {
        var tokens = text.replaceAll("(?m)#.*$", "").trim().split("\\s+");
        var entries = new ArrayList<Entry>();
        String machine = null;
        String login = null;
        String password = null;
        for (int i = 0; i < tokens.length; i++) {
            String value = i + 1 < tokens.length ? tokens[i + 1] : null;
            switch (tokens[i]) {
                case "machine", "default" -> {
                    if (machine != null) {
                        entries.add(new Entry(machine, login, password));
                    }
                    machine = tokens[i].equals("default") ? "default" : value;
                    login = null;
                    password = null;
                    if (tokens[i].equals("machine")) {
                        i++;
                    }
                }
                case "login" -> {
                    login = value;
                    i++;
                }
                case "password" -> {
                    password = value;
                    i++;
                }
                case "account", "macdef" -> i++;
                default -> {
                    // unknown token: skipped, as ftp and curl do
                }
            }
        }
        if (machine != null) {
            entries.add(new Entry(machine, login, password));
        }
        return entries;
    }

    private void write(List<Entry> entries) {
        var out = new StringBuilder();
        for (var e : entries) {
            out.append(e.machine().equals("default") ? "default" : "machine " + e.machine()).append('\n');
            if (e.login() != null) {
                out.append("  login ").append(e.login()).append('\n');
            }
            if (e.password() != null) {
                out.append("  password ").append(e.password()).append('\n');
            }
        }
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, out.toString());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
