package org.peerstats.bench.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One peerstats instance in a JVM of its own ({@code Main run}, the production entry point, on
 * this JVM's class path), so that it can be killed for real: {@link #kill()} is SIGKILL, with no
 * shutdown hook, no leaving the group and no flush; {@link #stop()} is SIGTERM, an orderly stop.
 * Its output goes to {@code name.log} in the run directory, appended across restarts.
 */
final class ChildInstance {

    private final String name;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;
    private int starts;

    ChildInstance(String name, Map<String, String> environment, List<String> jvmOptions, Path log) {
        this.name = name;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = log;
    }

    String name() {
        return name;
    }

    int httpPort() {
        return Integer.parseInt(environment.get("PEERSTATS_HTTP_PORT"));
    }

    Path log() {
        return log;
    }

    /** Where Kafka Streams keeps this instance's global stores: {@code <data dir>/streams/<application id>/global}. */
    Path globalStateDirectory() {
        return Path.of(environment.get("PEERSTATS_DATA_DIR"), "streams",
                environment.getOrDefault("PEERSTATS_APPLICATION_ID", "peerstats"), "global");
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(javaBinary);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.peerstats.gateway.runtime.Main", "run"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("PEERSTATS_") || key.equals("KAFKA_BOOTSTRAP_SERVERS"));
        env.putAll(environment);
        try {
            Files.writeString(log, "\n===== chaos: start " + (++starts) + " of " + name + " =====\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start instance " + name, e);
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGTERM (the shutdown hook closes the service and its broker), then SIGKILL after {@code seconds}. */
    synchronized boolean stop(long seconds) throws InterruptedException {
        if (process == null) {
            return true;
        }
        process.destroy();
        if (process.waitFor(seconds, TimeUnit.SECONDS)) {
            return true;
        }
        process.destroyForcibly().waitFor();
        return false;
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The last {@code lines} lines of the log, for a failure message. */
    /**
     * The last {@code lines} WARN and ERROR lines of the log, each cut to 300 characters: a digest
     * short enough for the end of an assertion message, which is all a CI excerpt shows.
     */
    String warnings(int lines) {
        try (var all = Files.lines(log)) {
            List<String> found = all.filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                    .map(l -> l.length() > 300 ? l.substring(0, 300) + "…" : l)
                    .toList();
            return String.join("\n", found.subList(Math.max(0, found.size() - lines), found.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static Map<String, String> environment(Map<String, String> base, Map<String, String> own) {
        Map<String, String> merged = new HashMap<>(base);
        merged.putAll(own);
        return merged;
    }
}
