package io.hindsight.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OverlaysTest {

    static Manifests dev;
    static Manifests production;

    @BeforeAll
    static void render() throws Exception {
        dev = Overlays.parse(Overlays.DEV);
        production = Overlays.parse(Overlays.PRODUCTION);
    }

    @Test
    void devOverlayMeetsEveryPolicy() {
        assertEquals(List.of(), SuitePolicy.check(dev, Set.of()));
    }

    @Test
    void productionOverlayMeetsEveryPolicy() {
        assertEquals(List.of(), SuitePolicy.check(production, Overlays.PRODUCTION_SECRETS));
    }

    @Test
    void bothOverlaysDeployTheWholeSuite() {
        for (Manifests m : List.of(dev, production)) {
            Set<String> workloads = new TreeSet<>();
            m.all(Deployment.class).forEach(d -> workloads.add(d.getMetadata().getName()));
            m.all(StatefulSet.class).forEach(s -> workloads.add(s.getMetadata().getName()));
            assertTrue(workloads.containsAll(Set.of("incident-service", "postmortem-service", "search-service", "ui", "keycloak")),
                    workloads.toString());
            assertTrue(m.objects().stream().allMatch(o -> "hindsight".equals(o.getMetadata().getNamespace())
                    || o.getKind().equals("Namespace")), "everything lives in namespace hindsight");
        }
    }

    @Test
    void jsonLogsAreOnInProductionOnly() {
        assertEquals("true", config(production, "hindsight-config").get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"));
        assertEquals("json", config(production, "keycloak-config").get("KC_LOG_CONSOLE_OUTPUT"));
        assertFalse(config(dev, "hindsight-config").containsKey("QUARKUS_LOG_CONSOLE_JSON_ENABLED"),
                "dev keeps the services' default: plain console logs");
    }

    private static Map<String, String> config(Manifests m, String prefix) {
        return m.all(io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith(prefix + "-")).findFirst().orElseThrow().getData();
    }

    @Test
    void productionCommitsNoSecretValues() {
        assertEquals(List.of(), production.all(Secret.class).stream().map(s -> s.getMetadata().getName()).toList());
    }

    @Test
    void devSecretsAreMarkedAsLocalDemoValues() {
        List<Secret> secrets = dev.all(Secret.class);
        assertEquals(3, secrets.size());
        String all = String.join(" ", secrets.stream().flatMap(s -> s.getData().values().stream())
                .map(v -> new String(java.util.Base64.getDecoder().decode(v))).toList());
        assertTrue(all.contains("local-demo") && all.contains("local-secret"), all);
    }

    @Test
    void productionRunsPostgresqlThroughCloudNativePg() {
        assertTrue(production.all(StatefulSet.class).stream().noneMatch(s -> s.getMetadata().getName().equals("hindsight-db")));
        GenericKubernetesResource cluster = production.all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("Cluster")).findFirst().orElseThrow();
        assertEquals("hindsight-db", cluster.getMetadata().getName());
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) cluster.getAdditionalProperties().get("spec");
        assertTrue((Integer) spec.get("instances") >= 2, "replicated");
        assertTrue(spec.containsKey("backup"), "backed up");
        Set<String> databases = new TreeSet<>();
        production.all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals("Database"))
                .forEach(r -> databases.add(((Map<?, ?>) r.getAdditionalProperties().get("spec")).get("name").toString()));
        assertEquals(Set.of("hindsight_postmortem", "keycloak"), databases);
    }

    @Test
    void devRunsPostgresqlAsAStatefulSetBehindTheServiceNameProductionUses() {
        StatefulSet db = dev.one(StatefulSet.class, "hindsight-db");
        assertEquals(1, db.getSpec().getReplicas());
        assertEquals("hindsight-db-rw", dev.one(Service.class, "hindsight-db-rw").getMetadata().getName());
        String sql = dev.all(io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("hindsight-db-init")).findFirst().orElseThrow()
                .getData().get("create-databases.sql");
        assertTrue(sql.contains("hindsight_incident") && sql.contains("hindsight_postmortem") && sql.contains("keycloak"));
    }

    @Test
    void eachSearchReplicaHasItsOwnIndexVolume() {
        for (Manifests m : List.of(dev, production)) {
            StatefulSet search = m.one(StatefulSet.class, "search-service");
            assertEquals("index", search.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName());
            Container c = search.getSpec().getTemplate().getSpec().getContainers().get(0);
            String mount = c.getVolumeMounts().stream().filter(v -> v.getName().equals("index")).findFirst()
                    .orElseThrow().getMountPath();
            String indexPath = c.getEnv().stream().filter(e -> e.getName().equals("HINDSIGHT_SEARCH_INDEX_PATH"))
                    .findFirst().orElseThrow().getValue();
            assertTrue(indexPath.startsWith(mount + "/"), indexPath + " is on the claim mounted at " + mount);
            assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath());
        }
        assertEquals(2, production.one(StatefulSet.class, "search-service").getSpec().getReplicas());
    }

    @Test
    void keycloakImportsTheRealmFromAConfigMap() {
        for (Manifests m : List.of(dev, production)) {
            Deployment kc = m.one(Deployment.class, "keycloak");
            assertTrue(kc.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().contains("--import-realm"));
            String cm = kc.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals("realm")).findFirst().orElseThrow().getConfigMap().getName();
            assertTrue(m.all(io.fabric8.kubernetes.api.model.ConfigMap.class).stream().anyMatch(c ->
                    c.getMetadata().getName().equals(cm) && c.getData().containsKey("hindsight-realm.json")));
        }
    }

    @Test
    void realmCopiesAreTheRealmsOfTheKeycloakFolder() throws Exception {
        assertEquals(Files.readString(Overlays.REPOSITORY.resolve("keycloak/production/hindsight-realm.json")),
                Files.readString(Overlays.K8S.resolve("base/keycloak/hindsight-realm.json")),
                "k8s/base/keycloak/hindsight-realm.json must be a copy of keycloak/production/hindsight-realm.json");
        assertEquals(Files.readString(Overlays.REPOSITORY.resolve("keycloak/hindsight-realm.json")),
                Files.readString(Overlays.DEV.resolve("hindsight-realm.json")),
                "k8s/overlays/dev/hindsight-realm.json must be a copy of keycloak/hindsight-realm.json");
    }

    @Test
    void productionIngressServesOnlyTls() {
        Ingress ing = production.one(Ingress.class, "hindsight");
        Set<String> hosts = new TreeSet<>();
        ing.getSpec().getRules().forEach(r -> hosts.add(r.getHost()));
        Set<String> tlsHosts = new TreeSet<>();
        ing.getSpec().getTls().forEach(t -> tlsHosts.addAll(t.getHosts()));
        assertEquals(hosts, tlsHosts);
        assertFalse(ing.getSpec().getRules().stream().flatMap(r -> r.getHttp().getPaths().stream())
                .anyMatch(p -> p.getPath().startsWith("/api/changes")), "the change feeds stay inside the cluster");
    }

    @Test
    void networkPoliciesAllowExactlyTheIntendedPaths() {
        Set<String> expected = Set.of(
                "ui -> incident-service:8081", "ui -> postmortem-service:8082", "ui -> search-service:8083",
                "ui -> keycloak:8080",
                "incident-service -> hindsight-db:5432", "incident-service -> keycloak:8080",
                "postmortem-service -> hindsight-db:5432", "postmortem-service -> keycloak:8080",
                "postmortem-service -> incident-service:8081",
                "search-service -> incident-service:8081", "search-service -> postmortem-service:8082",
                "search-service -> keycloak:8080",
                "keycloak -> hindsight-db:5432", "keycloak -> keycloak:7800");
        assertEquals(new TreeSet<>(expected), allowedPaths(dev));
        Set<String> withoutDevDatabase = new TreeSet<>(expected);
        assertEquals(withoutDevDatabase.stream().filter(p -> !p.contains("hindsight-db")).collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
                allowedPaths(production), "production's database pods are the operator's, not in the render");
    }

    /** Pod-to-pod paths inside the namespace that both the sender's egress and the receiver's ingress allow. */
    private static Set<String> allowedPaths(Manifests m) {
        Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
        m.all(Deployment.class).forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        m.all(StatefulSet.class).forEach(s -> pods.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        List<NetworkPolicy> policies = m.all(NetworkPolicy.class);
        Set<String> allowed = new TreeSet<>();
        pods.forEach((from, fromPod) -> pods.forEach((to, toPod) -> {
            for (Container c : toPod.getSpec().getContainers()) {
                for (var port : c.getPorts()) {
                    int p = port.getContainerPort();
                    boolean egress = policies.stream().filter(np -> selects(np, fromPod) && np.getSpec().getEgress() != null)
                            .flatMap(np -> np.getSpec().getEgress().stream())
                            .anyMatch(r -> peersMatch(r.getTo(), toPod) && portsMatch(r.getPorts(), p));
                    boolean ingress = policies.stream().filter(np -> selects(np, toPod) && np.getSpec().getIngress() != null)
                            .flatMap(np -> np.getSpec().getIngress().stream())
                            .anyMatch(r -> peersMatch(r.getFrom(), fromPod) && portsMatch(r.getPorts(), p));
                    if (egress && ingress) {
                        allowed.add(from + " -> " + to + ":" + p);
                    }
                }
            }
        }));
        return allowed;
    }

    private static boolean selects(NetworkPolicy np, PodTemplateSpec pod) {
        Map<String, String> sel = np.getSpec().getPodSelector().getMatchLabels();
        return sel == null || sel.entrySet().stream().allMatch(e -> e.getValue().equals(pod.getMetadata().getLabels().get(e.getKey())));
    }

    private static boolean peersMatch(List<NetworkPolicyPeer> peers, PodTemplateSpec pod) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                && peer.getPodSelector() != null && peer.getPodSelector().getMatchLabels() != null
                && peer.getPodSelector().getMatchLabels().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(pod.getMetadata().getLabels().get(e.getKey()))));
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, int port) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() != null
                && p.getPort().getIntVal() != null && p.getPort().getIntVal() == port);
    }

    @Test
    void everyContainerOfProductionIsListedWithItsProbesLimitsAndSecurityContext() {
        List<String> seen = new ArrayList<>();
        for (HasMetadata w : production.objects()) {
            PodTemplateSpec t = w instanceof Deployment d ? d.getSpec().getTemplate()
                    : w instanceof StatefulSet s ? s.getSpec().getTemplate() : null;
            if (t == null) {
                continue;
            }
            for (Container c : t.getSpec().getContainers()) {
                assertTrue(c.getStartupProbe() != null && c.getReadinessProbe() != null && c.getLivenessProbe() != null);
                assertTrue(c.getResources().getLimits().containsKey("memory") && c.getResources().getLimits().containsKey("cpu"));
                assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
                assertTrue(t.getSpec().getSecurityContext().getRunAsNonRoot());
                seen.add(c.getImage());
            }
        }
        assertEquals(5, seen.size(), seen.toString());
        assertTrue(seen.stream().allMatch(i -> i.startsWith("registry.example.com/hindsight/")), seen.toString());
    }
}
