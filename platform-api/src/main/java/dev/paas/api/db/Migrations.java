package dev.paas.api.db;

import java.io.IOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether a database has applied every migration this build ships, told without Flyway: every start
 * but the first after an upgrade finds nothing to do, and then loads none of Flyway's classes nor
 * scans and validates with it (about 2 s of start-up and 300 classes). Anything it cannot tell for
 * sure (no history table yet, a file it does not know) leaves the answer to Flyway.
 */
final class Migrations {
    static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__[^/]*\\.sql");

    private Migrations() {
    }

    /**
     * The versions of the migrations under {@link #LOCATION}, normalised ("V1_1__x.sql" is 1.1, as Flyway
     * reads it); empty when a file there is not a versioned SQL migration (a repeatable one, say), whose
     * state only Flyway knows.
     */
    static Optional<Set<String>> shipped(ClassLoader loader) throws IOException {
        var names = new ArrayList<String>();
        for (URL url : Collections.list(loader.getResources(LOCATION))) {
            names.addAll(namesIn(url));
        }
        var versions = new HashSet<String>();
        for (String name : names) {
            var versioned = VERSIONED.matcher(name);
            if (!versioned.matches()) {
                return Optional.empty();
            }
            versions.add(normalised(versioned.group(1)));
        }
        return Optional.of(versions);
    }

    /** The versions the database has applied with success, normalised; empty if it has no history yet. */
    static Optional<Set<String>> applied(Connection connection) {
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery(
                     "select version from flyway_schema_history where success and version is not null")) {
            var versions = new HashSet<String>();
            while (rows.next()) {
                versions.add(normalised(rows.getString(1)));
            }
            return Optional.of(versions);
        } catch (SQLException noHistoryYet) {
            return Optional.empty();
        }
    }

    /** True only when the history holds every shipped version: then Flyway would apply nothing. */
    static boolean upToDate(Optional<Set<String>> shipped, Optional<Set<String>> applied) {
        return shipped.isPresent() && !shipped.get().isEmpty() && applied.isPresent()
                && applied.get().containsAll(shipped.get());
    }

    /** "01.2_0" and "1.2" are one version to Flyway: numbers, compared without their leading zeros. */
    static String normalised(String version) {
        List<BigInteger> parts = Stream.of(version.replace('_', '.').split("\\."))
                .map(BigInteger::new).collect(Collectors.toCollection(ArrayList::new));
        while (parts.size() > 1 && parts.getLast().signum() == 0) {
            parts.removeLast();
        }
        return parts.stream().map(BigInteger::toString).collect(Collectors.joining("."));
    }

    private static List<String> namesIn(URL url) throws IOException {
        if (url.getProtocol().equals("jar")) {
            var connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (var jar = connection.getJarFile()) {
                String entry = connection.getEntryName();
                String prefix = entry.endsWith("/") ? entry : entry + "/";
                return jar.stream().map(java.util.zip.ZipEntry::getName)
                        .filter(name -> name.startsWith(prefix) && !name.endsWith("/"))
                        .map(name -> name.substring(prefix.length())).toList();
            }
        }
        try (var files = Files.list(Path.of(url.toURI()))) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
            throw new IOException("cannot list " + url, notAFile);
        }
    }
}
