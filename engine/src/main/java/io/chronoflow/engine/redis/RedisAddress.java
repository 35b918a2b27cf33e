package io.chronoflow.engine.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A parsed {@code redis://[user:password@]host[:port][/database]} (or {@code rediss://} for TLS) URL: Redisson takes
 * the address and the credentials separately.
 *
 * @param address {@code scheme://host:port}, as Redisson wants it.
 * @param username the ACL user, or null.
 * @param password the password, or null.
 * @param database the database number.
 */
public record RedisAddress(String address, String username, String password, int database) {

    private static final int DEFAULT_PORT = 6379;

    public static RedisAddress parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(url, "it is not a URL");
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw invalid(url, "the scheme must be redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "it names no host");
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            if (parts.length == 1) {
                password = decode(parts[0]);
            } else {
                username = parts[0].isEmpty() ? null : decode(parts[0]);
                password = decode(parts[1]);
            }
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw invalid(url, "the path must be a database number");
            }
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String host = uri.getHost();
        return new RedisAddress(scheme + "://" + host + ":" + port, username, password, database);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String url, String why) {
        // Never echo the URL itself: it may carry a password.
        return new IllegalArgumentException("chronoflow.redis.url is invalid: " + why);
    }

    @Override
    public String toString() {
        return "RedisAddress[" + address + ", database=" + database + (password == null ? "" : ", password=***") + "]";
    }
}
