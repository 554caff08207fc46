package dev.paas.builder.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path tmp;

    @Test
    void moving_entries_moves_files_trees_and_links_and_keeps_what_the_target_has_already() throws Exception {
        Path from = Files.createDirectories(tmp.resolve("from"));
        Path to = Files.createDirectories(tmp.resolve("to"));
        Files.writeString(from.resolve("file"), "one");
        Files.createDirectories(from.resolve("tree/deeper"));
        Files.writeString(from.resolve("tree/deeper/leaf"), "two");
        Files.createSymbolicLink(from.resolve("link"), Path.of("/nowhere"));
        Files.writeString(from.resolve("taken"), "mine");
        Files.writeString(to.resolve("taken"), "theirs");

        FileTrees.moveEntries(from, to);

        assertThat(from).isEmptyDirectory();
        assertThat(to.resolve("file")).hasContent("one");
        assertThat(to.resolve("tree/deeper/leaf")).hasContent("two");
        assertThat(Files.readSymbolicLink(to.resolve("link"))).isEqualTo(Path.of("/nowhere"));
        assertThat(to.resolve("taken")).hasContent("theirs");
    }

    @Test
    void links_a_build_left_pointing_outside_are_moved_and_deleted_as_links_never_followed() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("host/etc"));
        Files.writeString(outside.resolve("passwd"), "root");
        Path from = Files.createDirectories(tmp.resolve("warm-cache"));
        Path to = Files.createDirectories(tmp.resolve("app-cache"));
        Files.createSymbolicLink(from.resolve("escape"), outside);
        Files.createSymbolicLink(from.resolve("taken"), outside);
        Files.createDirectories(to.resolve("taken"));

        FileTrees.moveEntries(from, to);
        FileTrees.delete(to);

        assertThat(from).isEmptyDirectory();
        assertThat(to).doesNotExist();
        assertThat(outside.resolve("passwd")).as("nothing behind a link is touched").hasContent("root");
    }

    @Test
    void deleting_a_tree_deletes_everything_under_it_and_a_missing_one_is_no_error() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dir/a/b"));
        Files.writeString(dir.resolve("c"), "x");

        FileTrees.delete(tmp.resolve("dir"));
        FileTrees.delete(tmp.resolve("never-there"));

        assertThat(tmp.resolve("dir")).doesNotExist();
    }
}
