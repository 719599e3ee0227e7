package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract read from the services' sources, and one broken manifest per {@code env-contract} check. */
class ServiceContractTest {
    private static final ServiceContract CONTRACT =
            ServiceContract.fromSources(Renders.k8sDir().getParent());
    private List<HasMetadata> objects;

    @BeforeEach
    void freshProductionRender() throws Exception {
        objects = new ArrayList<>(Renders.objects("production"));
        assertThat(CONTRACT.check(objects)).isEmpty();
    }

    private Container container(String deployment) {
        return objects.stream()
                .filter(o ->
                        o instanceof Deployment && o.getMetadata().getName().equals(deployment))
                .map(o -> ((Deployment) o)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0))
                .findFirst()
                .orElseThrow();
    }

    private ConfigMap configMap(String name) {
        return objects.stream()
                .filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals(name))
                .map(ConfigMap.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theRelayContractIsTheRelayOptionsFlags() {
        var relay = CONTRACT.services().get("socketdock");
        assertThat(relay.env())
                .contains("SOCKETDOCK_DRAIN_WINDOW", "SOCKETDOCK_SECRET", "SOCKETDOCK_MESSAGE_URI", "JDK_JAVA_OPTIONS")
                .doesNotContain("SOCKETDOCK_DRAIN_SECONDS")
                .hasSizeGreaterThan(25);
        assertThat(relay.flags()).contains("--bindip", "--endpoint", "--drain-window");
        assertThat(relay.paths()).containsExactlyInAnyOrder("/health/live", "/health/ready", "/metrics");
        assertThat(relay.metrics()).contains("socketdock_connections_open");
    }

    @Test
    void theMediatorContractIsItsConfigMappingsPlusNamedQuarkusKeys() {
        var mediator = CONTRACT.services().get("mediator");
        assertThat(mediator.env())
                .contains(
                        "SWITCHBOARD_MEDIATOR_KEY_ENCRYPTION_KEY",
                        "SWITCHBOARD_MEDIATOR_PUBLIC_WS_URLS",
                        "SWITCHBOARD_MEDIATOR_PICKUP_MAX_BATCH", // nested group
                        "SWITCHBOARD_RELAY_JWT_SECRET",
                        "SWITCHBOARD_REDIS_URI",
                        "QUARKUS_HTTP_HOST")
                .doesNotContain("SWITCHBOARD_KEK", "SOCKETDOCK_SECRET", "SWITCHBOARD_MEDIATOR_PICKUP");
        assertThat(mediator.paths()).contains("/q/health/ready", "/q/health/started");
        assertThat(mediator.metrics()).contains("http_server_requests_seconds_count");
    }

    @Test
    void mappingPropertiesResolveNestedGroupsAndCamelCase() {
        String source = """
                @ConfigMapping(prefix = "a.b")
                public interface Root {
                    /** x */
                    @WithDefault("1")
                    int maxThings();

                    Optional<String> secretKey();

                    Group group();

                    interface Group {
                        Duration leaseTime();
                    }
                }
                """;
        assertThat(ServiceContract.mappingProperties(source))
                .containsExactly("a.b.max-things", "a.b.secret-key", "a.b.group.lease-time");
        assertThat(ServiceContract.envName("a.b.group.lease-time")).isEqualTo("A_B_GROUP_LEASE_TIME");
    }

    @Test
    void anEnvVarTheRelayDoesNotReadIsReported() {
        container("socketdock").getEnv().add(new EnvVar("SOCKETDOCK_DRAIN_SECONDS", "10", null));
        assertThat(CONTRACT.check(objects))
                .containsExactly(
                        "env-contract: Deployment/socketdock container socketdock: env SOCKETDOCK_DRAIN_SECONDS"
                                + " is not read by the relay (RelayOptions)");
    }

    @Test
    void theRelaysSecretNameOnTheMediatorIsReported() {
        container("mediator").getEnv().add(new EnvVar("SOCKETDOCK_SECRET", "x", null));
        assertThat(CONTRACT.check(objects))
                .anyMatch(s -> s.contains("container mediator: env SOCKETDOCK_SECRET is not read by the mediator"));
    }

    @Test
    void configMapKeysPulledInWithEnvFromAreChecked() {
        configMap("mediator-config").getData().put("SWITCHBOARD_PUBLIC_HTTP_URL", "https://x/");
        assertThat(CONTRACT.check(objects)).anyMatch(s -> s.contains("env SWITCHBOARD_PUBLIC_HTTP_URL"));
        objects.remove(configMap("socketdock-config"));
        assertThat(CONTRACT.check(objects))
                .anyMatch(s -> s.contains("envFrom ConfigMap socketdock-config is not in the render"));
    }

    @Test
    void aVariableOnlyExpandedIntoArgsIsAllowedButNotOtherwise() {
        container("socketdock").getArgs().removeIf(a -> a.startsWith("--endpoint="));
        assertThat(CONTRACT.check(objects)).anyMatch(s -> s.contains("env POD_IP is not read by the relay"));
    }

    @Test
    void unknownFlagsAndProbePathsAreReported() {
        container("socketdock").getArgs().add("--drain-seconds=10");
        container("mediator").getReadinessProbe().getHttpGet().setPath("/health/ready");
        assertThat(CONTRACT.check(objects))
                .anyMatch(s -> s.contains("flag --drain-seconds is not accepted by the relay"))
                .anyMatch(s -> s.contains("container mediator: probe path /health/ready is not served"));
    }

    @Test
    void serviceLinksOnTheRelayPodAreReported() {
        objects.stream()
                .filter(o ->
                        o instanceof Deployment && o.getMetadata().getName().equals("socketdock"))
                .forEach(o -> ((Deployment) o).getSpec().getTemplate().getSpec().setEnableServiceLinks(null));
        assertThat(CONTRACT.check(objects))
                .containsExactly("env-contract: Deployment/socketdock: enableServiceLinks must be false (Service links"
                        + " inject SOCKETDOCK_* variables the relay would read)");
    }

    @Test
    void anAdapterRuleOnASeriesNobodyExportsIsReported() {
        var cm = configMap(AdapterRules.CONFIG_MAP);
        cm.getData().put("config.yaml", cm.getData().get("config.yaml").replace("externalRules: []", """
                                externalRules:
                                  - seriesQuery: 'switchboard_inbound_log_lag{namespace!=""}'
                                    name: {as: "switchboard_inbound_log_lag"}
                                """));
        assertThat(CONTRACT.check(objects))
                .containsExactly("env-contract: ConfigMap/switchboard-prometheus-adapter-rules externalRules: series "
                        + "switchboard_inbound_log_lag is exported by no service (exported: "
                        + "[http_server_requests_seconds_count, http_server_requests_seconds_sum, "
                        + String.join(
                                ", ",
                                new java.util.TreeSet<>(
                                        CONTRACT.services().get("socketdock").metrics()))
                        + "])");
    }
}
