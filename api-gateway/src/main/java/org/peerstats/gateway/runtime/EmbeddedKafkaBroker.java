package org.peerstats.gateway.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker running in this JVM: KRaft mode, one process acting as both
 * broker and controller, listening on {@code 127.0.0.1} only.
 *
 * <p>It exists so that one command starts the whole service on a fresh machine, with no separately
 * installed Kafka, and so that tests run against a real broker, never a mock. It is meant for a single
 * node: every internal topic has replication factor 1, which is what lets Kafka Streams
 * {@code exactly_once_v2} and transactional producers work here.
 *
 * <p>Data lives under {@code dataDir/kraft-logs} and survives a restart: the directory is formatted
 * (with a fresh cluster id) only when it holds no {@code meta.properties} yet; after that the cluster id
 * recorded there is reused. The controller quorum is the static voter set of this one node, so the
 * controller may listen on a different free port on every start.
 *
 * <p>Automatic topic creation is switched off: the service creates its topics explicitly with the
 * partition counts and settings it needs, and a typo in a topic name should fail loudly rather than
 * silently create a new, empty topic.
 *
 * <p>The internal {@code __consumer_offsets} and {@code __transaction_state} topics get one partition
 * each instead of Kafka's 50: on a single node more partitions spread nothing, yet creating them on the
 * first consumer group or transaction, and loading them on every restart, costs seconds. Their partition
 * count is fixed when they are first created; do not change these settings for an existing data dir.
 *
 * <p>The log cleaner's de-duplication map is 16 MiB instead of Kafka's 128 MiB. The broker shares the
 * service's heap, and the cleaner clears the whole map before every pass over a compacted log: in the
 * benchmark that clearing alone was the busiest thread of the JVM while changelogs were being written.
 * 16 MiB still holds ~600k distinct keys per pass; a log with more is cleaned in several passes.
 *
 * <p>Usage: {@code try (var broker = EmbeddedKafkaBroker.start(dir, 0)) { broker.bootstrapServers(); }}
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final long READY_TIMEOUT_SECONDS = 30;
    /**
     * 16 MiB log segments instead of Kafka's 1 GiB. With 1 GiB every partition was one active
     * segment for good, so a broker killed with 1 M records behind it re-read all 2.7 GB before it
     * served again (82.5 s), and the log cleaner never compacted a changelog (compaction skips the
     * active segment).
     */
    static final int SEGMENT_BYTES = 16 * 1024 * 1024;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code dataDir} if needed, starts the broker and returns once it answers clients.
     *
     * @param dataDir directory holding the broker's data; created if missing, reused if present
     * @param port    client port on {@code 127.0.0.1}, or 0 to pick a free one
     * @throws IllegalStateException if {@code port} is already in use or the broker does not start
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Port must be between 0 and 65535, was " + port);
        }
        long startedAt = System.nanoTime();
        Ports ports = Ports.reserve(port);
        Path logDir = dataDir.resolve("kraft-logs");
        Properties props = brokerProperties(logDir, ports);
        formatIfNeeded(dataDir, logDir, props);
        EmbeddedKafkaBroker broker = launch(props, HOST + ":" + ports.client());
        LOG.info("Kafka broker ready on {} in {} ms (data in {})",
                broker.bootstrapServers, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), logDir);
        return broker;
    }

    /** The {@code host:port} clients connect to, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Shuts the broker down in order and waits until it has stopped. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdown();
            server.awaitShutdown();
            LOG.info("Kafka broker on {} stopped", bootstrapServers);
        }
    }

    private static Properties brokerProperties(Path logDir, Ports ports) {
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + ports.controller()),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listeners", "PLAINTEXT://" + HOST + ":" + ports.client()
                        + ",CONTROLLER://" + HOST + ":" + ports.controller()),
                Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + ports.client()),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(16L * 1024 * 1024)),
                // after a crash the broker re-reads every segment from the last recorded recovery point;
                // a segment roll flushes and moves that point, which is written down every 5 s
                Map.entry("log.segment.bytes", String.valueOf(SEGMENT_BYTES)),
                Map.entry("log.flush.offset.checkpoint.interval.ms", "5000")));
        return props;
    }

    private static void formatIfNeeded(Path dataDir, Path logDir, Properties props) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        Path configFile = writeConfig(dataDir, props);
        try {
            format(configFile, clusterId, logDir);
        } finally {
            deleteQuietly(configFile);
        }
        LOG.info("Formatted Kafka log dir {} for new cluster {}", logDir, clusterId);
    }

    private static void format(Path configFile, String clusterId, Path logDir) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = StorageTool.execute(new String[] {
                "format", "--config", configFile.toString(), "--cluster-id", clusterId},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        String message = output.toString(StandardCharsets.UTF_8).trim();
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting Kafka log dir " + logDir + " failed: " + message);
        }
        LOG.debug("StorageTool: {}", message);
    }

    /** StorageTool reads its settings from a file only; this one lives just as long as the format. */
    private static Path writeConfig(Path dataDir, Properties props) {
        try {
            Files.createDirectories(dataDir);
            Path configFile = Files.createTempFile(dataDir, "kafka-format-", ".properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, null);
            }
            return configFile;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Kafka format config into " + dataDir, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}", file, e);
        }
    }

    private static EmbeddedKafkaBroker launch(Properties props, String bootstrapServers) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrapServers);
        try {
            server.startup();
            broker.awaitReady();
            return broker;
        } catch (RuntimeException e) {
            IllegalStateException failure =
                    new IllegalStateException("Kafka broker on " + bootstrapServers + " did not start", e);
            try {
                broker.close();
            } catch (RuntimeException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
            throw failure;
        }
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (nodes.isEmpty()) {
                throw new IllegalStateException("Kafka broker on " + bootstrapServers + " reports no nodes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka broker on " + bootstrapServers, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka broker on " + bootstrapServers + " is not answering", e);
        }
    }

    /**
     * The client and controller ports. Each is probed by binding it and released right before Kafka binds
     * it; another process could take it in that instant, which then fails {@link #start} loudly.
     */
    private record Ports(int client, int controller) {

        static Ports reserve(int requestedClientPort) {
            try (ServerSocket client = bindClientPort(requestedClientPort);
                 ServerSocket controller = bind(0)) {
                return new Ports(client.getLocalPort(), controller.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot probe free ports on " + HOST, e);
            }
        }

        private static ServerSocket bindClientPort(int port) {
            try {
                return bind(port);
            } catch (IOException e) {
                throw new IllegalStateException(
                        "Cannot start Kafka broker: port " + port + " on " + HOST + " is already in use", e);
            }
        }

        private static ServerSocket bind(int port) throws IOException {
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(HOST, port));
                return socket;
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
    }
}
