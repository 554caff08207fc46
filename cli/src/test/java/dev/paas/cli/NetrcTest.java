package dev.paas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetrcTest {
    @TempDir
    Path home;

    @Test
    void put_replaces_the_entry_of_that_machine_and_keeps_the_others() throws Exception {
        Files.writeString(home.resolve(".netrc"), """
                machine github.com login me password ghp_x
                machine 127.0.0.1
                  login old@example.com
                  password old-token
                """);
        var netrc = new Netrc(home);

        netrc.put(new Netrc.Entry("127.0.0.1", "new@example.com", "new-token"));

        assertThat(netrc.entries()).containsExactlyInAnyOrder(
                new Netrc.Entry("github.com", "me", "ghp_x"),
                new Netrc.Entry("127.0.0.1", "new@example.com", "new-token"));
        assertThat(Files.getPosixFilePermissions(home.resolve(".netrc")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void a_new_netrc_is_created_private() throws Exception {
        new Netrc(home).put(new Netrc.Entry("api.example.com", "a@example.com", "t"));

        assertThat(new Netrc(home).find("api.example.com")).contains(new Netrc.Entry("api.example.com",
                "a@example.com", "t"));
        assertThat(Files.getPosixFilePermissions(home.resolve(".netrc")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void remove_drops_only_that_machine() {
        var netrc = new Netrc(home);
        netrc.put(new Netrc.Entry("a.example", "x", "1"));
        netrc.put(new Netrc.Entry("b.example", "y", "2"));

        assertThat(netrc.remove("a.example")).isTrue();
        assertThat(netrc.remove("a.example")).isFalse();
        assertThat(netrc.entries()).containsExactly(new Netrc.Entry("b.example", "y", "2"));
    }

    @Test
    void parse_reads_one_line_and_multi_line_entries_and_default() {
        var entries = Netrc.parse("machine a login u password p\n# comment\ndefault login anon password none\n");

        assertThat(entries).containsExactly(new Netrc.Entry("a", "u", "p"), new Netrc.Entry("default", "anon", "none"));
    }
}
