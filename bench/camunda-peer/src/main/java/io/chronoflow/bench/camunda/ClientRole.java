package io.chronoflow.bench.camunda;

import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.ExternalTaskClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client role: {@link ClientSettings#clients()} official {@link ExternalTaskClient}s in this process, each
 * subscribed to the topic with a handler that completes each task at once (one {@code POST …/complete} per task), and
 * once all are open a {@value #HEALTH} endpoint on 127.0.0.1 (no Spring here: the client needs none, and the process
 * starts in well under a second). SIGTERM ends the process without waiting for a pending long poll.
 */
final class ClientRole {

    static final String HEALTH = "/health";
    private static final Logger LOG = LoggerFactory.getLogger(ClientRole.class);

    private ClientRole() {}

    static void run(ClientSettings settings, int port) throws IOException {
        // Without Spring Boot, Logback's default configuration logs at DEBUG (every HTTP exchange): keep it at INFO.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        List<ExternalTaskClient> clients = new ArrayList<>();
        for (int i = 1; i <= settings.clients(); i++) {
            ExternalTaskClient client =
                    builder(settings, "camunda-peer-client-" + i).build();
            client.subscribe(settings.topic())
                    .lockDuration(settings.lockDuration().toMillis())
                    .handler((task, service) -> service.complete(task))
                    .open();
            clients.add(client);
        }
        HttpServer health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        health.createContext(HEALTH, exchange -> {
            byte[] body = "UP".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        LOG.info(
                "{} client(s) on {} polling topic {}: {}",
                clients.size(),
                settings.baseUrl(),
                settings.topic(),
                settings);
    }

    /** One client as the settings say; everything they leave out is the client's default. */
    static ExternalTaskClientBuilder builder(ClientSettings settings, String workerId) {
        ExternalTaskClientBuilder builder = ExternalTaskClient.create()
                .baseUrl(settings.baseUrl())
                .workerId(workerId)
                .maxTasks(settings.maxTasks());
        settings.asyncResponseTimeout().ifPresent(t -> builder.asyncResponseTimeout(t.toMillis()));
        if (!settings.backoff()) {
            builder.disableBackoffStrategy();
        }
        return builder;
    }
}
