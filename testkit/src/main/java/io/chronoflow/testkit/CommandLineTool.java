package io.chronoflow.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool a test checks files with (promtool, docker-compose, yamllint): run in a folder, with extra
 * environment, bounded to a minute unless told otherwise; a missing tool fails with the Debian package to install.
 */
public final class CommandLineTool {

    /** What a run printed (standard output and error together) and how it exited. */
    public record Result(int exitCode, String output) {}

    private final String name;
    private final String debianPackage;

    public CommandLineTool(String name, String debianPackage) {
        this.name = name;
        this.debianPackage = debianPackage;
    }

    public Result run(Path dir, Map<String, String> environment, String... args) {
        return run(dir, environment, Duration.ofMinutes(1), args);
    }

    /** As {@link #run(Path, Map, String...)}, bounded to {@code timeout} (e.g. a browser test). */
    public Result run(Path dir, Map<String, String> environment, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(name));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new AssertionError(
                        name + " is needed for this test: install the '" + debianPackage + "' package (apt-get"
                                + " install " + debianPackage + "), as .ci/run does",
                        e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not finish within " + timeout);
            }
            return new Result(
                    process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not read the output of " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + " interrupted", e);
        }
    }

    public Result run(Path dir, String... args) {
        return run(dir, Map.of(), args);
    }
}
