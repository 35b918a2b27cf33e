package io.chronoflow.engine.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built engine jar running as a real operating-system process, for tests about processes. Its output goes to
 * {@code engine.log} in its working directory; {@link #close()} stops it (SIGTERM, then SIGKILL after a grace period).
 */
public final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final Path workDir;
    private final int port;

    private EngineProcess(Process process, Path workDir, int port) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
    }

    /**
     * Starts {@code java -jar jar} in {@code workDir} with exactly the environment given (none inherited) and the port
     * as a command-line argument.
     */
    public static EngineProcess start(Path jar, Path workDir, Map<String, String> environment, List<String> args) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--server.port=" + port);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("engine.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return new EngineProcess(builder.start(), workDir, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path workDir() {
        return workDir;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until {@code /actuator/health} answers 200; fails early, with the log, if the process exits. */
    public EngineProcess awaitHealthy(Duration timeout) {
        EngineHttp http = EngineHttp.anonymous(baseUrl());
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("engine exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                return http.get("/actuator/health").statusCode() == 200;
            } catch (UncheckedIOException notYetListening) {
                return false;
            }
        });
        return this;
    }

    public String log() {
        try {
            return Files.readString(workDir.resolve("engine.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public String logTail() {
        String log = log();
        return log.length() <= 8000 ? log : log.substring(log.length() - 8000);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
