package dev.switchboard.k8s;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Label selector matching as the API server does it (matchLabels AND matchExpressions). */
final class Selectors {
    private Selectors() {}

    /** Whether {@code labels} satisfy every matchLabels pair (a Service's or NetworkPolicy's plain map). */
    static boolean matches(@Nullable Map<String, String> matchLabels, Map<String, String> labels) {
        return matchLabels != null
                && matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** Whether {@code labels} satisfy {@code selector}; an empty selector matches everything, null nothing. */
    static boolean matches(@Nullable LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> ml = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        if (!matches(ml, labels)) {
            return false;
        }
        List<LabelSelectorRequirement> exprs =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        for (LabelSelectorRequirement r : exprs) {
            String v = labels.get(r.getKey());
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            boolean ok = switch (r.getOperator()) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether the selector selects every pod (no labels, no expressions). */
    static boolean isEmpty(@Nullable LabelSelector selector) {
        return selector != null
                && (selector.getMatchLabels() == null
                        || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null
                        || selector.getMatchExpressions().isEmpty());
    }
}
