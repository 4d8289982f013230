package io.hindsight.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudNativePG resources have no fabric8 model classes and no schema here, so they get a narrower check of our
 * own: the top-level spec fields must be fields of the CloudNativePG v1 API (as its API reference lists them), the
 * fields the suite depends on must be present, and references between them must resolve. This catches typos and
 * broken wiring in our files; it is not a full schema validation of the operator's API.
 */
final class CustomResourceChecks {

    private static final Set<String> CLUSTER_SPEC = Set.of("description", "inheritedMetadata", "imageName",
            "imageCatalogRef", "imagePullPolicy", "schedulerName", "postgresUID", "postgresGID", "instances",
            "minSyncReplicas", "maxSyncReplicas", "postgresql", "replicationSlots", "bootstrap", "replica",
            "superuserSecret", "enableSuperuserAccess", "certificates", "imagePullSecrets", "storage",
            "serviceAccountTemplate", "walStorage", "ephemeralVolumeSource", "startDelay", "stopDelay",
            "smartShutdownTimeout", "switchoverDelay", "failoverDelay", "livenessProbeTimeout", "affinity",
            "topologySpreadConstraints", "resources", "ephemeralVolumesSizeLimit", "priorityClassName",
            "primaryUpdateStrategy", "primaryUpdateMethod", "backup", "nodeMaintenanceWindow", "monitoring",
            "externalClusters", "logLevel", "projectedVolumeTemplate", "env", "envFrom", "managed",
            "seccompProfile", "tablespaces", "enablePDB", "plugins", "probes", "podSecurityContext",
            "securityContext");
    private static final Set<String> SCHEDULED_BACKUP_SPEC = Set.of("suspend", "immediate", "schedule", "cluster",
            "backupOwnerReference", "target", "method", "pluginConfiguration", "online", "onlineConfiguration");
    private static final Set<String> DATABASE_SPEC = Set.of("cluster", "ensure", "name", "owner", "template",
            "encoding", "locale", "localeProvider", "lcCollate", "lcCtype", "icuLocale", "icuRules", "builtinLocale",
            "collationVersion", "isTemplate", "allowConnections", "connectionLimit", "tablespace",
            "databaseReclaimPolicy", "schemas", "extensions");

    private CustomResourceChecks() {
    }

    static List<String> check(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        List<GenericKubernetesResource> custom = manifests.all(GenericKubernetesResource.class);
        Set<String> clusters = new java.util.HashSet<>();
        for (GenericKubernetesResource r : custom) {
            if (r.getKind().equals("Cluster")) {
                clusters.add(r.getMetadata().getName());
            }
        }
        for (GenericKubernetesResource r : custom) {
            String where = r.getKind() + " " + r.getMetadata().getName();
            Map<String, Object> spec = spec(r);
            if (spec == null) {
                problems.add(where + ": no spec");
                continue;
            }
            switch (r.getKind()) {
                case "Cluster" -> {
                    unknown(spec, CLUSTER_SPEC, where, problems);
                    if (!(spec.get("instances") instanceof Integer n) || n < 1) {
                        problems.add(where + ": spec.instances must be a positive integer");
                    }
                    if (!(spec.get("storage") instanceof Map<?, ?> s) || s.get("size") == null) {
                        problems.add(where + ": spec.storage.size is required");
                    }
                    Object image = spec.get("imageName");
                    if (image == null || image.toString().endsWith(":latest") || !image.toString().contains(":")) {
                        problems.add(where + ": spec.imageName must name a fixed PostgreSQL image tag");
                    }
                }
                case "ScheduledBackup" -> {
                    unknown(spec, SCHEDULED_BACKUP_SPEC, where, problems);
                    clusterRef(spec, clusters, where, problems);
                    if (spec.get("schedule") == null || spec.get("schedule").toString().split(" ").length != 6) {
                        problems.add(where + ": spec.schedule must be a six-field cron expression (seconds first)");
                    }
                }
                case "Database" -> {
                    unknown(spec, DATABASE_SPEC, where, problems);
                    clusterRef(spec, clusters, where, problems);
                    if (spec.get("name") == null || spec.get("owner") == null) {
                        problems.add(where + ": spec.name and spec.owner are required");
                    }
                }
                default -> problems.add(where + ": no check for this kind");
            }
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource r) {
        Object spec = r.getAdditionalProperties().get("spec");
        return spec instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static void unknown(Map<String, Object> spec, Set<String> known, String where, List<String> problems) {
        for (String key : spec.keySet()) {
            if (!known.contains(key)) {
                problems.add(where + ": unknown field spec." + key);
            }
        }
    }

    private static void clusterRef(Map<String, Object> spec, Set<String> clusters, String where, List<String> problems) {
        Object name = spec.get("cluster") instanceof Map<?, ?> c ? c.get("name") : null;
        if (name == null || !clusters.contains(name.toString())) {
            problems.add(where + ": spec.cluster.name must name a Cluster of the same overlay, not " + name);
        }
    }
}
