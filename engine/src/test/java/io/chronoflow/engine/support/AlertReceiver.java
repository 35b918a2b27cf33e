package io.chronoflow.engine.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 for the alert tests: records every delivery attempt and answers 200, or 500 for the
 * first attempts of events whose body contains a marker it was told to refuse.
 */
public final class AlertReceiver {

    private final HttpServer server;
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

    private AlertReceiver(HttpServer server) {
        this.server = server;
    }

    public static AlertReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AlertReceiver receiver = new AlertReceiver(server);
            server.createContext("/alerts", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                receiver.attempts.add(body);
                int status = 200;
                for (Map.Entry<String, AtomicInteger> refusal : receiver.refusals.entrySet()) {
                    if (body.contains(refusal.getKey()) && refusal.getValue().getAndDecrement() > 0) {
                        status = 500;
                    }
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    /** Answers 500 to the first {@code times} deliveries whose body contains {@code marker}. */
    public void refuse(String marker, int times) {
        refusals.put(marker, new AtomicInteger(times));
    }

    /** Every delivery attempt so far, refused ones included. */
    public List<String> attempts() {
        return List.copyOf(attempts);
    }
}
