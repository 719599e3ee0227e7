package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An unpacked image archive in the docker-archive layout ({@code manifest.json} naming a config
 * and layer tars, gzip-compressed or not), as {@code docker load} reads it. The assertions check
 * what a loader relies on: the files the manifest names exist, and each layer's uncompressed
 * SHA-256 equals the config's {@code rootfs.diff_ids} entry.
 */
final class ImageArchive {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final JsonNode manifest;
    final JsonNode config;
    final List<Path> layers = new ArrayList<>();

    private ImageArchive(Path dir) throws IOException {
        this.dir = dir;
        JsonNode all = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertThat(all.isArray() && all.size() == 1)
                .as("manifest.json holds one image")
                .isTrue();
        this.manifest = all.get(0);
        Path cfg = dir.resolve(manifest.path("Config").asText());
        assertThat(cfg).as("config named by manifest.json").isRegularFile();
        this.config = JSON.readTree(cfg.toFile());
        for (JsonNode l : manifest.path("Layers")) {
            Path layer = dir.resolve(l.asText());
            assertThat(layer).as("layer named by manifest.json").isRegularFile();
            layers.add(layer);
        }
    }

    /** Unpacks {@code tar} into {@code dir} with the system tar and reads its manifest. */
    static ImageArchive unpack(Path tar, Path dir) throws Exception {
        Files.createDirectories(dir);
        Processes.run(List.of("tar", "-xf", tar.toString(), "-C", dir.toString()), dir, 120);
        return new ImageArchive(dir);
    }

    /** Asserts each layer's uncompressed digest is the config's diff_id at the same position. */
    void assertDiffIdsMatchLayers() throws IOException {
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        assertThat(diffIds.size()).as("diff_ids vs layers").isEqualTo(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            assertThat("sha256:" + sha256(layers.get(i), true))
                    .as("diff_id of layer %s", layers.get(i).getFileName())
                    .isEqualTo(diffIds.get(i).asText());
        }
    }

    /** Extracts every layer in order into {@code rootfs} (the union a runtime would mount). */
    Path extractRootfs(Path rootfs) throws Exception {
        Files.createDirectories(rootfs);
        for (Path l : layers) {
            Processes.run(List.of("tar", isGzip(l) ? "-xzf" : "-xf", l.toString(), "-C", rootfs.toString()), dir, 120);
        }
        return rootfs;
    }

    static String sha256(Path file, boolean uncompressed) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = uncompressed && isGzip(file) ? new GZIPInputStream(raw) : raw) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }
}
