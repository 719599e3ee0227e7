package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders, loads strictly and keeps every invariant; overlay-specific shapes. */
class ManifestsTest {

    static List<String> overlays() throws Exception {
        return Renders.overlays();
    }

    @Test
    void bothOverlaysExist() throws Exception {
        assertThat(overlays())
                .containsExactly("dev", "production", "production-external-redis", "production-redis-cluster");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlayRendersLoadsStrictlyAndKeepsEveryInvariant(String overlay) throws Exception {
        List<HasMetadata> objects = Renders.objects(overlay);
        assertThat(objects)
                .extracting(HasMetadata::getKind)
                .contains("Deployment", "Service", "Ingress", "NetworkPolicy", "ConfigMap");
        assertThat(Invariants.check(objects)).isEmpty();
        assertThat(ServiceContract.fromSources(Renders.k8sDir().getParent()).check(objects))
                .isEmpty();
    }

    @Test
    void devIsOneReplicaEachWithoutAutoscalingAndWithDevOnlySecrets() throws Exception {
        List<HasMetadata> objects = Renders.objects("dev");
        assertThat(objects)
                .filteredOn(Deployment.class::isInstance)
                .extracting(o -> ((Deployment) o).getSpec().getReplicas())
                .containsOnly(1);
        assertThat(objects).noneMatch(o -> o instanceof HorizontalPodAutoscaler || o instanceof PodDisruptionBudget);
        assertThat(Renders.yaml("dev")).contains("kind: Secret").contains("namespace: switchboard-dev");
    }

    @Test
    void productionAutoscalesBothTiersAndHasPdbsButNoSecretValues() throws Exception {
        List<HasMetadata> objects = Renders.objects("production");
        assertThat(objects)
                .filteredOn(HorizontalPodAutoscaler.class::isInstance)
                .extracting(o -> ((HorizontalPodAutoscaler) o)
                        .getSpec()
                        .getScaleTargetRef()
                        .getName())
                .containsExactlyInAnyOrder("socketdock", "mediator");
        assertThat(objects).filteredOn(PodDisruptionBudget.class::isInstance).hasSize(2);
        assertThat(objects).noneMatch(o -> o.getKind().equals("Secret"));
        assertThat(objects)
                .filteredOn(Deployment.class::isInstance)
                .extracting(o -> ((Deployment) o).getSpec().getReplicas())
                .allMatch(r -> r >= 3);
    }

    @Test
    void externalRedisOverlayDropsTheStatefulSetAndPointsTheMediatorAtTheManagedRedis() throws Exception {
        List<HasMetadata> objects = Renders.objects("production-external-redis");
        assertThat(objects).noneMatch(o -> o.getMetadata().getName().startsWith("redis"));
        var config = objects.stream()
                .filter(o -> o instanceof io.fabric8.kubernetes.api.model.ConfigMap
                        && o.getMetadata().getName().equals("mediator-config"))
                .map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(config.getData().get("SWITCHBOARD_REDIS_URI")).startsWith("rediss://");
    }

    @Test
    void redisClusterOverlayGivesTheMediatorsSeedNodesAndReplicaAcknowledgedForwards() throws Exception {
        List<HasMetadata> objects = Renders.objects("production-redis-cluster");
        assertThat(objects).noneMatch(o -> o.getMetadata().getName().equals("redis"));
        var config = objects.stream()
                .filter(o -> o instanceof io.fabric8.kubernetes.api.model.ConfigMap
                        && o.getMetadata().getName().equals("mediator-config"))
                .map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast)
                .findFirst()
                .orElseThrow();
        // the syntax the mediator's RedisEndpoint parses: redis-cluster://host:port[,host:port...]
        assertThat(config.getData().get("SWITCHBOARD_REDIS_URI"))
                .matches("redis-cluster://[^:,/]+:[0-9]+(,[^:,/]+:[0-9]+){2,}");
        assertThat(config.getData().get("SWITCHBOARD_REDIS_DURABILITY")).isEqualTo("wait-replicas:1");
    }

    @Test
    void helmValuesCarryTheSameAdapterRulesAsTheConfigMap() throws Exception {
        var dir = Renders.k8sDir().resolve("overlays/production");
        JsonNode rules = AdapterRules.parse(Files.readString(dir.resolve("prometheus-adapter-rules.yaml")));
        JsonNode values = AdapterRules.parse(Files.readString(dir.resolve("prometheus-adapter-values.yaml")));
        assertThat(values.path("rules").path("custom")).isEqualTo(rules.path("rules"));
        assertThat(values.path("rules").path("external")).isEqualTo(rules.path("externalRules"));
        assertThat(AdapterRules.names(rules.path("rules")))
                .contains("socketdock_connections_open", "mediator_http_requests_per_second");
    }
}
