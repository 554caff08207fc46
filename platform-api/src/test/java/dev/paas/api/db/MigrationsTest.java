package dev.paas.api.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start against a database that has every migration goes without Flyway; any other start goes through it. */
class MigrationsTest {
    private static final Path SOURCES = Path.of("../migrations/src/main/resources/db/migration");

    @TempDir
    Path dir;

    @Test
    void the_shipped_versions_are_the_migration_files_of_the_migrations_module() throws Exception {
        Set<String> files;
        try (var list = Files.list(SOURCES)) {
            files = list.map(f -> f.getFileName().toString().replaceFirst("^V([0-9]+)__.*", "$1"))
                    .collect(Collectors.toSet());
        }

        assertThat(Migrations.shipped(getClass().getClassLoader())).hasValue(files);
        assertThat(files).contains("1", "22");
    }

    @Test
    void a_jar_is_read_with_its_directory_entry_and_versions_are_read_as_flyway_reads_them() throws Exception {
        try (var loader = jar("db/migration/", "db/migration/V1__create.sql", "db/migration/V1_1__alter.sql",
                "db/migration/V007__more.sql", "other/V9__elsewhere.sql")) {
            assertThat(Migrations.shipped(loader)).hasValue(Set.of("1", "1.1", "7"));
        }
    }

    @Test
    void a_file_other_than_a_versioned_sql_migration_leaves_the_answer_to_flyway() throws Exception {
        try (var repeatable = jar("db/migration/", "db/migration/V1__create.sql", "db/migration/R__views.sql");
             var nested = jar("db/migration/", "db/migration/V1__create.sql", "db/migration/more/V2__x.sql")) {
            assertThat(Migrations.shipped(repeatable)).isEmpty();
            assertThat(Migrations.shipped(nested)).isEmpty();
        }
    }

    @Test
    void versions_are_numbers_without_leading_zeros_or_trailing_zero_parts() {
        assertThat(Migrations.normalised("01.2_0")).isEqualTo("1.2");
        assertThat(Migrations.normalised("22")).isEqualTo("22");
        assertThat(Migrations.normalised("0")).isEqualTo("0");
    }

    @Test
    void up_to_date_only_when_the_history_holds_every_shipped_version() {
        var shipped = Optional.of(Set.of("1", "2", "3"));

        assertThat(Migrations.upToDate(shipped, Optional.of(Set.of("1", "2", "3")))).isTrue();
        assertThat(Migrations.upToDate(shipped, Optional.of(Set.of("1", "2", "3", "4")))).as("a newer database")
                .isTrue();
        assertThat(Migrations.upToDate(shipped, Optional.of(Set.of("1", "3")))).isFalse();
        assertThat(Migrations.upToDate(shipped, Optional.empty())).as("no history table").isFalse();
        assertThat(Migrations.upToDate(Optional.empty(), Optional.of(Set.of("1", "2", "3")))).isFalse();
        assertThat(Migrations.upToDate(Optional.of(Set.of()), Optional.of(Set.of()))).as("nothing found").isFalse();
    }

    @Test
    void a_new_database_is_migrated_then_found_up_to_date_and_a_failed_migration_is_applied_again()
            throws Exception {
        int shipped = Migrations.shipped(getClass().getClassLoader()).orElseThrow().size();
        try (var database = new ScratchDatabase()) {
            var config = database.config();
            assertThat(Database.migrate(config)).isEqualTo(shipped);
            assertThat(Database.migrate(config)).as("up to date").isZero();

            try (var c = database.connect(); var s = c.createStatement()) {
                // As Flyway leaves a migration that failed half-way on a database without transactional DDL.
                s.execute("update flyway_schema_history set success = false where version = '22'");
                assertThat(Migrations.applied(c)).hasValueSatisfying(v -> assertThat(v).doesNotContain("22"));
            }
            var repaired = org.assertj.core.api.Assertions.catchThrowable(() -> Database.migrate(config));
            assertThat(repaired).as("Flyway, not the quick check, answers: it refuses a failed migration")
                    .hasMessageContaining("22");
        }
    }

    private URLClassLoader jar(String... entries) throws Exception {
        Path jar = Files.createTempFile(dir, "migrations", ".jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                if (!entry.endsWith("/")) {
                    out.write("select 1;".getBytes());
                }
                out.closeEntry();
            }
        }
        return new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null);
    }
}
