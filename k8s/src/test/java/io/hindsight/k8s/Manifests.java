package io.hindsight.k8s;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads rendered manifests strictly into the fabric8 Kubernetes model classes (the Kubernetes API's own types):
 * an unknown apiVersion/kind, an unknown field anywhere in an object, a value of the wrong type (no string-to-number
 * coercion) or a duplicate key is an error. Custom resources of operators we depend on have no such classes; they
 * are read as {@link GenericKubernetesResource} and checked by {@link CustomResourceChecks}.
 */
final class Manifests {

    /** apiVersion/kind of the custom resources the overlays may contain. */
    static final Set<String> CUSTOM_KINDS = Set.of(
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup", "postgresql.cnpg.io/v1/Database");

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper YAML = JsonMapper.builder(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();
    private static final KubernetesDeserializer KINDS = new KubernetesDeserializer();

    private final List<HasMetadata> objects;

    private Manifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    List<HasMetadata> objects() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    /** Parses every document of a multi-document YAML stream; throws with every problem found, not just the first. */
    static Manifests parse(String yaml) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        try (var docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNextValue()) {
                JsonNode doc = (JsonNode) docs.nextValue();
                index++;
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                String apiVersion = doc.path("apiVersion").asText("");
                String kind = doc.path("kind").asText("");
                String where = "document " + index + " (" + apiVersion + " " + kind + " "
                        + doc.path("metadata").path("name").asText("<no name>") + ")";
                Class<? extends KubernetesResource> type = KINDS.getRegisteredKind(apiVersion, kind);
                boolean custom = CUSTOM_KINDS.contains(apiVersion + "/" + kind);
                if (type == null && !custom) {
                    problems.add(where + ": not a Kubernetes API type (unknown apiVersion/kind)");
                    continue;
                }
                try {
                    HasMetadata object = custom
                            ? STRICT.treeToValue(doc, GenericKubernetesResource.class)
                            : (HasMetadata) STRICT.treeToValue(doc, type);
                    if (!custom) {
                        unknownFields(object, kind, problems, where, new IdentityHashMap<>());
                    }
                    if (object.getMetadata() == null || object.getMetadata().getName() == null) {
                        problems.add(where + ": metadata.name is missing");
                    }
                    objects.add(object);
                } catch (IOException | IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return new Manifests(objects);
    }

    static final class InvalidManifestException extends IOException {
        final List<String> problems;

        InvalidManifestException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = problems;
        }
    }

    /**
     * The model classes keep fields they do not know in {@code additionalProperties} (so that a client never loses
     * data); here any such field is a typo or a field of another API version, so it is an error.
     */
    private static void unknownFields(Object value, String path, List<String> problems, String where,
            Map<Object, Boolean> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", problems, where, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, where, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = f.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (f.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(where + ": unknown field(s) " + extra.keySet() + " in " + path);
                    }
                } else {
                    unknownFields(fieldValue, path + "." + f.getName(), problems, where, seen);
                }
            }
        }
    }
}
