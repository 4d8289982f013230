package io.hindsight.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Hindsight's own rules for what it runs on Kubernetes, beyond what the API schema says: every container has
 * probes, requests and limits, a non-root read-only hardened security context and a fixed image tag; every
 * reference (ConfigMap, Secret, Service, port, HPA and PDB target) resolves within the rendered overlay; the
 * stateless services autoscale; every workload has a disruption budget, network policies and a metrics scrape.
 */
final class SuitePolicy {

    /** The suite's own Quarkus services: probes on /q/health, metrics on /q/metrics. */
    static final Set<String> QUARKUS_SERVICES = Set.of("incident-service", "postmortem-service", "search-service", "ui");
    /** Stateless Deployments that must have a HorizontalPodAutoscaler. */
    static final Set<String> AUTOSCALED = Set.of("incident-service", "postmortem-service", "ui");

    private final Manifests manifests;
    private final Set<String> externalSecrets;
    private final List<String> problems = new ArrayList<>();

    private SuitePolicy(Manifests manifests, Set<String> externalSecrets) {
        this.manifests = manifests;
        this.externalSecrets = externalSecrets;
    }

    /**
     * Every violation, as "Kind name: what is wrong". {@code externalSecrets}: Secrets the overlay references but
     * leaves to the cluster's operator to create (production), by name.
     */
    static List<String> check(Manifests manifests, Set<String> externalSecrets) {
        SuitePolicy p = new SuitePolicy(manifests, externalSecrets);
        p.workloads().forEach(p::checkWorkload);
        p.checkServices();
        p.checkIngresses();
        p.checkAutoscalers();
        p.checkDisruptionBudgets();
        p.checkNetworkPolicies();
        p.problems.addAll(CustomResourceChecks.check(manifests));
        return p.problems;
    }

    private Map<String, PodTemplateSpec> workloads() {
        Map<String, PodTemplateSpec> w = new LinkedHashMap<>();
        manifests.all(Deployment.class).forEach(d -> w.put("Deployment " + name(d), d.getSpec().getTemplate()));
        manifests.all(StatefulSet.class).forEach(s -> w.put("StatefulSet " + name(s), s.getSpec().getTemplate()));
        return w;
    }

