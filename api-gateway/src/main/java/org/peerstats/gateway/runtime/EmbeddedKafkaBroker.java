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
import java.util.List;
import java.util.Locale;
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
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
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
 * <p>{@link #startSecured} starts it as a cluster that requires authentication and ACLs, for
 * trying and testing peerstats the way a production cluster runs: the client listener speaks
 * SASL, SCRAM-SHA-256 (users in the metadata log, added through the admin API:
 * {@link #createScramUser}) and PLAIN (users in the broker's settings: its own super user, since
 * a KRaft controller cannot look SCRAM credentials up in the metadata it is still loading, and
 * the users it was started with, for clients whose SCRAM Kafka 4 refuses: librdkafka before 2.6.1,
 * as in Debian's kcat, docs/operations.md); the controller listener PLAIN only; and
 * {@code StandardAuthorizer} with
 * {@code allow.everyone.if.no.acl.found=false}: a principal may do only what an ACL grants it.
 * Plain text on 127.0.0.1: no TLS, which changes the transport, not what the service must be
 * configured with or granted.
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

    /** The broker's own principal on a secured broker: a super user, authenticated with PLAIN. */
    public static final String SUPER_USER = "admin";
    /** The mechanism clients of a secured broker authenticate with. */
    public static final String CLIENT_MECHANISM = "SCRAM-SHA-256";
    private static final String SUPER_USER_MECHANISM = "PLAIN";
    private static final String CLIENT_LISTENER = "SASL_PLAINTEXT";
    private static final String PLAIN_LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    /** Kafka's minimum for SCRAM-SHA-256 is 4096. */
    private static final int SCRAM_ITERATIONS = 4096;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    /** The super user's client settings: none on an open broker. */
    private final Map<String, String> superUserSettings;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Map<String, String> superUserSettings) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.superUserSettings = superUserSettings;
    }

    /**
     * Formats {@code dataDir} if needed, starts the broker and returns once it answers clients.
     *
     * @param dataDir directory holding the broker's data; created if missing, reused if present
     * @param port    client port on {@code 127.0.0.1}, or 0 to pick a free one
     * @throws IllegalStateException if {@code port} is already in use or the broker does not start
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, (Security) null);
    }

    /**
     * As {@link #start}, as a cluster that requires SASL and ACLs (see the class comment). A data
     * directory formatted open may be started secured and the other way round: the users and ACLs
     * live in the metadata log either way.
     *
     * @param superUserPassword the password of {@link #SUPER_USER}, the broker's own principal
     * @param users             further users by name, with their passwords: each can log in with
     *                          SCRAM-SHA-256 and with PLAIN
     */
    public static EmbeddedKafkaBroker startSecured(Path dataDir, int port, String superUserPassword,
                                                   Map<String, String> users) {
        if (superUserPassword == null || superUserPassword.isBlank()) {
            throw new IllegalArgumentException("a secured broker needs a password for its super user");
        }
        if (users.containsKey(SUPER_USER)) {
            throw new IllegalArgumentException("'" + SUPER_USER + "' is the broker's own user");
        }
        EmbeddedKafkaBroker broker = start(dataDir, port, new Security(superUserPassword, Map.copyOf(users)));
        try {
            users.forEach(broker::createScramUser);
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** A secured broker's logins: the super user's password and the other users'. */
    private record Security(String superUserPassword, Map<String, String> users) {
    }

    private static EmbeddedKafkaBroker start(Path dataDir, int port, Security security) {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Port must be between 0 and 65535, was " + port);
        }
        long startedAt = System.nanoTime();
        Ports ports = Ports.reserve(port);
        Path logDir = dataDir.resolve("kraft-logs");
        Properties props = brokerProperties(logDir, ports);
        Map<String, String> superUser = Map.of();
        if (security != null) {
            props.putAll(securedProperties(ports, security));
            superUser = saslClient(SUPER_USER_MECHANISM, PLAIN_LOGIN_MODULE, SUPER_USER, security.superUserPassword());
        }
        formatIfNeeded(dataDir, logDir, props);
        EmbeddedKafkaBroker broker = launch(props, HOST + ":" + ports.client(), superUser);
        LOG.info("Kafka broker ready on {} in {} ms (data in {}){}",
                broker.bootstrapServers, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), logDir,
                security == null ? "" : "; SASL (" + CLIENT_MECHANISM + ", PLAIN) and ACLs required");
        return broker;
    }

    /**
     * The settings of a client that logs in to a secured broker as {@code user} with SCRAM, as
     * {@code PEERSTATS_KAFKA_*} or any Kafka client takes them.
     */
    public static Map<String, String> scramClientSettings(String user, String password) {
        return saslClient(CLIENT_MECHANISM, SCRAM_LOGIN_MODULE, user, password);
    }

    /** The super user's client settings on a secured broker (empty on an open one). */
    public Map<String, String> superUserSettings() {
        return superUserSettings;
    }

    /** Whether this broker requires SASL and ACLs. */
    public boolean secured() {
        return !superUserSettings.isEmpty();
    }

    /** Adds or replaces the SCRAM credential of {@code user} on a secured broker, as its super user. */
    public void createScramUser(String user, String password) {
        if (!secured()) {
            throw new IllegalStateException("the broker on " + bootstrapServers + " does not authenticate clients");
        }
        try (Admin admin = Admin.create(superUserAdmin())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, SCRAM_ITERATIONS), password)))
                    .all().get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Kafka user " + user, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the Kafka user " + user + ": " + e.getMessage(), e);
        }
    }

    /** An admin client's settings as the super user (just the address on an open broker). */
    public Map<String, Object> superUserAdmin() {
        Map<String, Object> settings = new java.util.HashMap<>(superUserSettings);
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return settings;
    }

    private static Map<String, String> saslClient(String mechanism, String loginModule, String user, String password) {
        return Map.of(
                "security.protocol", CLIENT_LISTENER,
                "sasl.mechanism", mechanism,
                "sasl.jaas.config", loginModule + " required username=" + jaasQuoted(user)
                        + " password=" + jaasQuoted(password) + ";");
    }

    /** A JAAS option value: in double quotes, with backslashes and quotes escaped. */
    private static String jaasQuoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The settings of a client that logs in to a secured broker as {@code user} with PLAIN. */
    public static Map<String, String> plainClientSettings(String user, String password) {
        return saslClient(SUPER_USER_MECHANISM, PLAIN_LOGIN_MODULE, user, password);
    }

    /**
     * SASL on both listeners. PLAIN knows its users from the broker's settings (a
     * {@code user_<name>} option each): the super user, which the broker itself logs in as towards
     * its controller and as inter-broker principal, on both listeners, the other users on the
     * client listener only. SCRAM credentials come from the metadata log.
     */
    private static Map<String, String> securedProperties(Ports ports, Security security) {
        String superUser = " username=" + jaasQuoted(SUPER_USER) + " password="
                + jaasQuoted(security.superUserPassword()) + " user_" + SUPER_USER + "="
                + jaasQuoted(security.superUserPassword());
        StringBuilder users = new StringBuilder();
        security.users().forEach((user, password) -> users.append(" user_").append(user).append('=')
                .append(jaasQuoted(password)));
        String controllerPlain = PLAIN_LOGIN_MODULE + " required" + superUser + ";";
        String clientPlain = PLAIN_LOGIN_MODULE + " required" + superUser + users + ";";
        String clientListener = CLIENT_LISTENER.toLowerCase(Locale.ROOT);
        return Map.ofEntries(
                Map.entry("listeners", CLIENT_LISTENER + "://" + HOST + ":" + ports.client()
                        + ",CONTROLLER://" + HOST + ":" + ports.controller()),
                Map.entry("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + ports.client()),
                Map.entry("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT"),
                Map.entry("inter.broker.listener.name", CLIENT_LISTENER),
                Map.entry("sasl.mechanism.inter.broker.protocol", SUPER_USER_MECHANISM),
                Map.entry("sasl.mechanism.controller.protocol", SUPER_USER_MECHANISM),
                Map.entry("listener.name.controller.sasl.enabled.mechanisms", SUPER_USER_MECHANISM),
                Map.entry("listener.name.controller.plain.sasl.jaas.config", controllerPlain),
                Map.entry("listener.name." + clientListener + ".sasl.enabled.mechanisms",
                        CLIENT_MECHANISM + "," + SUPER_USER_MECHANISM),
                Map.entry("listener.name." + clientListener + ".plain.sasl.jaas.config", clientPlain),
                Map.entry("listener.name." + clientListener + ".scram-sha-256.sasl.jaas.config",
                        SCRAM_LOGIN_MODULE + " required;"),
                Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                Map.entry("allow.everyone.if.no.acl.found", "false"),
                Map.entry("super.users", "User:" + SUPER_USER));
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

    private static EmbeddedKafkaBroker launch(Properties props, String bootstrapServers,
                                              Map<String, String> superUserSettings) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrapServers, superUserSettings);
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
        try (Admin admin = Admin.create(superUserAdmin())) {
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
