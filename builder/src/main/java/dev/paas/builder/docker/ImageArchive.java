package dev.paas.builder.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An image archive as {@code docker load} reads it (manifest.json, the image's config, its layers' tars) for an image
 * of a base the engine has plus one new layer. The archive names the base's layers but holds only the new one: an
 * engine loads no layer it has. The image is what a container of the base with {@code config}, the layer's files
 * copied in and committed, would be; its id is the sha256 of its config, as every engine computes it.
 */
final class ImageArchive {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageArchive() {
    }

    /** The base image as the engine describes it: its platform, its layers (diff ids) and its config. */
    record Base(String os, String architecture, List<String> diffIds, List<String> env, Map<String, String> labels) {
    }

    /**
     * Writes the archive of {@code base} plus {@code layer} (an uncompressed tar whose sha256 is {@code layerDiffId})
     * and returns the image's id ({@code sha256:...}).
     */
    static String write(OutputStream out, Base base, ImageConfig config, Path layer, String layerDiffId,
                        String repoTag, Instant created) throws IOException {
        byte[] imageConfig = JSON.writeValueAsBytes(config(base, config, layerDiffId, created));
        String id = "sha256:" + sha256(imageConfig);
        var layers = new ArrayList<String>();
        for (String diffId : base.diffIds()) {
            layers.add(hex(diffId) + "/layer.tar"); // the engine has it: named, not held
        }
        String layerPath = hex(layerDiffId) + "/layer.tar";
        layers.add(layerPath);
        var manifest = List.of(Map.of("Config", hex(id) + ".json", "RepoTags", List.of(repoTag), "Layers", layers));
        var tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        add(tar, hex(id) + ".json", imageConfig);
        var entry = new TarArchiveEntry(layerPath);
        entry.setSize(Files.size(layer));
        tar.putArchiveEntry(entry);
        Files.copy(layer, tar);
        tar.closeArchiveEntry();
        add(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
        tar.finish();
        return id;
    }

    /** The image config: the base's environment and labels under {@code config}'s (which win), its layers plus one. */
    static Map<String, Object> config(Base base, ImageConfig config, String layerDiffId, Instant created) {
        var env = new ArrayList<>(config.env());
        var named = env.stream().map(ImageArchive::name).toList();
        base.env().stream().filter(e -> !named.contains(name(e))).forEach(env::add);
        var labels = new LinkedHashMap<>(base.labels());
        labels.putAll(config.labels());
        var runs = new LinkedHashMap<String, Object>();
        runs.put("User", config.user());
        runs.put("Env", env);
        runs.put("Entrypoint", config.entrypoint());
        runs.put("Cmd", null);
        runs.put("WorkingDir", config.workDir());
        runs.put("Labels", labels);
        var diffIds = new ArrayList<>(base.diffIds());
        diffIds.add(layerDiffId);
        var image = new LinkedHashMap<String, Object>();
        image.put("architecture", base.architecture());
        image.put("os", base.os());
        image.put("created", created.toString());
        image.put("config", runs);
        image.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        return image;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(String env) {
        int eq = env.indexOf('=');
        return eq < 0 ? env : env.substring(0, eq);
    }

    private static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        var entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
