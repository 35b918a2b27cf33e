package io.chronoflow.bench.camunda;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Vanilla Camunda 7 as a peer of the benchmark harness, in one of two roles chosen by the first argument that is not
 * an option:
 *
 * <ul>
 *   <li>none: the engine, a plain Spring Boot app with {@code camunda-bpm-spring-boot-starter-rest} (the REST API at
 *       {@code /engine-rest}) on the PostgreSQL database {@code CAMUNDA_PEER_DB_URL} ({@code _DB_USER}, {@code
 *       _DB_PASSWORD}) with history level {@code CAMUNDA_PEER_HISTORY_LEVEL} (default {@code full}); everything else
 *       as the starter ships it;
 *   <li>{@code client}: the official Java external-task client(s) against {@code CAMUNDA_PEER_BASE_URL}, set up by
 *       {@link ClientSettings}; see {@link ClientRole}.
 * </ul>
 *
 * <p>Both listen on 127.0.0.1 only ({@code --server.port}) and check no credentials: a benchmark peer on loopback,
 * never to be deployed anywhere else.
 */
@SpringBootApplication
public class CamundaPeer {

    /** The argument that starts the client role. */
    public static final String CLIENT = "client";

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains(CLIENT)) {
            ClientRole.run(ClientSettings.fromEnv(System.getenv()), port(args));
        } else {
            SpringApplication.run(CamundaPeer.class, args);
        }
    }

    /** The {@code --server.port=N} the harness passes to every process it starts; 0 (any free port) without one. */
    static int port(String[] args) {
        return Arrays.stream(args)
                .filter(a -> a.startsWith("--server.port="))
                .map(a -> Integer.parseInt(a.substring("--server.port=".length())))
                .findFirst()
                .orElse(0);
    }
}
