package dev.paas.common.registry;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A real Distribution registry ({@code /usr/bin/docker-registry}, Debian's docker-registry package) started by a test
 * on a free loopback port, with htpasswd (bcrypt) auth and deletes enabled, its storage in a temp directory. It
 * speaks plain HTTP: the engine allows that for 127.0.0.0/8 only, which is where it listens (bin/platform's is TLS).
 */
public final class TestRegistry implements AutoCloseable {
    public static final String BINARY = "/usr/bin/docker-registry";
    public static final String USER = "paas";
    public static final String PASSWORD = "test-registry-password";
    /** {@code htpasswd -Bbn paas test-registry-password}: bcrypt, as the registry requires. */
    private static final String HTPASSWD = "paas:$2y$05$hcPqgsgMEVcBP6cqKJmeJeyOHtGG0RnF6WeMAAPgixMVjrENbwt9u\n";
    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    private TestRegistry(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static TestRegistry start() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install docker-registry (bin/test does)");
        }
        Path dir = Files.createTempDirectory("paas-test-registry");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("htpasswd"), HTPASSWD);
        Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                  secret: test-registry-secret
                auth:
                  htpasswd:
                    realm: paas-test
                    path: %s
                """.formatted(dir.resolve("data"), port, dir.resolve("htpasswd")));
        var registry = new TestRegistry(dir, port);
        registry.run();
        return registry;
    }

    private void run() throws IOException, InterruptedException {
        process = new ProcessBuilder(BINARY, "serve", config().toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        var deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the test registry ended: " + log());
            }
            try {
                if (get("/v2/").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the test registry did not answer within 30 s: " + log());
    }

    /** {@code 127.0.0.1:PORT}, as {@code PAAS_REGISTRY} takes it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public Registry registry() {
        return new Registry(address(), USER, PASSWORD);
    }

    public Path config() {
        return dir.resolve("config.yml");
    }

    /**
     * Pushes a local image as {@code ADDRESS/REPOSITORY:pushed} with the docker CLI (logged in through a config
     * dir of its own), drops that tag again, and returns the pushed image by digest. The first push of the stack
     * image compresses half a gigabyte: do it in a {@code @BeforeAll}; later pushes of images on the same layers
     * send only their own (the engine mounts the rest from this repository).
     */
    public String push(String localImage, String repository) throws IOException, InterruptedException {
        Path config = Files.createTempDirectory("paas-docker-config");
        String tagged = address() + "/" + repository + ":pushed";
        try {
            docker(List.of("--config", config.toString(), "login", "-u", USER, "--password-stdin", address()),
                    PASSWORD);
            docker(List.of("tag", localImage, tagged), null);
            docker(List.of("--config", config.toString(), "push", tagged), null);
            String digests = docker(List.of("image", "inspect", "-f", "{{range .RepoDigests}}{{println .}}{{end}}",
                    tagged), null);
            String pushed = digests.lines().filter(d -> d.startsWith(address() + "/" + repository + "@"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no digest for " + tagged + ": "
                            + digests));
            docker(List.of("rmi", tagged), null);
            return pushed;
        } finally {
            new ProcessBuilder("rm", "-rf", config.toString()).start().waitFor();
        }
    }

    /**
     * {@link #push}, for a large image pushed first into an empty registry (the stack image: its first push compresses
     * half a gigabyte, half a minute): the storage of such a push is kept in the temp directory, by image id and
     * repository, and the next test registry's storage starts as a copy of it, so that its push finds every layer
     * there and uploads nothing. Blobs are hard links (the registry writes a blob's file once, by a rename, and deleting
     * one unlinks it); the repositories' link files, which a push rewrites in place, are copies.
     */
    public String pushKept(String localImage, String repository) throws IOException, InterruptedException {
        String id = docker(List.of("image", "inspect", "-f", "{{.Id}}", localImage), null).strip();
        String name = id.replace("sha256:", "") + "-" + repository.replace('/', '_');
        Path kept = KEPT.resolve(name);
        Path data = dir.resolve("data");
        boolean empty = !Files.exists(data.resolve("docker"));
        if (empty && Files.isDirectory(kept)) {
            copyStorage(kept, data);
        }
        String pushed = push(localImage, repository);
        if (empty && !Files.isDirectory(kept)) {
            Files.createDirectories(KEPT);
            Path fresh = Files.createTempDirectory(KEPT, ".new-");
            copyStorage(data, fresh);
            try {
                Files.move(fresh, kept, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException anotherKeptItFirst) {
                exec(List.of("rm", "-rf", fresh.toString()));
            }
            // the copies of an older image's push to this repository go
            try (var entries = Files.list(KEPT)) {
                for (Path old : entries.filter(p -> !p.equals(kept) && p.getFileName().toString()
                        .endsWith("-" + repository.replace('/', '_'))).toList()) {
                    exec(List.of("rm", "-rf", old.toString()));
                }
            }
        }
        return pushed;
    }

    private static final Path KEPT = Path.of(System.getProperty("java.io.tmpdir"), "paas-test-registry-kept");
    private static final String V2 = "docker/registry/v2";

    /** The registry storage under {@code from} into {@code to} (its docker/ not there yet), blobs hard-linked. */
    private static void copyStorage(Path from, Path to) throws IOException, InterruptedException {
        Files.createDirectories(to.resolve(V2));
        String blobs = from.resolve(V2 + "/blobs").toString();
        if (exec(List.of("cp", "-al", blobs, to.resolve(V2).toString())) != 0) {
            exec(List.of("rm", "-rf", to.resolve(V2 + "/blobs").toString()));
            exec(List.of("cp", "-a", blobs, to.resolve(V2).toString()));
        }
        exec(List.of("cp", "-a", from.resolve(V2 + "/repositories").toString(), to.resolve(V2).toString()));
    }

    private static int exec(List<String> command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    /** Runs Debian's docker CLI; fails with its output when it fails. */
    public static String docker(List<String> args, String stdin) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of("/usr/bin/docker"));
        command.addAll(args);
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /** The status of {@code HEAD /v2/NAME/manifests/REFERENCE} (200, or 404 once deleted). */
    public int manifestStatus(String name, String reference) throws IOException, InterruptedException {
        var request = authorized("/v2/" + name + "/manifests/" + reference)
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Stops it and runs {@code docker-registry garbage-collect} over its storage; returns the command's output. */
    public String collectGarbage() throws IOException, InterruptedException {
        stop();
        var gc = new ProcessBuilder(BINARY, "garbage-collect", config().toString())
                .redirectErrorStream(true).start();
        String out = new String(gc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gc.waitFor() != 0) {
            throw new IllegalStateException("garbage-collect failed: " + out);
        }
        run();
        return out;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(authorized(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create("http://" + address() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
    }
}
