package dev.switchboard.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each invariant fails on a manifest broken in exactly the way it guards against. */
class InvariantsTest {
    private List<HasMetadata> objects;

    @BeforeEach
    void freshProductionRender() throws Exception {
        objects = new ArrayList<>(Renders.objects("production"));
        assertThat(Invariants.check(objects)).isEmpty();
    }

    private <T extends HasMetadata> T get(Class<T> type, String name) {
        return objects.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private PodSpec pod(String deployment) {
        return get(Deployment.class, deployment).getSpec().getTemplate().getSpec();
    }

    private Container relay() {
        return pod("socketdock").getContainers().get(0);
    }

    private List<String> violations() {
        return Invariants.check(objects);
    }

    @Test
    void missingReadinessProbe() {
        relay().setReadinessProbe(null);
        assertThat(violations()).anyMatch(s -> s.startsWith("probes: Deployment/socketdock container socketdock"));
    }

    @Test
    void missingLivenessProbeOnRedis() {
        get(StatefulSet.class, "redis")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .setLivenessProbe(null);
        assertThat(violations()).anyMatch(s -> s.startsWith("probes: StatefulSet/redis"));
    }

    @Test
    void gracePeriodShorterThanPreStopPlusDrainPlusMargin() {
        pod("socketdock").setTerminationGracePeriodSeconds(19L); // 5 + 10 + 5 = 20 needed
        assertThat(violations()).anyMatch(s -> s.startsWith("grace: Deployment/socketdock") && s.contains("= 20"));
    }

    @Test
    void gracePeriodReadsTheDrainWindowFromTheRelaysEnvironment() {
        relay().getEnv().stream()
                .filter(e -> e.getName().equals("SOCKETDOCK_DRAIN_SECONDS"))
                .forEach(e -> e.setValue("60"));
        assertThat(violations()).anyMatch(s -> s.startsWith("grace:") && s.contains("drain window 60 s"));
    }

    @Test
    void gracePeriodReadsTheDrainWindowFromArgsWhenNoEnv() {
        relay().getEnv().removeIf(e -> e.getName().equals("SOCKETDOCK_DRAIN_SECONDS"));
        assertThat(violations()).isEmpty(); // default 10 s
        relay().getArgs().add("--drain-seconds=45");
        assertThat(violations()).anyMatch(s -> s.startsWith("grace:") && s.contains("drain window 45 s"));
    }

    @Test
    void relayEndpointNotFromThePodIp() {
        relay().getArgs().replaceAll(a -> a.startsWith("--endpoint=") ? "--endpoint=http://socketdock:8766" : a);
        assertThat(violations()).anyMatch(s -> s.startsWith("endpoint: Deployment/socketdock"));
    }

    @Test
    void containerRunningAsRoot() {
        pod("mediator").getContainers().get(0).getSecurityContext().setRunAsUser(0L);
        assertThat(violations()).anyMatch(s -> s.startsWith("non-root: Deployment/mediator"));
    }

    @Test
    void podWithoutRunAsNonRoot() {
        get(StatefulSet.class, "redis")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getSecurityContext()
                .setRunAsNonRoot(null);
        get(StatefulSet.class, "redis")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getSecurityContext()
                .setRunAsNonRoot(null);
        assertThat(violations()).anyMatch(s -> s.startsWith("non-root: StatefulSet/redis"));
    }

    @Test
    void writableRootPrivilegeEscalationAndKeptCapabilities() {
        var sc = relay().getSecurityContext();
        sc.setReadOnlyRootFilesystem(false);
        sc.setAllowPrivilegeEscalation(null);
        sc.getCapabilities().setDrop(List.of("NET_RAW"));
        assertThat(violations())
                .filteredOn(s -> s.startsWith("hardening: Deployment/socketdock"))
                .hasSize(3);
    }

    @Test
    void readOnlyRootWithoutTmp() {
        relay().getVolumeMounts().removeIf(m -> m.getMountPath().equals("/tmp"));
        assertThat(violations()).anyMatch(s -> s.startsWith("tmp: Deployment/socketdock"));
    }

    @Test
    void containerWithoutResources() {
        pod("mediator").getContainers().get(0).setResources(null);
        assertThat(violations()).anyMatch(s -> s.startsWith("resources: Deployment/mediator"));
    }

    @Test
    void hpaTargetingAMissingDeployment() {
        get(HorizontalPodAutoscaler.class, "mediator")
                .getSpec()
                .getScaleTargetRef()
                .setName("mediatr");
        assertThat(violations()).anyMatch(s -> s.startsWith("hpa-target: HorizontalPodAutoscaler/mediator"));
    }

    @Test
    void hpaWithoutScaleDownStabilisation() {
        get(HorizontalPodAutoscaler.class, "socketdock")
                .getSpec()
                .getBehavior()
                .getScaleDown()
                .setStabilizationWindowSeconds(0);
        assertThat(violations()).anyMatch(s -> s.startsWith("hpa-stabilisation: HorizontalPodAutoscaler/socketdock"));
    }

    @Test
    void hpaMetricWithoutAnAdapterRule() {
        ConfigMap rules = get(ConfigMap.class, AdapterRules.CONFIG_MAP);
        rules.getData().put("config.yaml", rules.getData().get("config.yaml").replace("externalRules:", "ignored:"));
        assertThat(violations())
                .anyMatch(s -> s.startsWith("hpa-metric: HorizontalPodAutoscaler/mediator")
                        && s.contains("switchboard_inbound_log_lag"));
    }

    @Test
    void pdbSelectingNoPods() {
        get(PodDisruptionBudget.class, "socketdock")
                .getSpec()
                .getSelector()
                .getMatchLabels()
                .put("app.kubernetes.io/component", "gateway");
        assertThat(violations()).anyMatch(s -> s.startsWith("pdb-target: PodDisruptionBudget/socketdock"));
    }

    @Test
    void serviceSelectingNoPods() {
        get(Service.class, "mediator").getSpec().setSelector(Map.of("app.kubernetes.io/name", "mediators"));
        assertThat(violations()).anyMatch(s -> s.startsWith("service-selects: Service/mediator"));
    }

    @Test
    void serviceTargetingAPortThePodsDoNotHave() {
        get(Service.class, "socketdock-internal").getSpec().getPorts().get(0).setTargetPort(new IntOrString("admin"));
        assertThat(violations()).anyMatch(s -> s.startsWith("service-selects: Service/socketdock-internal"));
    }

    @Test
    void ingressToAMissingService() {
        get(Ingress.class, "socketdock")
                .getSpec()
                .getRules()
                .get(0)
                .getHttp()
                .getPaths()
                .get(0)
                .getBackend()
                .getService()
                .setName("relay");
        assertThat(violations()).anyMatch(s -> s.startsWith("ingress-backend: Ingress/socketdock"));
    }

    @Test
    void missingRequiredFields() {
        relay().setImage(null);
        get(HorizontalPodAutoscaler.class, "socketdock").getSpec().setMaxReplicas(null);
        assertThat(violations())
                .anyMatch(s -> s.startsWith("required: Deployment/socketdock: container socketdock has no image"))
                .anyMatch(s -> s.startsWith("required: HorizontalPodAutoscaler/socketdock: spec.maxReplicas"));
    }

    @Test
    void internalPortOpenToEveryone() {
        var rules = get(NetworkPolicy.class, "socketdock").getSpec().getIngress();
        rules.get(1).setFrom(null);
        assertThat(violations()).anyMatch(s -> s.contains("admits port 8766 from anywhere"));
    }

    @Test
    void internalPortOpenToAllPodsOfTheNamespace() {
        var rule = get(NetworkPolicy.class, "socketdock").getSpec().getIngress().get(1);
        rule.setFrom(List.of(new NetworkPolicyPeer(null, null, new LabelSelector())));
        assertThat(violations()).anyMatch(s -> s.startsWith("netpol-internal:") && s.contains("mediators only"));
    }

    @Test
    void publicRuleWidenedToAllPorts() {
        get(NetworkPolicy.class, "socketdock").getSpec().getIngress().get(0).setPorts(null);
        assertThat(violations()).anyMatch(s -> s.contains("admits port 8766 from anywhere"));
    }

    @Test
    void noNetworkPolicyOnTheRelays() {
        objects.removeIf(o -> o instanceof NetworkPolicy
                && !o.getMetadata().getName().equals("default-deny-ingress")
                && !o.getMetadata().getName().equals("mediator")
                && !o.getMetadata().getName().equals("redis"));
        // default-deny still selects the relays but admits nobody: the mediators cannot call back
        assertThat(violations()).anyMatch(s -> s.contains("no rule admits the mediator pods"));
        objects.removeIf(o -> o instanceof NetworkPolicy);
        assertThat(violations()).anyMatch(s -> s.contains("no NetworkPolicy with policyTypes Ingress"));
    }

    @Test
    void envValueIsNotSilentlyDropped() {
        // guard for the test fixtures themselves: the relay carries its drain window explicitly
        assertThat(relay().getEnv()).extracting(EnvVar::getName).contains("SOCKETDOCK_DRAIN_SECONDS", "POD_IP");
    }
}
