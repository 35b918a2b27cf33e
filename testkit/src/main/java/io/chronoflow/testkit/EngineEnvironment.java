package io.chronoflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment of an engine process started by a test or the benchmark harness: a PostgreSQL database, a Redis key
 * prefix, its first admin, no example models and no demo worker, unless told otherwise.
 */
public final class EngineEnvironment {

    private final Map<String, String> env = new HashMap<>();

    private EngineEnvironment() {}

    /**
     * @param workDir where an empty models folder is made, so that no example job is deployed.
     */
    public static EngineEnvironment of(
            String dbUrl, String dbUser, String redisUrl, String keyPrefix, String adminPassword, Path workDir) {
        EngineEnvironment e = new EngineEnvironment();
        e.env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        e.env.put("CHRONOFLOW_DB_URL", dbUrl);
        e.env.put("CHRONOFLOW_DB_USER", dbUser);
        e.env.put("CHRONOFLOW_REDIS_URL", redisUrl);
        e.env.put("CHRONOFLOW_REDIS_KEY_PREFIX", keyPrefix);
        e.env.put("CHRONOFLOW_ADMIN_PASSWORD", adminPassword);
        e.env.put("CHRONOFLOW_DEMO_WORKER_ENABLED", "false");
        try {
            e.env.put(
                    "CHRONOFLOW_BPMN_DIR",
                    Files.createDirectories(workDir.resolve("no-models")).toString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return e;
    }

    /** Sets (or overrides) one variable. */
    public EngineEnvironment with(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Map<String, String> toMap() {
        return Map.copyOf(env);
    }
}
