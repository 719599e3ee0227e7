package dev.switchboard.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The deployment invariants of the rendered manifests. {@link #check} returns every violation as
 * {@code "<rule>: <object>: <what>"}; an empty list means the render is acceptable. Rules: the
 * {@link RequiredFields} ({@code required}), {@code probes}, {@code resources}, {@code non-root},
 * {@code hardening}, {@code tmp}, {@code grace}, {@code endpoint}, {@code hpa-target},
 * {@code hpa-stabilisation}, {@code hpa-metric} ({@link AdapterRules}), {@code pdb-target},
 * {@code service-selects}, {@code ingress-backend}, {@code netpol-internal} ({@link RelayNetworkPolicy}).
 */
final class Invariants {
    /** The relay's Deployment and container name. */
    static final String RELAY = "socketdock";
    /** The mediator's Deployment name. */
    static final String MEDIATOR = "mediator";
    /**
     * The relay's drain window when neither {@value #DRAIN_ENV} nor {@code --drain-window} says otherwise (s):
     * the relay's RelayOptions default {@code 10s}.
     */
    static final int DEFAULT_DRAIN_SECONDS = 10;
    /** The variable the relay reads its drain window from (RelayOptions flag {@code --drain-window}). */
    static final String DRAIN_ENV = "SOCKETDOCK_DRAIN_WINDOW";
    /** The flag form of {@link #DRAIN_ENV}. */
    static final String DRAIN_FLAG = "--drain-window";
    /** Time the JVM needs after the drain window to send the last notices and exit (s). */
    static final int GRACE_MARGIN_SECONDS = 5;
    /** Shortest acceptable HPA scale-down stabilisation window (s). */
    static final int MIN_SCALE_DOWN_WINDOW_SECONDS = 60;

    private Invariants() {}

    static List<String> check(List<HasMetadata> objects) {
        List<String> v = new ArrayList<>(RequiredFields.check(objects));
        List<Workload> workloads = workloads(objects);
        for (Workload w : workloads) {
            if (w.template() != null && w.template().getSpec() != null) {
                pod(w, w.template().getSpec(), v);
            }
        }
        for (HasMetadata o : objects) {
            String id = o.getKind() + "/" + o.getMetadata().getName();
            if (o instanceof HorizontalPodAutoscaler h) {
                hpa(id, h, workloads, v);
            } else if (o instanceof PodDisruptionBudget p && p.getSpec() != null) {
                if (workloads.stream()
                        .noneMatch(w -> Selectors.matches(p.getSpec().getSelector(), w.podLabels()))) {
                    v.add("pdb-target: " + id + ": its selector matches no Deployment's or StatefulSet's pods");
                }
            } else if (o instanceof Service s) {
                service(id, s, workloads, v);
            } else if (o instanceof Ingress i) {
                ingress(id, i, objects, v);
            }
        }
        v.addAll(AdapterRules.check(objects));
        v.addAll(RelayNetworkPolicy.check(objects, workloads));
        return v;
    }

    static List<Workload> workloads(List<HasMetadata> objects) {
        return objects.stream().map(Workload::of).flatMap(Optional::stream).toList();
    }

    static Stream<Container> containers(PodSpec spec) {
        return Stream.concat(
                spec.getInitContainers() == null ? Stream.empty() : spec.getInitContainers().stream(),
                spec.getContainers() == null ? Stream.empty() : spec.getContainers().stream());
    }

    private static void pod(Workload w, PodSpec spec, List<String> v) {
        PodSecurityContext psc =
                spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
        long grace = spec.getTerminationGracePeriodSeconds() == null ? 30 : spec.getTerminationGracePeriodSeconds();
        containers(spec).forEach(c -> {
            String id = w.id() + " container " + c.getName();
            boolean init =
                    spec.getInitContainers() != null && spec.getInitContainers().contains(c);
            if (!init && (c.getLivenessProbe() == null || c.getReadinessProbe() == null)) {
                v.add("probes: " + id + ": needs both a livenessProbe and a readinessProbe");
            }
            var r = c.getResources();
            if (r == null
                    || r.getRequests() == null
                    || !r.getRequests().containsKey("cpu")
                    || !r.getRequests().containsKey("memory")
                    || r.getLimits() == null
                    || !r.getLimits().containsKey("memory")) {
                v.add("resources: " + id + ": needs cpu and memory requests and a memory limit");
            }
            security(id, psc, c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext(), v);
            if (Boolean.TRUE.equals(
                            c.getSecurityContext() == null
                                    ? null
                                    : c.getSecurityContext().getReadOnlyRootFilesystem())
                    && (c.getVolumeMounts() == null
                            || c.getVolumeMounts().stream().noneMatch(m -> "/tmp".equals(m.getMountPath())))) {
                v.add("tmp: " + id + ": read-only root filesystem without a writable /tmp mount");
            }
            long preStop = preStopSleep(c);
            if (grace < preStop + GRACE_MARGIN_SECONDS) {
                v.add("grace: " + id + ": terminationGracePeriodSeconds " + grace + " < preStop " + preStop + " s + "
                        + GRACE_MARGIN_SECONDS + " s");
            }
            if (RELAY.equals(c.getName())) {
                long drain = drainSeconds(c);
                long needed = preStop + drain + GRACE_MARGIN_SECONDS;
                if (grace < needed) {
                    v.add("grace: " + id + ": terminationGracePeriodSeconds " + grace + " < preStop " + preStop
                            + " s + drain window " + drain + " s + margin " + GRACE_MARGIN_SECONDS + " s = " + needed);
                }
                endpoint(id, c, v);
            }
        });
    }

    private static void security(String id, PodSecurityContext pod, SecurityContext c, List<String> v) {
        Boolean nonRoot = c.getRunAsNonRoot() != null ? c.getRunAsNonRoot() : pod.getRunAsNonRoot();
        Long user = c.getRunAsUser() != null ? c.getRunAsUser() : pod.getRunAsUser();
        Long group = c.getRunAsGroup() != null ? c.getRunAsGroup() : pod.getRunAsGroup();
        if (!Boolean.TRUE.equals(nonRoot) || Objects.equals(user, 0L) || Objects.equals(group, 0L)) {
            v.add("non-root: " + id + ": runAsNonRoot must be true and runAsUser/runAsGroup non-zero (user " + user
                    + ", group " + group + ", runAsNonRoot " + nonRoot + ")");
        }
        if (!Boolean.FALSE.equals(c.getAllowPrivilegeEscalation()) || Boolean.TRUE.equals(c.getPrivileged())) {
            v.add("hardening: " + id + ": allowPrivilegeEscalation must be false and privileged unset/false");
        }
        if (!Boolean.TRUE.equals(c.getReadOnlyRootFilesystem())) {
            v.add("hardening: " + id + ": readOnlyRootFilesystem must be true");
        }
        var caps = c.getCapabilities();
        if (caps == null
                || caps.getDrop() == null
                || !caps.getDrop().contains("ALL")
                || (caps.getAdd() != null && !caps.getAdd().isEmpty())) {
            v.add("hardening: " + id + ": capabilities must drop ALL and add none");
        }
        var seccomp = c.getSeccompProfile() != null ? c.getSeccompProfile() : pod.getSeccompProfile();
        if (seccomp == null || !List.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
            v.add("hardening: " + id + ": seccompProfile must be RuntimeDefault (or Localhost)");
        }
    }

    /** The preStop sleep action's seconds, 0 without one. */
    static long preStopSleep(Container c) {
        var l = c.getLifecycle();
        if (l == null || l.getPreStop() == null || l.getPreStop().getSleep() == null) {
            return 0;
        }
        return l.getPreStop().getSleep().getSeconds();
    }

    /**
     * The relay's drain window in whole seconds (rounded up), read where the relay reads it: the flag
     * {@code --drain-window=D} (a flag wins over the variable, as in the relay's RelayOptions), else env
     * {@value #DRAIN_ENV}, else the default. D is a relay duration: {@code 500ms}, {@code 20s}, {@code 5m},
     * {@code 1h} or plain seconds.
     *
     * @throws IllegalArgumentException when D is not a duration the relay would accept
     */
    static long drainSeconds(Container c) {
        Optional<String> env = c.getEnv() == null
                ? Optional.empty()
                : c.getEnv().stream()
                        .filter(e -> DRAIN_ENV.equals(e.getName()))
                        .map(EnvVar::getValue)
                        .filter(Objects::nonNull)
                        .findFirst();
        Optional<String> arg = c.getArgs() == null
                ? Optional.empty()
                : c.getArgs().stream()
                        .filter(a -> a.startsWith(DRAIN_FLAG + "="))
                        .map(a -> a.substring(DRAIN_FLAG.length() + 1))
                        .findFirst();
        return arg.or(() -> env).map(Invariants::durationSeconds).orElse((long) DEFAULT_DRAIN_SECONDS);
    }

    /** A relay duration ({@code 500ms}, {@code 20s}, {@code 5m}, {@code 1h}, plain seconds) in whole seconds, rounded up. */
    static long durationSeconds(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            double seconds;
            if (s.endsWith("ms")) {
                seconds = Long.parseLong(s.substring(0, s.length() - 2)) / 1000.0;
            } else if (s.endsWith("s")) {
                seconds = Double.parseDouble(s.substring(0, s.length() - 1));
            } else if (s.endsWith("m")) {
                seconds = Long.parseLong(s.substring(0, s.length() - 1)) * 60.0;
            } else if (s.endsWith("h")) {
                seconds = Long.parseLong(s.substring(0, s.length() - 1)) * 3600.0;
            } else {
                seconds = Double.parseDouble(s);
            }
            return (long) Math.ceil(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    DRAIN_ENV + ": " + text + " (expected: a duration like 500ms, 20s, 5m, 1h)", e);
        }
    }

    private static void endpoint(String id, Container c, List<String> v) {
        boolean arg = c.getArgs() != null
                && c.getArgs().stream().anyMatch(a -> a.startsWith("--endpoint=") && a.contains("$(POD_IP)"));
        boolean podIp = c.getEnv() != null
                && c.getEnv().stream()
                        .anyMatch(e -> "POD_IP".equals(e.getName())
                                && e.getValueFrom() != null
                                && e.getValueFrom().getFieldRef() != null
                                && "status.podIP"
                                        .equals(e.getValueFrom().getFieldRef().getFieldPath()));
        if (!arg || !podIp) {
            v.add("endpoint: " + id + ": needs --endpoint=...$(POD_IP)... with env POD_IP from fieldRef status.podIP");
        }
    }

    private static void hpa(String id, HorizontalPodAutoscaler h, List<Workload> workloads, List<String> v) {
        var spec = h.getSpec();
        if (spec == null || spec.getScaleTargetRef() == null) {
            return; // a required-field violation already
        }
        var ref = spec.getScaleTargetRef();
        if (workloads.stream()
                .noneMatch(w -> w.kind().equals(ref.getKind()) && w.name().equals(ref.getName()))) {
            v.add("hpa-target: " + id + ": scaleTargetRef " + ref.getKind() + "/" + ref.getName()
                    + " is not in the render");
        }
        Integer window = spec.getBehavior() == null || spec.getBehavior().getScaleDown() == null
                ? null
                : spec.getBehavior().getScaleDown().getStabilizationWindowSeconds();
        if (window == null || window < MIN_SCALE_DOWN_WINDOW_SECONDS) {
            v.add("hpa-stabilisation: " + id + ": behavior.scaleDown.stabilizationWindowSeconds must be >= "
                    + MIN_SCALE_DOWN_WINDOW_SECONDS + " (is " + window + ")");
        }
    }

    private static void service(String id, Service s, List<Workload> workloads, List<String> v) {
        if (s.getSpec() == null
                || s.getSpec().getSelector() == null
                || s.getSpec().getSelector().isEmpty()) {
            return; // a selector-less Service (external endpoints) selects nothing on purpose
        }
        List<Workload> selected = workloads.stream()
                .filter(w -> Selectors.matches(s.getSpec().getSelector(), w.podLabels()))
                .toList();
        if (selected.isEmpty()) {
            v.add("service-selects: " + id + ": selector " + s.getSpec().getSelector() + " matches no pods");
            return;
        }
        List<ContainerPort> ports = selected.stream()
                .filter(w -> w.template() != null && w.template().getSpec() != null)
                .flatMap(w -> w.template().getSpec().getContainers().stream())
                .flatMap(c -> c.getPorts() == null ? Stream.empty() : c.getPorts().stream())
                .toList();
        for (ServicePort p : s.getSpec().getPorts() == null
                ? List.<ServicePort>of()
                : s.getSpec().getPorts()) {
            IntOrString t = p.getTargetPort() != null ? p.getTargetPort() : new IntOrString(p.getPort());
            boolean found = ports.stream()
                    .anyMatch(cp -> t.getStrVal() != null
                            ? t.getStrVal().equals(cp.getName())
                            : Objects.equals(t.getIntVal(), cp.getContainerPort()));
            if (!found) {
                v.add("service-selects: " + id + ": targetPort "
                        + (t.getStrVal() != null ? t.getStrVal() : t.getIntVal())
                        + " is no container port of the selected pods");
            }
        }
    }

    private static void ingress(String id, Ingress i, List<HasMetadata> objects, List<String> v) {
        if (i.getSpec() == null || i.getSpec().getRules() == null) {
            return;
        }
        for (IngressRule r : i.getSpec().getRules()) {
            if (r.getHttp() == null || r.getHttp().getPaths() == null) {
                continue;
            }
            for (HTTPIngressPath p : r.getHttp().getPaths()) {
                var b = p.getBackend() == null ? null : p.getBackend().getService();
                if (b == null || b.getPort() == null) {
                    continue;
                }
                @Nullable
                Service svc = objects.stream()
                        .filter(o -> o instanceof Service
                                && o.getMetadata().getName().equals(b.getName()))
                        .map(Service.class::cast)
                        .findFirst()
                        .orElse(null);
                boolean portOk = svc != null
                        && svc.getSpec().getPorts().stream()
                                .anyMatch(sp -> b.getPort().getName() != null
                                        ? b.getPort().getName().equals(sp.getName())
                                        : Objects.equals(b.getPort().getNumber(), sp.getPort()));
                if (!portOk) {
                    v.add("ingress-backend: " + id + ": path " + p.getPath() + " -> service " + b.getName() + " port "
                            + b.getPort() + " does not exist");
                }
            }
        }
    }
}
