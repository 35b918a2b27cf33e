package io.chronoflow.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoflow.testkit.EngineEnvironment;
import io.chronoflow.testkit.EngineHttp;
import io.chronoflow.testkit.PostgresDatabase;
import io.chronoflow.testkit.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Engine nodes of one {@link Variant} as real processes from the built jar, on a database of their own (re-created),
 * the local Redis under a key prefix of their own, no example models and no demo worker.
 */
final class EngineCluster implements AutoCloseable {

    private static final DateTimeFormatter CAMUNDA_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private final Variant variant;
    private final String dbUrl;
    private final String dbUser;
    private final List<ServiceProcess> nodes;
    private final List<EngineHttp> clients;

    private EngineCluster(
            Variant variant, String dbUrl, String dbUser, List<ServiceProcess> nodes, List<EngineHttp> clients) {
        this.variant = variant;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.nodes = nodes;
        this.clients = clients;
    }

    /** Starts {@code count} nodes one after the other (the first creates the schema) and waits until each is up. */
    static EngineCluster start(Variant variant, Options options, int count, Progress progress) {
        String dbUrl = options.dbServer() + "chronoflow_bench_" + variant.id().replace('-', '_');
        PostgresDatabase.recreate(dbUrl, options.dbUser());
        Path dir = options.workDir().resolve(variant.id()).toAbsolutePath();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        EngineEnvironment env = EngineEnvironment.of(
                dbUrl, options.dbUser(), options.redisUrl(), "cfbench-" + variant.id(), password, dir);
        List<ServiceProcess> nodes = new ArrayList<>();
        List<EngineHttp> clients = new ArrayList<>();
        try {
            for (int i = 1; i <= count; i++) {
                Path nodeDir = mkdirs(dir.resolve("node" + i));
                env.with("CHRONOFLOW_DATA_DIR", nodeDir.resolve("data").toString());
                progress.say("%s: starting engine node %d of %d (log: %s)", variant.id(), i, count, nodeDir);
                ServiceProcess node =
                        ServiceProcess.start("engine", options.engineJar(), nodeDir, env.toMap(), variant.engineArgs());
                nodes.add(node);
                node.awaitHealthy(Duration.ofMinutes(3));
                clients.add(EngineHttp.basic(node.baseUrl(), "admin", password));
            }
        } catch (RuntimeException e) {
            nodes.forEach(ServiceProcess::close);
            throw e;
        }
        return new EngineCluster(variant, dbUrl, options.dbUser(), nodes, clients);
    }

    Variant variant() {
        return variant;
    }

    int size() {
        return nodes.size();
    }

    /** Deploys a model from the harness's resources through the first node's {@code /engine-rest}. */
    void deploy(String resource) {
        byte[] model;
        try (InputStream in = EngineCluster.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            model = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        expect(
                clients.get(0)
                        .postMultipart(
                                "/engine-rest/deployment/create",
                                Map.of("deployment-name", "bench", "enable-duplicate-filtering", "true"),
                                resource,
                                model),
                "deploy " + resource);
    }

    /** Starts an instance of {@code processKey} through node {@code node} with a Date variable {@code due}. */
    void startWithDue(int node, String processKey, String businessKey, Instant due) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("businessKey", businessKey);
        ObjectNode dueVariable = body.putObject("variables").putObject("due");
        dueVariable.put("value", CAMUNDA_DATE.format(due));
        dueVariable.put("type", "Date");
        expect(
                clients.get(node % clients.size())
                        .postJson("/engine-rest/process-definition/key/" + processKey + "/start", body),
                "start " + processKey);
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(dbUrl, dbUser, "");
    }

    /** Refreshes the planner's statistics after a bulk load (autovacuum may be off). */
    void analyze() {
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("ANALYZE failed", e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(ServiceProcess::close);
    }

    private static void expect(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
