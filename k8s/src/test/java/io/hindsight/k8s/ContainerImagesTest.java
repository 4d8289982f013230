package io.hindsight.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container build files of each service (the Quarkus layout, src/main/docker) agree with the service and with
 * the manifests: a fixed base image tag, a non-root numeric user, the service's own port, the fast-jar layout in
 * JVM mode and the native runner in native mode. (No image is built here: there is no container engine.)
 */
class ContainerImagesTest {

    private static final Pattern FROM = Pattern.compile("(?m)^FROM (\\S+)");

    @ParameterizedTest
    @ValueSource(strings = {"incident-service", "postmortem-service", "search-service", "ui"})
    void bothDockerfilesMatchTheServiceAndItsManifest(String module) throws Exception {
        Path docker = Overlays.REPOSITORY.resolve(module).resolve("src/main/docker");
        String jvm = Files.readString(docker.resolve("Dockerfile.jvm"));
        String nativeImage = Files.readString(docker.resolve("Dockerfile.native"));
        String port = httpPort(module);

        for (String dockerfile : List.of(jvm, nativeImage)) {
            Matcher from = FROM.matcher(dockerfile);
            assertTrue(from.find(), "FROM");
            String image = from.group(1);
            assertTrue(image.contains(":") && !image.endsWith(":latest"), "fixed base image tag: " + image);
            Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(dockerfile);
            assertTrue(user.find() && !user.group(1).equals("0"), "numeric non-root USER");
            assertTrue(dockerfile.contains("EXPOSE " + port + "\n"), module + " listens on " + port);
            assertTrue(dockerfile.contains("QUARKUS_HTTP_HOST=0.0.0.0"), "listens on every interface in a container");
        }
        assertTrue(jvm.contains("target/quarkus-app/lib/") && jvm.contains("/deployments/quarkus-run.jar"), "fast-jar layout");
        assertTrue(nativeImage.contains("target/*-runner"), "native runner");

        String manifestPort = String.valueOf(containerPort(Overlays.parse(Overlays.PRODUCTION), module));
        assertEquals(port, manifestPort, "the manifest's containerPort is the service's quarkus.http.port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"incident-service", "postmortem-service", "search-service", "ui"})
    void jsonLogsAreOffUnlessTheDeploymentSwitchesThemOn(String module) throws Exception {
        assertTrue(Files.readString(Overlays.REPOSITORY.resolve(module).resolve("pom.xml")).contains("<artifactId>quarkus-logging-json</artifactId>"));
        assertEquals("false", properties(module).getProperty("quarkus.log.console.json.enabled"));
    }

    private static String httpPort(String module) throws Exception {
        return properties(module).getProperty("quarkus.http.port");
    }

    private static Properties properties(String module) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(Overlays.REPOSITORY.resolve(module).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static int containerPort(Manifests m, String name) {
        var deployment = m.all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst();
        var template = deployment.isPresent() ? deployment.get().getSpec().getTemplate()
                : m.one(StatefulSet.class, name).getSpec().getTemplate();
        return template.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
    }
}
