package io.chronoflow.worker.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A real HTTP server on 127.0.0.1 standing in for a serverless function: it records each call and answers by script. */
final class LocalFunction implements AutoCloseable {

    /** One call as the server received it. */
    record Call(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** What the server answers. */
    record Answer(int status, String contentType, String body) {
        /** Holds the caller until the function is closed (at most a minute): longer than any timeout under test. */
        static final Answer HANG = new Answer(200, "application/json", "{}");

        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Released on close, so that a handler made to hang does not outlive the test. */
    private final CountDownLatch closed = new CountDownLatch(1);

    private LocalFunction(Function<Call, Answer> script) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Call call = new Call(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath()
                                + (exchange.getRequestURI().getRawQuery() == null
                                        ? ""
                                        : "?" + exchange.getRequestURI().getRawQuery()),
                        Map.copyOf(exchange.getRequestHeaders()),
                        body);
                calls.add(call);
                Answer answer = script.apply(call);
                if (answer == Answer.HANG) {
                    hang();
                }
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                if (answer.contentType() != null) {
                    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                }
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    private void hang() {
        try {
            closed.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static LocalFunction answering(Function<Call, Answer> script) {
        return new LocalFunction(script);
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
