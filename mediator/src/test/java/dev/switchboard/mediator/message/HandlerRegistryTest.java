package dev.switchboard.mediator.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.TestWallet;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The registry is what the sources declare: searching the full URI of a handled message type finds the method
 * that handles it, everything discover-features discloses or the docs name is declared, and the "where to find
 * things" table of docs/architecture.md names each handler method.
 */
@QuarkusTest
class HandlerRegistryTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern TYPE_URI = Pattern.compile("https://didcomm\\.org/[\\w-]+/\\d+\\.\\d+/[\\w-]+");

    @Inject
    HandlerRegistry registry;

    @Inject
    MediatorIdentity identity;

    @Test
    void everyHandledTypeIsWrittenInFullAboveItsMethod() throws IOException {
        assertThat(registry.declared()).hasSizeGreaterThan(30);
        for (HandlerRegistry.Declared declared : registry.declared()) {
            Class<?> owner = declared.method().getDeclaringClass();
            List<String> lines = Files.readAllLines(MAIN.resolve(owner.getName().replace('.', '/') + ".java"));
            int at = lines.indexOf("    @Handles(\"" + declared.type() + "\")");
            assertThat(at).as("@Handles(\"%s\") in %s", declared.type(), owner).isNotNegative();
            String signature = lines.stream()
                    .skip(at)
                    .filter(l -> !l.strip().startsWith("@"))
                    .findFirst()
                    .orElseThrow();
            assertThat(signature)
                    .as(declared.type().toString())
                    .contains(" " + declared.method().getName() + "(");
        }
    }

    @Test
    void everyDisclosedProtocolIsDeclaredWithItsRoles() throws IOException {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        ObjectNode query = TestWallet.message("https://didcomm.org/discover-features/1.0/query");
        query.put("query", "https://didcomm.org/*");
        List<String> disclosed = new ArrayList<>();
        wallet.call(query)
                .path("protocols")
                .forEach(p -> disclosed.add(p.path("pid").asText()));
        assertThat(disclosed)
                .hasSameSizeAs(registry.served())
                .contains("https://didcomm.org/messagepickup/2.0", "https://didcomm.org/routing/2.0");
        String sources = allSources();
        for (String piuri : disclosed) {
            assertThat(Pattern.compile("@Serves\\(\\s*value = \"" + Pattern.quote(piuri) + "\"")
                            .matcher(sources)
                            .find())
                    .as(piuri)
                    .isTrue();
        }
    }

    @Test
    void everyTypeInTheDocsOfAServedProtocolIsHandled() throws IOException {
        List<String> declared =
                registry.declared().stream().map(d -> d.type().toString()).toList();
        List<String> documented = new ArrayList<>();
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            for (Path doc : docs.toList()) {
                Matcher m = TYPE_URI.matcher(Files.readString(doc));
                while (m.find()) {
                    documented.add(m.group());
                }
            }
        }
        assertThat(documented).isNotEmpty();
        for (String type : documented) {
            if (registry.served().stream()
                    .anyMatch(s -> MessageType.of(type).piuri().sameMajor(s.piuri()))) {
                assertThat(declared).as(type).contains(type);
            }
        }
    }

    @Test
    void theArchitectureTableNamesEachHandlerMethod() throws IOException {
        Pattern row = Pattern.compile("^\\| `(https://didcomm\\.org/[^`]+)` \\| `protocol/[\\w/]+/(\\w+\\.\\w+)` \\|$");
        Map<String, String> table = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("../docs/architecture.md"))) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                table.put(m.group(1), m.group(2));
            }
        }
        Map<String, String> declared = new HashMap<>();
        registry.declared()
                .forEach(d -> declared.put(
                        d.type().toString(),
                        d.method().getDeclaringClass().getSimpleName() + "."
                                + d.method().getName()));
        assertThat(table).isEqualTo(declared);
    }

    private static String allSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
