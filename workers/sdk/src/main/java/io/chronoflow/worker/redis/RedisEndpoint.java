package io.chronoflow.worker.redis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.redisson.config.BaseConfig;
import org.redisson.config.Config;

/**
 * Where Redis is, parsed from one URL, and the Redisson configuration for it — shared by the engine and the workers:
 *
 * <ul>
 *   <li>{@code redis://[user:password@]host[:port][/database]} ({@code rediss://} for TLS): one server;
 *   <li>{@code redis-sentinel://[user:password@]host:port[,host:port…]/master[/database]} ({@code rediss-sentinel://}):
 *       the sentinels of a monitored master, which Redisson follows through fail-overs;
 *   <li>{@code redis-cluster://[user:password@]host:port[,host:port…]} ({@code rediss-cluster://}): seed nodes of a
 *       Redis Cluster.
 * </ul>
 *
 * The credentials are those of the Redis servers. Errors never echo the URL, which may carry a password.
 *
 * @param mode single server, sentinel or cluster.
 * @param nodes {@code redis://host:port} (or {@code rediss://}) addresses: the server, the sentinels or the seeds.
 * @param master the sentinel master's name, or null.
 * @param username the ACL user, or null.
 * @param password the password, or null.
 * @param database the database number (0 for a cluster).
 */
public record RedisEndpoint(
        Mode mode, List<String> nodes, String master, String username, String password, int database) {

    public enum Mode {
        SINGLE,
        SENTINEL,
        CLUSTER
    }

    private static final int DEFAULT_PORT = 6379;
    private static final int DEFAULT_SENTINEL_PORT = 26379;

    public RedisEndpoint {
        nodes = List.copyOf(nodes);
    }

    /** Parses {@code url}; {@code setting} names it in errors (e.g. {@code chronoflow.redis.url}). */
    public static RedisEndpoint parse(String url, String setting) {
        String value = url == null ? "" : url.strip();
        int schemeEnd = value.indexOf("://");
        if (schemeEnd < 0) {
            throw invalid(setting, "it is not a redis:// URL");
        }
        String scheme = value.substring(0, schemeEnd);
        boolean tls = scheme.startsWith("rediss");
        Mode mode = switch (scheme) {
            case "redis", "rediss" -> Mode.SINGLE;
            case "redis-sentinel", "rediss-sentinel" -> Mode.SENTINEL;
            case "redis-cluster", "rediss-cluster" -> Mode.CLUSTER;
            default ->
                throw invalid(
                        setting,
                        "the scheme must be redis://, rediss://, redis-sentinel://, rediss-sentinel://,"
                                + " redis-cluster:// or rediss-cluster://");
        };
        String rest = value.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        List<String> path = slash < 0
                ? List.of()
                : List.of(rest.substring(slash + 1).split("/")).stream()
                        .filter(s -> !s.isEmpty())
                        .toList();
        String username = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String[] parts = authority.substring(0, at).split(":", 2);
            if (parts.length == 1) {
                password = decode(parts[0]);
            } else {
                username = parts[0].isEmpty() ? null : decode(parts[0]);
                password = decode(parts[1]);
            }
            authority = authority.substring(at + 1);
        }
        List<String> nodes = new ArrayList<>();
        for (String hostPort : authority.split(",")) {
            nodes.add(
                    node(hostPort.strip(), tls, mode == Mode.SENTINEL ? DEFAULT_SENTINEL_PORT : DEFAULT_PORT, setting));
        }
        if (mode == Mode.SINGLE && nodes.size() > 1) {
            throw invalid(setting, "one host only for redis://; several are for redis-sentinel:// or redis-cluster://");
        }
        String master = null;
        int databaseIndex = 0;
        if (mode == Mode.SENTINEL) {
            if (path.isEmpty()) {
                throw invalid(setting, "a redis-sentinel:// URL names the master after the hosts: …/mymaster");
            }
            master = path.get(0);
            databaseIndex = 1;
        }
        int database = 0;
        if (path.size() > databaseIndex) {
            if (mode == Mode.CLUSTER) {
                throw invalid(setting, "a Redis Cluster has no database number");
            }
            try {
                database = Integer.parseInt(path.get(databaseIndex));
            } catch (NumberFormatException e) {
                throw invalid(setting, "the path must be a database number");
            }
        }
        return new RedisEndpoint(mode, nodes, master, username, password, database);
    }

    /** A Redisson configuration for this endpoint with the given pool size and connect timeout. */
    public Config toConfig(int connectionPoolSize, Duration connectTimeout) {
        Config config = new Config();
        BaseConfig<?> base = switch (mode) {
            case SINGLE ->
                config.useSingleServer()
                        .setAddress(nodes.get(0))
                        .setDatabase(database)
                        .setConnectionMinimumIdleSize(1)
                        .setConnectionPoolSize(connectionPoolSize);
            case SENTINEL ->
                config.useSentinelServers()
                        .setMasterName(master)
                        .addSentinelAddress(nodes.toArray(String[]::new))
                        .setDatabase(database)
                        .setCheckSentinelsList(nodes.size() > 1)
                        .setMasterConnectionMinimumIdleSize(1)
                        .setMasterConnectionPoolSize(connectionPoolSize)
                        .setSlaveConnectionMinimumIdleSize(1)
                        .setSlaveConnectionPoolSize(connectionPoolSize);
            case CLUSTER ->
                config.useClusterServers()
                        .addNodeAddress(nodes.toArray(String[]::new))
                        .setMasterConnectionMinimumIdleSize(1)
                        .setMasterConnectionPoolSize(connectionPoolSize)
                        .setSlaveConnectionMinimumIdleSize(1)
                        .setSlaveConnectionPoolSize(connectionPoolSize);
        };
        base.setConnectTimeout((int) connectTimeout.toMillis());
        if (username != null) {
            base.setUsername(username);
        }
        if (password != null) {
            base.setPassword(password);
        }
        return config;
    }

    private static String node(String hostPort, boolean tls, int defaultPort, String setting) {
        if (hostPort.isEmpty()) {
            throw invalid(setting, "it names no host");
        }
        String host = hostPort;
        int port = defaultPort;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw invalid(setting, "a port is not a number");
            }
        }
        if (host.isEmpty()) {
            throw invalid(setting, "it names no host");
        }
        return (tls ? "rediss://" : "redis://") + host + ":" + port;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String setting, String why) {
        // Never echo the URL itself: it may carry a password.
        return new IllegalArgumentException(setting + " is invalid: " + why);
    }

    @Override
    public String toString() {
        return "RedisEndpoint[" + mode + " " + nodes + (master == null ? "" : ", master=" + master) + ", database="
                + database + (password == null ? "" : ", password=***") + "]";
    }
}
