package io.chronoflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A redis-server of a test's own on 127.0.0.1 (the local {@code redis-server} binary, no persistence), for tests that
 * stop, freeze or watch Redis without touching the shared one. The caller owns the process and destroys it.
 */
public final class RedisServer {

    private RedisServer() {}

    /** Starts redis-server on {@code port}, working in {@code dir}, its output in {@code dir/<name>.log}. */
    public static Process start(int port, Path dir, String name) {
        try {
            return new ProcessBuilder(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--dir",
                            dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (is it installed?)", e);
        }
    }
}
