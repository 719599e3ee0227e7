package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployment side of issue 13 (hole 8): Redis with a password from the Secret and a maxmemory below its
 * container limit; the relay's internal listener on its own address; NetworkPolicies that name their
 * sources (only the relays' public WebSocket port is open to all).
 */
class AbuseResistanceManifestsTest {

    private static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + c.getName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void redisRequiresAPasswordFromTheSecretAndStopsBelowItsContainerLimit(String overlay) throws Exception {
        List<HasMetadata> objects = Renders.objects(overlay);
        String conf = named(objects, ConfigMap.class, "redis-config").getData().get("redis.conf");
        assertThat(conf).contains("protected-mode yes").contains("include /tmp/auth.conf");
        assertThat(conf).doesNotContain("protected-mode no");
        assertThat(conf).containsPattern("(?m)^\\s*maxmemory-policy noeviction$");

        Container redis = named(objects, StatefulSet.class, "redis")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        // maxmemory = 75% of the container's limit, read through the downward API
        String command = String.join(" ", redis.getCommand());
        assertThat(command).contains("--maxmemory \"$((REDIS_MEMORY_LIMIT_MIB * 3 / 4))mb\"");
        var limitRef = env(redis, "REDIS_MEMORY_LIMIT_MIB").getValueFrom().getResourceFieldRef();
        assertThat(limitRef.getResource()).isEqualTo("limits.memory");
        assertThat(limitRef.getDivisor()).isEqualTo(new Quantity("1Mi"));
        assertThat(redis.getResources().getLimits()).containsKey("memory");
        assertThat(command).contains("requirepass").contains("/tmp/auth.conf");
        assertThat(env(redis, "REDIS_PASSWORD").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("redis-password");
        assertThat(env(redis, "REDISCLI_AUTH").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo("redis-password");

        Container mediator = named(objects, Deployment.class, "mediator")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(env(mediator, "SWITCHBOARD_REDIS_PASSWORD").getValueFrom().getSecretKeyRef())
                .satisfies(ref -> {
                    assertThat(ref.getName()).startsWith("switchboard-secrets");
                    assertThat(ref.getKey()).isEqualTo("redis-password");
                });
        if (overlay.equals("dev")) {
            assertThat(Renders.yaml("dev")).contains("redis-password");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "production-external-redis", "production-redis-cluster"})
    void theRelaysInternalListenerHasItsOwnAddressAndEveryPolicyRuleButThePublicWebSocketNamesItsSources(String overlay)
            throws Exception {
        List<HasMetadata> objects = Renders.objects(overlay);
        Container relay = named(objects, Deployment.class, "socketdock")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(env(relay, "SOCKETDOCK_INTERNAL_IP")
                        .getValueFrom()
                        .getFieldRef()
                        .getFieldPath())
                .isEqualTo("status.podIP");
        assertThat(env(relay, "SOCKETDOCK_INTERNAL_PORT").getValue()).isEqualTo("8766");

        for (NetworkPolicy policy : objects.stream()
                .filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast)
                .toList()) {
            List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress() == null
                    ? List.of()
                    : policy.getSpec().getIngress();
            for (NetworkPolicyIngressRule rule : rules) {
                boolean publicWebSocket = policy.getMetadata().getName().equals("socketdock")
                        && rule.getPorts().size() == 1
                        && rule.getPorts().get(0).getPort().getIntVal() == 8765;
                if (!publicWebSocket) {
                    assertThat(rule.getFrom())
                            .as(
                                    "NetworkPolicy %s rule on %s names its sources",
                                    policy.getMetadata().getName(), rule.getPorts())
                            .isNotEmpty();
                }
            }
        }
        NetworkPolicy mediator = named(objects, NetworkPolicy.class, "mediator");
        assertThat(mediator.getSpec().getIngress().get(0).getFrom())
                .anyMatch(peer -> peer.getPodSelector() != null
                        && "socketdock"
                                .equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")));
    }

    /**
     * Hole 4 in production profiles: the relay closes silent sockets (idle timeout on), and the per-address
     * limits, which the relay cannot apply behind the ingress (it sees the ingress pods' addresses), are set on
     * the socketdock Ingress instead and off at the relay.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "production", "production-external-redis"})
    void theRelayClosesIdleSocketsAndTheIngressLimitsConnectionsPerAddress(String overlay) throws Exception {
        List<HasMetadata> objects = Renders.objects(overlay);
        java.util.Map<String, String> relayConfig =
                named(objects, ConfigMap.class, "socketdock-config").getData();
        assertThat(relayConfig.get("SOCKETDOCK_IDLE_TIMEOUT")).isNotBlank().isNotEqualTo("0");
        assertThat(relayConfig.get("SOCKETDOCK_MAX_SOCKETS_PER_ADDRESS")).isEqualTo("0");
        assertThat(relayConfig.get("SOCKETDOCK_MAX_SOCKET_RATE_PER_ADDRESS")).isEqualTo("0");
        java.util.Map<String, String> annotations = named(
                        objects, io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, "socketdock")
                .getMetadata()
                .getAnnotations();
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/limit-connections")))
                .isPositive();
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/limit-rps")))
                .isPositive();
    }
}
