package dev.paas.builder.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE_LAYER = "sha256:" + "a".repeat(64);
    private static final String NEW_LAYER = "sha256:" + "b".repeat(64);
    @TempDir
    Path tmp;

    @Test
    void the_archive_names_the_bases_layers_holds_only_the_new_one_and_its_id_is_its_configs_sha256()
            throws Exception {
        Path layer = Files.write(tmp.resolve("layer.tar"), new byte[] {1, 2, 3});
        var base = new ImageArchive.Base("linux", "amd64", List.of(BASE_LAYER), List.of("LANG=C.UTF-8", "HOME=/"),
                Map.of("dev.paas.stack", "3", "dev.paas.app", "base's"));
        var config = new ImageConfig("1000:1000", "/app", List.of("HOME=/app"), List.of("/usr/local/bin/paas-launch"),
                Map.of("dev.paas.app", "web-app"));
        var out = new ByteArrayOutputStream();

        String id = ImageArchive.write(out, base, config, layer, NEW_LAYER, "paas-app/web-app:b1",
                Instant.parse("2026-12-01T00:00:00Z"));

        var entries = new LinkedHashMap<String, byte[]>();
        try (var tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.put(entry.getName(), tar.readAllBytes());
            }
        }
        String configFile = id.substring("sha256:".length()) + ".json";
        assertThat(entries).containsOnlyKeys(configFile, "b".repeat(64) + "/layer.tar", "manifest.json");
        assertThat(entries.get("b".repeat(64) + "/layer.tar")).containsExactly(1, 2, 3);
        assertThat("sha256:" + ImageArchive.sha256(entries.get(configFile))).isEqualTo(id);
        var manifest = JSON.readTree(entries.get("manifest.json")).get(0);
        assertThat(manifest.get("Config").asText()).isEqualTo(configFile);
        assertThat(manifest.get("RepoTags").get(0).asText()).isEqualTo("paas-app/web-app:b1");
        assertThat(manifest.get("Layers").toString())
                .isEqualTo("[\"" + "a".repeat(64) + "/layer.tar\",\"" + "b".repeat(64) + "/layer.tar\"]");
        var image = JSON.readTree(entries.get(configFile));
        assertThat(image.get("rootfs").get("diff_ids").toString())
                .isEqualTo("[\"" + BASE_LAYER + "\",\"" + NEW_LAYER + "\"]");
        assertThat(image.get("os").asText()).isEqualTo("linux");
        assertThat(image.get("architecture").asText()).isEqualTo("amd64");
        var runs = image.get("config");
        assertThat(runs.get("User").asText()).isEqualTo("1000:1000");
        assertThat(runs.get("WorkingDir").asText()).isEqualTo("/app");
        assertThat(runs.get("Entrypoint").toString()).isEqualTo("[\"/usr/local/bin/paas-launch\"]");
        assertThat(runs.get("Cmd").isNull()).isTrue();
        assertThat(runs.get("Env").toString()).as("ours first and winning, then the base's others")
                .isEqualTo("[\"HOME=/app\",\"LANG=C.UTF-8\"]");
        assertThat(JSON.convertValue(runs.get("Labels"), Map.class))
                .isEqualTo(Map.of("dev.paas.stack", "3", "dev.paas.app", "web-app"));
    }
}
