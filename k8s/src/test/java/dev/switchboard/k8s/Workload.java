package dev.switchboard.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A pod-owning object (Deployment or StatefulSet) seen through what the invariants need.
 *
 * @param kind {@code Deployment} or {@code StatefulSet}
 * @param name metadata.name
 * @param selector spec.selector (null when missing: a required-field violation)
 * @param template spec.template (null when missing)
 */
record Workload(
        String kind,
        String name,
        @Nullable LabelSelector selector,
        @Nullable PodTemplateSpec template) {

    static Optional<Workload> of(HasMetadata o) {
        if (o instanceof Deployment d && d.getSpec() != null) {
            return Optional.of(new Workload(
                    "Deployment",
                    d.getMetadata().getName(),
                    d.getSpec().getSelector(),
                    d.getSpec().getTemplate()));
        }
        if (o instanceof StatefulSet s && s.getSpec() != null) {
            return Optional.of(new Workload(
                    "StatefulSet",
                    s.getMetadata().getName(),
                    s.getSpec().getSelector(),
                    s.getSpec().getTemplate()));
        }
        return Optional.empty();
    }

    /** The pod template's labels, empty when absent. */
    Map<String, String> podLabels() {
        return template == null
                        || template.getMetadata() == null
                        || template.getMetadata().getLabels() == null
                ? Map.of()
                : template.getMetadata().getLabels();
    }

    /** {@code Kind/name}, for messages. */
    String id() {
        return kind + "/" + name;
    }
}
