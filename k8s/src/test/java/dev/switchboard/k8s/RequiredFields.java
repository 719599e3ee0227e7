package dev.switchboard.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields the API server requires for the kinds we use (the fabric8 model has no notion of
 * "required"; these follow the API reference of each kind). Violations are prefixed {@code required:}.
 */
final class RequiredFields {
    private RequiredFields() {}

    static List<String> check(List<HasMetadata> objects) {
        List<String> v = new ArrayList<>();
        for (HasMetadata o : objects) {
            String id = o.getKind() + "/"
                    + (o.getMetadata() == null ? null : o.getMetadata().getName());
            if (o.getMetadata() == null || blank(o.getMetadata().getName())) {
                v.add("required: " + id + ": metadata.name is missing");
                continue;
            }
            Workload.of(o).ifPresent(w -> workload(w, v));
            if (o instanceof Service s) {
                service(id, s, v);
            } else if (o instanceof HorizontalPodAutoscaler h) {
                hpa(id, h, v);
            } else if (o instanceof PodDisruptionBudget p) {
                pdb(id, p, v);
            } else if (o instanceof Ingress i) {
                ingress(id, i, v);
            } else if (o instanceof NetworkPolicy n
                    && (n.getSpec() == null || n.getSpec().getPodSelector() == null)) {
                v.add("required: " + id + ": spec.podSelector is missing");
            }
        }
        return v;
    }

    private static void workload(Workload w, List<String> v) {
        String id = w.id();
        if (w.selector() == null) {
            v.add("required: " + id + ": spec.selector is missing");
        } else if (!Selectors.matches(w.selector(), w.podLabels())) {
            v.add("required: " + id + ": spec.selector does not match the pod template's labels");
        }
        if (w.template() == null || w.template().getSpec() == null) {
            v.add("required: " + id + ": spec.template.spec is missing");
            return;
        }
        List<Container> containers = w.template().getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            v.add("required: " + id + ": spec.template.spec.containers is empty");
            return;
        }
        for (Container c : containers) {
            if (blank(c.getName())) {
                v.add("required: " + id + ": a container has no name");
            }
            if (blank(c.getImage())) {
                v.add("required: " + id + ": container " + c.getName() + " has no image");
            }
        }
    }

    private static void service(String id, Service s, List<String> v) {
        if (s.getSpec() == null
                || s.getSpec().getPorts() == null
                || s.getSpec().getPorts().isEmpty()) {
            v.add("required: " + id + ": spec.ports is empty");
            return;
        }
        for (ServicePort p : s.getSpec().getPorts()) {
            if (p.getPort() == null || p.getPort() < 1 || p.getPort() > 65535) {
                v.add("required: " + id + ": port " + p.getName() + " has no valid port number");
            }
        }
        if (s.getSpec().getPorts().size() > 1 && s.getSpec().getPorts().stream().anyMatch(p -> blank(p.getName()))) {
            v.add("required: " + id + ": every port needs a name when there are several");
        }
    }

    private static void hpa(String id, HorizontalPodAutoscaler h, List<String> v) {
        var spec = h.getSpec();
        if (spec == null
                || spec.getScaleTargetRef() == null
                || blank(spec.getScaleTargetRef().getKind())
                || blank(spec.getScaleTargetRef().getName())) {
            v.add("required: " + id + ": spec.scaleTargetRef.kind/name is missing");
            return;
        }
        if (spec.getMaxReplicas() == null || spec.getMaxReplicas() < 1) {
            v.add("required: " + id + ": spec.maxReplicas must be >= 1");
        } else if (spec.getMinReplicas() != null && spec.getMinReplicas() > spec.getMaxReplicas()) {
            v.add("required: " + id + ": spec.minReplicas > spec.maxReplicas");
        }
    }

    private static void pdb(String id, PodDisruptionBudget p, List<String> v) {
        if (p.getSpec() == null || p.getSpec().getSelector() == null) {
            v.add("required: " + id + ": spec.selector is missing");
            return;
        }
        if ((p.getSpec().getMinAvailable() == null) == (p.getSpec().getMaxUnavailable() == null)) {
            v.add("required: " + id + ": exactly one of spec.minAvailable and spec.maxUnavailable");
        }
    }

    private static void ingress(String id, Ingress i, List<String> v) {
        if (i.getSpec() == null
                || i.getSpec().getRules() == null
                || i.getSpec().getRules().isEmpty()) {
            v.add("required: " + id + ": spec.rules is empty");
            return;
        }
        for (IngressRule r : i.getSpec().getRules()) {
            if (r.getHttp() == null || r.getHttp().getPaths() == null) {
                v.add("required: " + id + ": a rule has no http.paths");
                continue;
            }
            for (HTTPIngressPath p : r.getHttp().getPaths()) {
                var svc = p.getBackend() == null ? null : p.getBackend().getService();
                if (blank(p.getPathType()) || svc == null || blank(svc.getName()) || svc.getPort() == null) {
                    v.add("required: " + id + ": path " + p.getPath() + " needs pathType and a service backend");
                }
            }
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
