package dev.paas.builder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A working tree driven with the real git command line, as a user would push an app. */
final class GitWorkspace {
    private final Path dir;
    private final Path home;

    private GitWorkspace(Path dir, Path home) {
        this.dir = dir;
        this.home = home;
    }

    /** A fresh repository on branch main; {@code home} holds the .netrc git reads credentials from. */
    static GitWorkspace init(Path dir, Path home) throws Exception {
        Files.createDirectories(dir);
        var ws = new GitWorkspace(dir, home);
        ws.git("init", "-q", "-b", "main");
        return ws;
    }

    static void netrc(Path home, String host, String token) throws IOException {
        Files.createDirectories(home);
        Path netrc = home.resolve(".netrc");
        Files.writeString(netrc, "machine " + host + "\n  login user@example.com\n  password " + token + "\n");
        Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));
    }

    Path dir() {
        return dir;
    }

    GitWorkspace write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    GitWorkspace executable(String path, String content) throws IOException {
        write(path, content);
        Files.setPosixFilePermissions(dir.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x"));
        return this;
    }

    String commit(String message) throws Exception {
        git("add", "-A");
        git("commit", "-q", "--allow-empty", "-m", message);
        return git("rev-parse", "HEAD").output().strip();
    }

    Result push(String url, String... refspecs) throws Exception {
        var args = new ArrayList<>(List.of("push", url));
        args.addAll(List.of(refspecs));
        var result = git(args.toArray(String[]::new));
        System.out.println("$ git " + String.join(" ", args) + "\n" + result.output());
        return result;
    }

    /** A push running in the background, its output going to {@code log}: a client that can be killed. */
    Process startPush(String url, Path log, String... refspecs) throws Exception {
        var command = new ArrayList<>(List.of("git", "-c", "credential.helper=", "-c", "core.askPass=/bin/false",
                "push", url));
        command.addAll(List.of(refspecs));
        var pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        return pb.start();
    }

    Result git(String... args) throws Exception {
        var command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                "-c", "credential.helper=", "-c", "core.askPass=/bin/false"));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_ASKPASS", "/bin/false");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("git " + String.join(" ", args) + " did not end:\n" + out);
        }
        var result = new Result(p.exitValue(), out);
        if (!args[0].equals("push") && result.exitCode() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed:\n" + out);
        }
        return result;
    }

    record Result(int exitCode, String output) {
    }
}
