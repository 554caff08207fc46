package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRemoteTest {
    @TempDir
    Path dir;

    @Test
    void the_app_is_read_from_the_paas_remote_also_in_a_subdirectory() throws Exception {
        try (var git = Git.init().setDirectory(dir.toFile()).call()) {
            assertThat(GitRemote.add(dir, "http://127.0.0.1:5001/shop.git")).isTrue();
        }
        Path sub = Files.createDirectories(dir.resolve("src/main"));

        assertThat(GitRemote.app(sub)).contains("shop");
        assertThat(GitRemote.add(dir, "http://127.0.0.1:5001/other.git")).as("an existing remote is kept").isFalse();
        assertThat(GitRemote.app(dir)).contains("shop");
    }

    @Test
    void outside_a_git_repository_there_is_no_app() {
        assertThat(GitRemote.app(dir)).isEmpty();
        assertThat(GitRemote.add(dir, "http://127.0.0.1:5001/x.git")).isFalse();
    }

    @Test
    void app_names_come_from_the_last_path_segment() {
        assertThat(GitRemote.appOf("https://git.example.com/apps/demo.git")).isEqualTo("demo");
        assertThat(GitRemote.appOf("https://git.example.com/demo/")).isEqualTo("demo");
    }
}
