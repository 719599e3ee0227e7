package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The daemonless image build, end to end: {@code k8s/image/build-base-image.sh} (jlink + glibc,
 * user 10001) and Jib's {@code buildTar} on top of it via {@code k8s/image/pom.xml} (the same
 * path {@code build-image.sh relay|mediator} takes), each archive checked as a loader reads it
 * and its entrypoint run from the unpacked layers: in a chroot as uid 10001 when this runs as
 * root, else through the image's own dynamic loader and libraries.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Renders.k8sDir().getParent();
    private static final Path WORK = Renders.k8sDir().resolve("target/image-it");
    private static final Path BASE_TAR = WORK.resolve("java-base.tar");

    @Test
    @Order(1)
    void baseImageIsAValidDockerAndOciArchiveWhoseJavaRunsAsUser10001() throws Exception {
        buildBase();
        Path dir = WORK.resolve("base");
        ImageArchive a = ImageArchive.unpack(BASE_TAR, dir);
        a.assertDiffIdsMatchLayers();
        assertThat(a.manifest.path("RepoTags").get(0).asText()).isEqualTo("switchboard/java-base:25");
        // the OCI half: index -> manifest -> config and layer blobs, digests = file names
        JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
        assertThat(Files.readString(dir.resolve("oci-layout"))).contains("\"imageLayoutVersion\":\"1.0.0\"");
        String manifestDigest = index.path("manifests").get(0).path("digest").asText();
        JsonNode ociManifest = JSON.readTree(blob(dir, manifestDigest).toFile());
        assertThat(ociManifest.path("config").path("digest").asText())
                .isEqualTo("sha256:" + a.manifest.path("Config").asText().replace("blobs/sha256/", ""));
        for (String digest : Stream.concat(
                        Stream.of(
                                manifestDigest,
                                ociManifest.path("config").path("digest").asText()),
                        ociManifest
                                .path("layers")
                                .valueStream()
                                .map(l -> l.path("digest").asText()))
                .toList()) {
            assertThat("sha256:" + ImageArchive.sha256(blob(dir, digest), false))
                    .isEqualTo(digest);
        }
        JsonNode cfg = a.config.path("config");
        assertThat(cfg.path("User").asText()).isEqualTo("10001:10001");
        assertThat(cfg.path("Env").toString()).contains("PATH=/opt/java/bin:");

        Path rootfs = a.extractRootfs(dir.resolve("rootfs"));
        assertThat(Files.readString(rootfs.resolve("etc/passwd"))).contains("app:x:10001:10001:");
        assertThat(rootfs.resolve("tmp")).isDirectory();
        String out = runInRootfs(rootfs, "10001:10001", List.of("java", "-XshowSettings:properties", "-version"));
        assertThat(out).contains("java.home = /opt/java").contains("java.specification.version = 2");
        if (chrootAvailable()) {
            assertThat(out).contains("user.name = app");
        }
    }

    @Test
    @Order(2)
    void jibLaysAPlainJarAppOntoTheBaseAndItsEntrypointRuns() throws Exception {
        Path app = WORK.resolve("app");
        fixtureJars(app.resolve("lib/greeting.jar"), app.resolve("app.jar"), null);
        String out =
                buildWithJibAndRun("hello", app, "java,-cp,/app/app.jar:/app/lib/*,app.Main", "app/lib/greeting.jar");
        assertThat(out).contains("hello from the image").contains("java.home=/opt/java");
    }

    @Test
    @Order(3)
    void jibLaysAQuarkusFastJarLayoutOntoTheBaseAndJavaJarRuns() throws Exception {
        // the fast-jar shape build-image.sh mediator copies: quarkus-run.jar whose manifest
        // Class-Path points into lib/ relative to /app
        Path app = WORK.resolve("quarkus-app");
        fixtureJars(app.resolve("lib/main/greeting.jar"), app.resolve("quarkus-run.jar"), "lib/main/greeting.jar");
        String out = buildWithJibAndRun("fastjar", app, "java,-jar,/app/quarkus-run.jar", "app/lib/main/greeting.jar");
        assertThat(out).contains("hello from the image");
    }

    /** Jib buildTar of {@code app} over the base; checks the archive; runs its entrypoint; returns the output. */
    private static String buildWithJibAndRun(String name, Path app, String entrypoint, String expectedFile)
            throws Exception {
        buildBase();
        Path tar = WORK.resolve(name + ".tar");
        Files.createDirectories(REPO.resolve("k8s/image/target/classes"));
        Processes.run(
                List.of(
                        REPO.resolve("mvnw").toString(),
                        "-B",
                        "-q",
                        "-f",
                        "k8s/image/pom.xml",
                        "jib:buildTar",
                        "-Dimage.base=tar://" + BASE_TAR,
                        "-Dimage.app.dir=" + app,
                        "-Dimage.ref=switchboard/" + name + ":it",
                        "-Dimage.tar=" + tar,
                        "-Djib.container.entrypoint=" + entrypoint),
                REPO,
                300);

        Path dir = WORK.resolve(name);
        ImageArchive a = ImageArchive.unpack(tar, dir);
        a.assertDiffIdsMatchLayers();
        assertThat(a.manifest.path("RepoTags").get(0).asText()).isEqualTo("switchboard/" + name + ":it");
        ImageArchive base = ImageArchive.unpack(BASE_TAR, WORK.resolve(name + "-base"));
        assertThat(a.config.path("rootfs").path("diff_ids").get(0))
                .as("the base layer is reused as is")
                .isEqualTo(base.config.path("rootfs").path("diff_ids").get(0));
        assertThat(a.layers).as("base, dependencies, application (+ Jib's own)").hasSizeGreaterThanOrEqualTo(3);
        JsonNode cfg = a.config.path("config");
        assertThat(cfg.path("User").asText()).isEqualTo("10001:10001");
        assertThat(cfg.path("WorkingDir").asText()).isEqualTo("/app");
        List<String> cmd = new ArrayList<>();
        cfg.path("Entrypoint").forEach(n -> cmd.add(n.asText()));
        assertThat(String.join(",", cmd)).isEqualTo(entrypoint);

        Path rootfs = a.extractRootfs(dir.resolve("rootfs"));
        assertThat(rootfs.resolve(expectedFile)).isRegularFile();
        String out = runInRootfs(rootfs, cfg.path("User").asText(), cmd);
        if (chrootAvailable()) {
            assertThat(out).contains(" as app ");
        }
        return out;
    }

    private static synchronized void buildBase() throws Exception {
        if (Files.isRegularFile(BASE_TAR)) {
            return;
        }
        Files.createDirectories(WORK);
        Processes.run(
                List.of(REPO.resolve("k8s/image/build-base-image.sh").toString(), BASE_TAR.toString()),
                REPO,
                300,
                Map.of("JAVA_HOME", System.getProperty("java.home"), "TMPDIR", WORK.toString()),
                false);
    }

    private static Path blob(Path dir, String digest) {
        return dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private static boolean chrootAvailable() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/chroot"));
    }

    /** Runs {@code cmd} (an image entrypoint, absolute image paths) against the unpacked {@code rootfs}. */
    private static String runInRootfs(Path rootfs, String user, List<String> cmd) throws Exception {
        List<String> full = new ArrayList<>();
        if (chrootAvailable()) {
            // /proc is not mounted in a bare chroot: tell the loader where $ORIGIN is.
            full.addAll(List.of("/usr/sbin/chroot", "--userspec=" + user, rootfs.toString()));
            full.addAll(cmd);
            return Processes.run(
                            full,
                            rootfs,
                            120,
                            Map.of("PATH", "/opt/java/bin:/usr/bin:/bin", "LD_ORIGIN_PATH", "/opt/java/bin"),
                            true)
                    .output();
        }
        full.addAll(List.of(
                rootfs.resolve("lib64/ld-linux-x86-64.so.2").toString(),
                "--library-path",
                rootfs.resolve("lib/x86_64-linux-gnu").toString(),
                rootfs.resolve("opt/java/bin/java").toString()));
        cmd.stream().skip(1).map(a -> a.replace("/app/", rootfs + "/app/")).forEach(full::add);
        return Processes.run(full, rootfs, 120, Map.of(), true).output();
    }

    /**
     * Two jars: {@code libJar} (package greet, a dependency) and {@code mainJar} (app.Main calling
     * it), the latter with {@code Main-Class} and, when given, a manifest {@code Class-Path}.
     */
    private static void fixtureJars(Path libJar, Path mainJar, @Nullable String classPath) throws Exception {
        Path src = WORK.resolve("src");
        Path classes = WORK.resolve("classes");
        Files.createDirectories(src.resolve("greet"));
        Files.createDirectories(src.resolve("app"));
        Files.createDirectories(classes);
        Files.createDirectories(libJar.getParent());
        Files.writeString(src.resolve("greet/Greeting.java"), """
                package greet;
                public final class Greeting {
                    public static String text() { return "hello from the image"; }
                }
                """);
        Files.writeString(src.resolve("app/Main.java"), """
                package app;
                public final class Main {
                    public static void main(String[] args) {
                        System.out.println(greet.Greeting.text() + " as " + System.getProperty("user.name")
                            + " java.home=" + System.getProperty("java.home"));
                    }
                }
                """);
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "--release",
                        "21",
                        "-d",
                        classes.toString(),
                        src.resolve("greet/Greeting.java").toString(),
                        src.resolve("app/Main.java").toString());
        assertThat(rc).as("javac").isZero();
        jar(classes, "greet", libJar, new Manifest());
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "app.Main");
        if (classPath != null) {
            m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        jar(classes, "app", mainJar, m);
    }

    private static void jar(Path classes, String pkg, Path jar, Manifest manifest) throws Exception {
        try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(os, manifest);
                Stream<Path> files = Files.list(classes.resolve(pkg))) {
            for (Path f : files.sorted().toList()) {
                out.putNextEntry(new ZipEntry(pkg + "/" + f.getFileName()));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
    }
}
