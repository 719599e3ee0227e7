package dev.switchboard.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The overlays under {@code k8s/overlays}, rendered once per JVM (kubectl takes ~100 ms each). */
final class Renders {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Renders() {}

    /** {@code k8s/} of this checkout (the module's base directory). */
    static Path k8sDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("overlays")) ? here : here.resolve("k8s");
    }

    static List<String> overlays() throws Exception {
        try (Stream<Path> s = Files.list(k8sDir().resolve("overlays"))) {
            return s.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml")))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    static String yaml(String overlay) {
        return CACHE.computeIfAbsent(overlay, o -> {
            try {
                return Kustomize.render(k8sDir().resolve("overlays").resolve(o));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A fresh (mutable) copy of the overlay's objects. */
    static List<HasMetadata> objects(String overlay) throws ManifestException {
        return StrictManifestLoader.load(yaml(overlay));
    }
}
