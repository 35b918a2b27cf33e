package io.chronoflow.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The harness's end of the dispatch scenario: an HTTP server on 127.0.0.1 that the worker app's built-in HTTP task
 * calls as the first thing its handler does ({@code GET /dispatch/<id>}); it notes when each call arrived, the moment
 * the handler started give or take a loopback round trip, and answers 204.
 */
final class DispatchProbe implements AutoCloseable {

    private static final String PATH = "/dispatch/";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, Instant> arrivals = new ConcurrentHashMap<>();

    DispatchProbe() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the dispatch probe", e);
        }
        server.createContext(PATH, exchange -> {
            Instant arrived = Instant.now();
            String id = exchange.getRequestURI().getPath().substring(PATH.length());
            arrivals.putIfAbsent(id, arrived);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** When the call for {@code id} first arrived, or null. */
    Instant arrival(String id) {
        return arrivals.get(id);
    }

    /** How many calls whose id starts with {@code prefix} have arrived. */
    long arrived(String prefix) {
        return arrivals.keySet().stream().filter(id -> id.startsWith(prefix)).count();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
