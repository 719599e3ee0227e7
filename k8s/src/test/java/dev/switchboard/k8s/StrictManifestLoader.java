package dev.switchboard.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads rendered Kubernetes YAML into the fabric8 model, strictly: an unknown field anywhere is an
 * error ({@link DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES}, with the model's catch-all
 * {@code additionalProperties} any-setter removed so unknown fields cannot hide there), as are a
 * wrong value type and an {@code apiVersion}/{@code kind} outside {@link #KINDS}.
 */
final class StrictManifestLoader {
    /** The API versions and kinds the manifests may use, mapped to their model classes. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/Namespace", Namespace.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    /**
     * Custom resources of operators the overlays rely on (Strimzi, overlay {@code kafka}), for which no model
     * resolves here: loaded as {@link GenericKubernetesResource} (their {@code spec} unchecked by the model;
     * {@code ManifestsTest} checks what the mediator depends on).
     */
    static final Set<String> CUSTOM_KINDS = Set.of(
            "kafka.strimzi.io/v1beta2/Kafka",
            "kafka.strimzi.io/v1beta2/KafkaNodePool",
            "kafka.strimzi.io/v1beta2/KafkaTopic");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper STRICT = strictMapper();

    private StrictManifestLoader() {}

    private static ObjectMapper strictMapper() {
        SimpleModule noCatchAll = new SimpleModule("no-additional-properties");
        noCatchAll.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(
                    DeserializationConfig config, BeanDescription beanDesc, BeanDeserializerBuilder builder) {
                if (beanDesc.getBeanClass().getName().startsWith("io.fabric8.")) {
                    builder.setAnySetter(null);
                    builder.setIgnoreUnknownProperties(false);
                }
                return builder;
            }
        });
        return new ObjectMapper()
                .registerModule(noCatchAll)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }

    /**
     * Parses every document of {@code yaml} (a {@code kubectl kustomize} output).
     *
     * @return the objects in document order
     * @throws ManifestException naming the document (index, kind, name) and the JSON path of the
     *     first offending field
     */
    static List<HasMetadata> load(String yaml) throws ManifestException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new ManifestException("not YAML: " + e.getMessage(), e);
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            objects.add(toObject(i, docs.get(i)));
        }
        return objects;
    }

    private static HasMetadata toObject(int index, JsonNode doc) throws ManifestException {
        String key = doc.path("apiVersion").asText("") + "/" + doc.path("kind").asText("");
        String where = "document " + index + " (" + key + " "
                + doc.path("metadata").path("name").asText("<no name>") + ")";
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null && CUSTOM_KINDS.contains(key)) {
            try {
                return YAML.treeToValue(doc, GenericKubernetesResource.class);
            } catch (JsonProcessingException e) {
                throw new ManifestException(where + ": " + e.getOriginalMessage(), e);
            }
        }
        if (type == null) {
            throw new ManifestException(where + ": apiVersion/kind not supported (expected one of "
                    + KINDS.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
        }
        try {
            return STRICT.treeToValue(doc, type);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining());
            throw new ManifestException(where + ": at " + path + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ManifestException(where + ": " + e.getOriginalMessage(), e);
        }
    }
}
