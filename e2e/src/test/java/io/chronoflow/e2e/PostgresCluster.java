package io.chronoflow.e2e;

import io.chronoflow.testkit.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of a test's own, made with Debian's {@code pg_createcluster} (the installed major version, trust
 * authentication, listening on 127.0.0.1 at a free port) so that the test may stop and start it without touching the
 * shared server; {@link #close()} removes it with {@code pg_dropcluster}.
 */
final class PostgresCluster implements AutoCloseable {

    private final String version;
    private final String name = "cfe2e" + UUID.randomUUID().toString().substring(0, 8);
    private final int port = ServiceProcess.freePort();
    private final Path log;
    private boolean created;

    private PostgresCluster(Path dir) throws IOException {
        this.version = installedVersion();
        this.log = dir.resolve("pg-" + name + ".log");
    }

    /** Creates and starts the cluster, and a database {@code chronoflow} in it. */
    static PostgresCluster start(Path dir) throws Exception {
        PostgresCluster cluster = new PostgresCluster(dir);
        try {
            cluster.run(
                    "pg_createcluster",
                    "--port",
                    Integer.toString(cluster.port),
                    "--start",
                    cluster.version,
                    cluster.name,
                    "--",
                    "--auth=trust");
            cluster.created = true;
            try (Connection c = DriverManager.getConnection(cluster.url("postgres"), "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE chronoflow");
            }
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    String url() {
        return url("chronoflow");
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server (fast shutdown: open transactions are rolled back, sessions cut). */
    void stop() throws Exception {
        run("pg_ctlcluster", version, name, "stop", "-m", "fast");
    }

    void begin() throws Exception {
        run("pg_ctlcluster", version, name, "start");
    }

    /** How many sessions the server has now (to see that the pools reconnected). */
    int sessions() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
                Statement s = c.createStatement();
                var r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = 'chronoflow'")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Override
    public void close() throws Exception {
        if (created) {
            run("pg_dropcluster", "--stop", version, name);
            created = false;
        }
    }

    private void run(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    String.join(" ", line) + " failed: " + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static String installedVersion() throws IOException {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            return versions.map(p -> p.getFileName().toString())
                    .filter(v -> v.matches("\\d+"))
                    .max(java.util.Comparator.comparingInt(Integer::parseInt))
                    .orElseThrow(
                            () -> new IllegalStateException("no PostgreSQL cluster version under /etc/postgresql"));
        }
    }
}