    private void checkWorkload(String where, PodTemplateSpec template) {
        var pod = template.getSpec();
        PodSecurityContext podSecurity = pod.getSecurityContext();
        String app = template.getMetadata().getLabels() == null ? null
                : template.getMetadata().getLabels().get("app.kubernetes.io/name");
        if (app == null) {
            problems.add(where + ": pod template has no app.kubernetes.io/name label");
        }
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            problems.add(where + ": automountServiceAccountToken must be false (no container talks to the API server)");
        }
        List<Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        for (Container c : all) {
            String at = where + " container " + c.getName();
            checkImage(at, c.getImage());
            checkResources(at, c.getResources());
            checkSecurity(at, podSecurity, c.getSecurityContext());
            checkTmp(at, c, pod.getVolumes());
            checkReferences(at, c, pod.getVolumes());
        }
        for (Container c : pod.getContainers()) {
            String at = where + " container " + c.getName();
            checkProbe(at, "startupProbe", c, c.getStartupProbe(), "/q/health/started", app);
            checkProbe(at, "readinessProbe", c, c.getReadinessProbe(), "/q/health/ready", app);
            checkProbe(at, "livenessProbe", c, c.getLivenessProbe(), "/q/health/live", app);
        }
        if (QUARKUS_SERVICES.contains(app)) {
            Map<String, String> annotations = template.getMetadata().getAnnotations();
            if (annotations == null || !"true".equals(annotations.get("prometheus.io/scrape"))
                    || !"/q/metrics".equals(annotations.get("prometheus.io/path"))
                    || !containerPortNumbers(pod.getContainers()).contains(annotations.get("prometheus.io/port"))) {
                problems.add(where + ": needs prometheus.io/scrape=true, prometheus.io/path=/q/metrics and "
                        + "prometheus.io/port naming a container port");
            }
        }
    }

    private void checkImage(String at, String image) {
        if (image == null || image.isBlank()) {
            problems.add(at + ": no image");
            return;
        }
        if (image.contains("@sha256:")) {
            return;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        if (colon < 0) {
            problems.add(at + ": image " + image + " has no tag (means latest)");
        } else if (last.substring(colon + 1).equals("latest")) {
            problems.add(at + ": image " + image + " uses the tag latest");
        }
    }

    private void checkResources(String at, ResourceRequirements r) {
        for (String kind : List.of("cpu", "memory")) {
            if (r == null || r.getRequests() == null || r.getRequests().get(kind) == null) {
                problems.add(at + ": no " + kind + " request");
            }
            if (r == null || r.getLimits() == null || r.getLimits().get(kind) == null) {
                problems.add(at + ": no " + kind + " limit");
            }
        }
    }

    private void checkSecurity(String at, PodSecurityContext pod, SecurityContext c) {
        boolean nonRoot = (c != null && Boolean.TRUE.equals(c.getRunAsNonRoot()))
                || (pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot())
                        && (c == null || c.getRunAsNonRoot() == null));
        if (!nonRoot) {
            problems.add(at + ": must run as non-root (runAsNonRoot: true)");
        }
        Long uid = c != null && c.getRunAsUser() != null ? c.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
        if (uid != null && uid == 0) {
            problems.add(at + ": runAsUser 0");
        }
        String seccomp = c != null && c.getSeccompProfile() != null ? c.getSeccompProfile().getType()
                : pod != null && pod.getSeccompProfile() != null ? pod.getSeccompProfile().getType() : null;
        if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
            problems.add(at + ": seccompProfile must be RuntimeDefault");
        }
        if (c == null) {
            problems.add(at + ": no securityContext");
            return;
        }
        if (!Boolean.FALSE.equals(c.getAllowPrivilegeEscalation())) {
            problems.add(at + ": allowPrivilegeEscalation must be false");
        }
        if (Boolean.TRUE.equals(c.getPrivileged())) {
            problems.add(at + ": privileged");
        }
        if (!Boolean.TRUE.equals(c.getReadOnlyRootFilesystem())) {
            problems.add(at + ": readOnlyRootFilesystem must be true");
        }
        if (c.getCapabilities() == null || c.getCapabilities().getDrop() == null
                || !c.getCapabilities().getDrop().contains("ALL")) {
            problems.add(at + ": capabilities must drop ALL");
        }
        if (c.getCapabilities() != null && c.getCapabilities().getAdd() != null
                && !c.getCapabilities().getAdd().isEmpty()) {
            problems.add(at + ": adds capabilities " + c.getCapabilities().getAdd());
        }
    }

    private void checkTmp(String at, Container c, List<Volume> volumes) {
        VolumeMount tmp = mounts(c).stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElse(null);
        Volume v = tmp == null ? null : volume(volumes, tmp.getName());
        if (v == null || v.getEmptyDir() == null) {
            problems.add(at + ": the root filesystem is read-only, so /tmp must be an emptyDir volume");
        }
        for (VolumeMount m : mounts(c)) {
            if (volume(volumes, m.getName()) == null && !claimTemplates().contains(m.getName())) {
                problems.add(at + ": mounts volume " + m.getName() + ", which the pod does not declare");
            }
        }
    }

    private void checkProbe(String at, String which, Container c, Probe probe, String quarkusPath, String app) {
        if (probe == null) {
            problems.add(at + ": no " + which);
            return;
        }
        HTTPGetAction http = probe.getHttpGet();
        if (http == null) {
            if (probe.getExec() == null && probe.getTcpSocket() == null && probe.getGrpc() == null) {
                problems.add(at + ": " + which + " has no handler");
            }
            if (QUARKUS_SERVICES.contains(app)) {
                problems.add(at + ": " + which + " must be an HTTP GET of " + quarkusPath);
            }
            return;
        }
        if (!portDeclared(List.of(c), http.getPort())) {
            problems.add(at + ": " + which + " uses port " + portText(http.getPort()) + ", which the container does not declare");
        }
        if (QUARKUS_SERVICES.contains(app) && !quarkusPath.equals(http.getPath())) {
            problems.add(at + ": " + which + " must GET " + quarkusPath + ", not " + http.getPath());
        }
    }

    private void checkReferences(String at, Container c, List<Volume> volumes) {
        if (c.getEnvFrom() != null) {
            for (EnvFromSource from : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    requireConfigMap(at, from.getConfigMapRef().getName());
                }
                if (from.getSecretRef() != null) {
                    requireSecret(at, from.getSecretRef().getName());
                }
            }
        }
        if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    var ref = e.getValueFrom().getSecretKeyRef();
                    Secret s = requireSecret(at, ref.getName());
                    if (s != null && !keys(s).contains(ref.getKey())) {
                        problems.add(at + ": env " + e.getName() + " reads key " + ref.getKey() + " missing from Secret " + ref.getName());
                    }
                }
                if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                    requireConfigMap(at, e.getValueFrom().getConfigMapKeyRef().getName());
                }
            }
        }
        for (VolumeMount m : mounts(c)) {
            Volume v = volume(volumes, m.getName());
            if (v != null && v.getConfigMap() != null) {
                requireConfigMap(at, v.getConfigMap().getName());
            }
            if (v != null && v.getSecret() != null) {
                requireSecret(at, v.getSecret().getSecretName());
            }
        }
    }

    private void requireConfigMap(String at, String name) {
        if (manifests.all(ConfigMap.class).stream().noneMatch(m -> name(m).equals(name))) {
            problems.add(at + ": refers to ConfigMap " + name + ", which the overlay does not create");
        }
    }

    private Secret requireSecret(String at, String name) {
        Secret s = manifests.all(Secret.class).stream().filter(x -> name(x).equals(name)).findFirst().orElse(null);
        if (s == null && !externalSecrets.contains(name)) {
            problems.add(at + ": refers to Secret " + name + ", which is neither created by the overlay nor "
                    + "listed as created by the operator");
        }
        return s;
    }

    private void checkServices() {
        for (Service s : manifests.all(Service.class)) {
            Map<String, String> selector = s.getSpec().getSelector();
            List<PodTemplateSpec> pods = workloads().values().stream()
                    .filter(t -> matches(selector, t.getMetadata().getLabels())).toList();
            if (pods.isEmpty()) {
                problems.add("Service " + name(s) + ": selects no pods of the overlay");
                continue;
            }
            for (ServicePort port : s.getSpec().getPorts()) {
                for (PodTemplateSpec t : pods) {
                    if (!portDeclared(t.getSpec().getContainers(), port.getTargetPort())) {
                        problems.add("Service " + name(s) + ": targetPort " + portText(port.getTargetPort())
                                + " is not a port of the selected containers");
                    }
                }
            }
        }
    }

    private void checkIngresses() {
        for (Ingress ing : manifests.all(Ingress.class)) {
            for (IngressRule rule : ing.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    Service s = manifests.all(Service.class).stream()
                            .filter(x -> name(x).equals(backend.getName())).findFirst().orElse(null);
                    if (s == null) {
                        problems.add("Ingress " + name(ing) + ": " + rule.getHost() + path.getPath()
                                + " goes to Service " + backend.getName() + ", which does not exist");
                    } else if (s.getSpec().getPorts().stream().noneMatch(p ->
                            Objects.equals(p.getName(), backend.getPort().getName())
                                    || Objects.equals(p.getPort(), backend.getPort().getNumber()))) {
                        problems.add("Ingress " + name(ing) + ": Service " + backend.getName() + " has no port "
                                + backend.getPort());
                    }
                }
            }
            if (ing.getSpec().getTls() != null) {
                ing.getSpec().getTls().forEach(t -> requireSecret("Ingress " + name(ing), t.getSecretName()));
            }
        }
    }

    private void checkAutoscalers() {
        List<HorizontalPodAutoscaler> hpas = manifests.all(HorizontalPodAutoscaler.class);
        for (HorizontalPodAutoscaler h : hpas) {
            var ref = h.getSpec().getScaleTargetRef();
            if (!ref.getKind().equals("Deployment") || manifests.all(Deployment.class).stream()
                    .noneMatch(d -> name(d).equals(ref.getName()))) {
                problems.add("HorizontalPodAutoscaler " + name(h) + ": targets " + ref.getKind() + " " + ref.getName()
                        + "; only the stateless Deployments autoscale (search replicas are scaled by hand)");
            }
            manifests.all(Deployment.class).stream().filter(d -> name(d).equals(ref.getName())
                    && d.getSpec().getReplicas() != null).forEach(d -> problems.add("Deployment " + name(d)
                    + ": sets replicas although HorizontalPodAutoscaler " + name(h) + " owns the count"));
            if (h.getSpec().getMinReplicas() == null || h.getSpec().getMinReplicas() > h.getSpec().getMaxReplicas()) {
                problems.add("HorizontalPodAutoscaler " + name(h) + ": minReplicas must be set and <= maxReplicas");
            }
        }
        for (String name : AUTOSCALED) {
            if (hpas.stream().noneMatch(h -> h.getSpec().getScaleTargetRef().getName().equals(name))) {
                problems.add("Deployment " + name + ": stateless service without a HorizontalPodAutoscaler");
            }
        }
    }

    private void checkDisruptionBudgets() {
        List<PodDisruptionBudget> pdbs = manifests.all(PodDisruptionBudget.class);
        workloads().forEach((where, t) -> {
            if (where.contains("hindsight-db")) {
                return; // a single dev database has nothing to keep available; CloudNativePG makes its own PDBs
            }
            if (pdbs.stream().noneMatch(p -> matches(p.getSpec().getSelector().getMatchLabels(), t.getMetadata().getLabels()))) {
                problems.add(where + ": no PodDisruptionBudget selects its pods");
            }
        });
    }

    private void checkNetworkPolicies() {
        List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
        boolean defaultDeny = policies.stream().anyMatch(p -> empty(p.getSpec().getPodSelector().getMatchLabels())
                && empty(p.getSpec().getPodSelector().getMatchExpressions())
                && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                && empty(p.getSpec().getIngress()) && empty(p.getSpec().getEgress()));
        if (!defaultDeny) {
            problems.add("NetworkPolicy: no default-deny policy (empty podSelector, Ingress and Egress, no rules)");
        }
        workloads().forEach((where, t) -> {
            boolean own = policies.stream().anyMatch(p -> !empty(p.getSpec().getPodSelector().getMatchLabels())
                    && matches(p.getSpec().getPodSelector().getMatchLabels(), t.getMetadata().getLabels()));
            if (!own) {
                problems.add(where + ": no NetworkPolicy of its own allows its traffic");
            }
        });
    }

    private Set<String> claimTemplates() {
        Set<String> names = new java.util.HashSet<>();
        manifests.all(StatefulSet.class).forEach(s -> {
            if (s.getSpec().getVolumeClaimTemplates() != null) {
                s.getSpec().getVolumeClaimTemplates().forEach(c -> names.add(c.getMetadata().getName()));
            }
        });
        return names;
    }

    private static boolean empty(Object collectionOrMap) {
        return collectionOrMap == null || (collectionOrMap instanceof java.util.Collection<?> c && c.isEmpty())
                || (collectionOrMap instanceof Map<?, ?> m && m.isEmpty());
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static boolean portDeclared(List<Container> containers, IntOrString port) {
        if (port == null) {
            return false;
        }
        for (Container c : containers) {
            for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                if (port.getStrVal() != null ? port.getStrVal().equals(p.getName())
                        : Objects.equals(port.getIntVal(), p.getContainerPort())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> containerPortNumbers(List<Container> containers) {
        Set<String> ports = new java.util.HashSet<>();
        containers.forEach(c -> c.getPorts().forEach(p -> ports.add(String.valueOf(p.getContainerPort()))));
        return ports;
    }

    private static String portText(IntOrString port) {
        return port == null ? "<none>" : port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
    }

    private static List<VolumeMount> mounts(Container c) {
        return c.getVolumeMounts() == null ? List.of() : c.getVolumeMounts();
    }

    private static Volume volume(List<Volume> volumes, String name) {
        return volumes == null ? null : volumes.stream().filter(v -> v.getName().equals(name)).findFirst().orElse(null);
    }

    private static Set<String> keys(Secret s) {
        Set<String> keys = new java.util.HashSet<>();
        if (s.getData() != null) {
            keys.addAll(s.getData().keySet());
        }
        if (s.getStringData() != null) {
            keys.addAll(s.getStringData().keySet());
        }
        return keys;
    }

    private static String name(HasMetadata o) {
        return o.getMetadata().getName();
    }
}
