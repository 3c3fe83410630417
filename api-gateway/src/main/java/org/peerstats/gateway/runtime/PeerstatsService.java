package org.peerstats.gateway.runtime;

import io.javalin.Javalin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.peerstats.gateway.auth.JwtSecrets;
import org.peerstats.gateway.auth.CachingTokenVerifier;
import org.peerstats.gateway.auth.JwtTokenVerifier;
import org.peerstats.gateway.auth.TokenVerifier;
import org.peerstats.gateway.detail.KafkaMentorDetailDispatcher;
import org.peerstats.gateway.detail.MentorDetailController;
import org.peerstats.gateway.detail.MentorDetailService;
import org.peerstats.gateway.badges.BadgeCommandPublisher;
import org.peerstats.gateway.badges.BadgeController;
import org.peerstats.gateway.badges.BadgeService;
import org.peerstats.gateway.clock.KafkaTickSink;
import org.peerstats.gateway.clock.TickClock;
import org.peerstats.gateway.health.StreamThreadRestartPolicy;
import org.peerstats.gateway.health.StreamsHealth;
import org.peerstats.gateway.http.AccessControl;
import org.peerstats.gateway.http.CommandRateLimit;
import org.peerstats.gateway.http.HttpApi;
import org.peerstats.gateway.http.OperationsController;
import org.peerstats.gateway.http.ResponseMetrics;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.gateway.live.LiveController;
import org.peerstats.gateway.live.LiveFeed;
import org.peerstats.gateway.organisations.OrganisationStatsController;
import org.peerstats.gateway.organisations.OrganisationStatsService;
import org.peerstats.gateway.peer.ForwardedRequestVerifier;
import org.peerstats.gateway.peer.PeerKey;
import org.peerstats.gateway.peer.PeerSignature;
import org.peerstats.gateway.query.EarnedBadgeQueries;
import org.peerstats.gateway.query.ForwardedParts;
import org.peerstats.gateway.query.LocalStoreReader;
import org.peerstats.gateway.query.MentorRouter;
import org.peerstats.gateway.query.MentorDetailQueries;
import org.peerstats.gateway.query.MentorStatsQueries;
import org.peerstats.gateway.query.RequestForwarder;
import org.peerstats.gateway.stats.StatsController;
import org.peerstats.gateway.stats.StatsService;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.InputAnomaly;
import org.peerstats.streams.topology.StoreNames;
import org.peerstats.streams.topology.DeadLetterListener;
import org.peerstats.streams.topology.PeerstatsTopology;
import org.peerstats.streams.topology.StreamsOptions;
import org.peerstats.streams.topology.TopologySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running peerstats instance: the embedded broker (unless a cluster is configured), the
 * topics, the topology and the HTTP server, started in that order and closed in reverse. Takes
 * its configuration and clock from the caller, so tests start exactly what production starts.
 */
public final class PeerstatsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerstatsService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long a forwarded request may take on the instance that answers it: the longest wait of a
     * handler there (a command's outcome, 10 s) and some. Equal to it, a forward timed out while
     * the owner was still about to answer, and the write could then be run elsewhere too.
     */
    static final Duration FORWARD_TIMEOUT = Collections.max(List.of(BadgeService.DEFAULT_WAIT,
            MentorDetailService.DEFAULT_COMMAND_WAIT)).plusSeconds(5);

    /**
     * How far apart the clocks of two instances may be. Instances of one application keep time by
     * NTP, within milliseconds of each other; 15 s is generous and keeps the window short.
     */
    static final Duration PEER_CLOCK_SKEW = Duration.ofSeconds(15);
    /**
     * How far a forwarded request's time may lie from the receiver's clock, either way: the
     * forward timeout — a request on its way longer than that, its sender has given up on — and
     * {@link #PEER_CLOCK_SKEW}. A request captured on its way can be sent again for this long, to
     * the instance it was sent to: why the links between instances should run over TLS.
     */
    static final Duration FORWARD_WINDOW = FORWARD_TIMEOUT.plus(PEER_CLOCK_SKEW);

    private final PeerstatsConfig config;
    private final EmbeddedKafkaBroker broker;
    private final KafkaClients clients;
    private final KafkaStreams streams;
    private final Javalin http;
    private final BadgeCommandPublisher badgeCommands;
    private final JwtSecrets secrets;
    private final KafkaMentorDetailDispatcher detailCommands;
    private final KafkaTickSink tickSink;
    private final TickClock tickClock;
    private final LiveFeed feed;
    private final LiveController live;

    private PeerstatsService(PeerstatsConfig config, EmbeddedKafkaBroker broker, KafkaClients clients,
                             KafkaStreams streams, Javalin http, JwtSecrets secrets,
                             KafkaMentorDetailDispatcher detailCommands, BadgeCommandPublisher badgeCommands,
                             KafkaTickSink tickSink, TickClock tickClock, LiveFeed feed, LiveController live) {
        this.config = config;
        this.broker = broker;
        this.clients = clients;
        this.streams = streams;
        this.http = http;
        this.badgeCommands = badgeCommands;
        this.secrets = secrets;
        this.detailCommands = detailCommands;
        this.tickSink = tickSink;
        this.tickClock = tickClock;
        this.feed = feed;
        this.live = live;
    }

    public static PeerstatsService start(PeerstatsConfig config, Clock clock) {
        createDirectories(config.dataDir());
        EmbeddedKafkaBroker broker = config.bootstrapServers().isPresent() ? null
                : EmbeddedKafkaBroker.start(config.dataDir().resolve("kafka"), config.embeddedKafkaPort());
        try {
            String bootstrap = broker == null ? config.bootstrapServers().orElseThrow() : broker.bootstrapServers();
            Topics topics = config.topics();
            KafkaClients clients = new KafkaClients(bootstrap, config.kafkaOverrides());
            try (Admin admin = Admin.create(clients.admin())) {
                TopicProvisioner.ensureTopics(admin, topics, config.topicPartitions(), config.topicReplicationFactor());
                BadgeDefinitionSeeder.seedIfNeverWritten(admin, clients, topics, clock.instant());
            }
            int httpPort = config.httpPort() == 0 ? freePort() : config.httpPort();
            PrometheusMeterRegistry registry = meterRegistry();
            String instanceId = InstanceId.resolve(config.instanceId(), config.dataDir());
            LOG.info("group.instance.id {} (static membership; PEERSTATS_INSTANCE_ID sets it)", instanceId);
            Properties streamsProperties = streamsOptions(config, bootstrap, httpPort, instanceId, registry)
                    .toProperties();
            KafkaStreams streams = new PeerstatsKafkaStreams(
                    PeerstatsTopology.build(config.topologySettings(), streamsProperties), streamsProperties);
            new KafkaStreamsMetrics(streams).bindTo(registry);
            StreamThreadRestartPolicy restarts = new StreamThreadRestartPolicy(config.streamThreadRestarts(),
                    StreamThreadRestartPolicy.WINDOW, clock);
            streams.setUncaughtExceptionHandler(restarts);
            StreamsHealth health = StreamsHealth.watch(streams, restarts);
            bindHealthMetrics(registry, restarts, health);
            streams.start();
            KafkaTickSink tickSink = new KafkaTickSink(clients, topics);
            TickClock tickClock = new TickClock(config.zones(), config.streakReminderHour(), clock, tickSink).start();

            JwtSecrets secrets = JwtSecrets.resolve(config.jwtSecret(), config.dataDir());
            if (secrets.isDevelopmentSecret() && config.jwksUrl().isEmpty()) {
                LOG.warn("PEERSTATS_JWT_SECRET is not set: signing and checking tokens with the development secret "
                        + "in {}; set a secret of your own before anyone else can reach this service",
                        config.dataDir().resolve(JwtSecrets.DEV_SECRET_FILE));
            }
            JwtTokenVerifier jwt = config.jwksUrl()
                    .map(url -> JwtTokenVerifier.jwks(url, config.tokenRules(), clock))
                    .orElseGet(() -> JwtTokenVerifier.hs256(secrets.secret(), config.tokenRules(), clock));
            TokenVerifier verifier = CachingTokenVerifier.around(jwt, config.tokenCacheSize(), clock);
            LocalStoreReader stores = new LocalStoreReader(streams);
            MentorStatsQueries mentorStats = new MentorStatsQueries(stores);
            StatsService stats = new StatsService(mentorStats, config.zones(), clock);
            BadgeCommandPublisher badgeCommands = new BadgeCommandPublisher(clients, topics);
            BadgeService badges = new BadgeService(new EarnedBadgeQueries(stores, topics), mentorStats, badgeCommands, clock,
                    BadgeService.DEFAULT_WAIT);
            KafkaMentorDetailDispatcher detailCommands =
                    new KafkaMentorDetailDispatcher(clients, topics.mentorDetailCommands(), clock);
            MentorDetailService detail = new MentorDetailService(new MentorDetailQueries(stores, topics),
                    detailCommands, config.zones(), clock, config.certWarningDays(),
                    MentorDetailService.DEFAULT_COMMAND_WAIT);
            PeerKey peerKey = PeerKey.resolve(config.peerSecret(), secrets);
            logPeerKey(peerKey, config);
            PeerSignature peers = new PeerSignature(peerKey);
            HostInfo self = new HostInfo(config.advertisedHost(), httpPort);
            RequestForwarder forwarder = new RequestForwarder(self, FORWARD_TIMEOUT, peers, clock);
            MentorRouter router = new MentorRouter(streams, self, config.mentorPartitions(), forwarder);
            MentorRouter organisationRouter = new MentorRouter(streams, self, config.mentorPartitions(), forwarder,
                    StoreNames.ORGANISATION_STATS);
            OrganisationStatsController organisations = new OrganisationStatsController(
                    new OrganisationStatsService(stores, config.zones(), clock));
            LiveFeed feed = LiveFeed.start(clients, topics);
            LiveController live = new LiveController(feed, config.zones(), clock);
            AccessControl access = new AccessControl(verifier,
                    new ForwardedRequestVerifier(peers, FORWARD_WINDOW, clock), ForwardedParts.address(self));
            Javalin http = HttpApi.create(access,
                    new CommandRateLimit(config.commandsPerMinute(), clock), router,
                    new OperationsController(health, registry), new ResponseMetrics(registry), new StatsController(stats),
                    new BadgeController(badges), new MentorDetailController(detail, config.mentorDetailPublic()),
                    organisationRouter, organisations, live)
                    .start(httpPort);
            LOG.info("peerstats is serving http://{}:{} (Kafka at {})", config.advertisedHost(), httpPort, bootstrap);
            return new PeerstatsService(config, broker, clients, streams, http, secrets, detailCommands,
                    badgeCommands, tickSink, tickClock, feed, live);
        } catch (RuntimeException | IOException e) {
            if (broker != null) {
                broker.close();
            }
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    public int httpPort() {
        return http.port();
    }

    public String bootstrapServers() {
        return clients.bootstrapServers();
    }

    /** The settings every other Kafka client of this instance is made with (tools, the demo loader). */
    public KafkaClients kafkaClients() {
        return clients;
    }

    /** The live streams this instance serves now. */
    public int openLiveStreams() {
        return live.openStreams();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public JwtSecrets secrets() {
        return secrets;
    }

    public PeerstatsConfig config() {
        return config;
    }

    /** Blocks until the topology is RUNNING or the timeout passes. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /**
     * Stops HTTP and the command producers, then the topology, then the embedded broker. The
     * topology keeps its (static) membership by default: an instance restarted within the session
     * timeout takes its own tasks back, with their local state, and no rebalance moves anyone
     * else's. With {@code PEERSTATS_LEAVE_GROUP_ON_STOP=true} (scaling down) it leaves the group,
     * and the others take its tasks over at once rather than after the session timeout.
     */
    @Override
    public void close() {
        live.close();
        http.stop();
        feed.close();
        tickClock.close();
        tickSink.close();
        detailCommands.close();
        badgeCommands.close();
        streams.close(CloseOptions.groupMembershipOperation(config.leaveGroupOnStop()
                        ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                        : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        if (broker != null) {
            broker.close();
        }
    }

    /** Where the peer key came from; a WARN when no other instance can have it and tokens do not say so already. */
    private static void logPeerKey(PeerKey key, PeerstatsConfig config) {
        switch (key.source()) {
            case PEER_SECRET -> LOG.info("forwarded requests are signed with PEERSTATS_PEER_SECRET");
            case JWT_SECRET -> LOG.info("forwarded requests are signed with a key derived from PEERSTATS_JWT_SECRET "
                    + "(PEERSTATS_PEER_SECRET is not set)");
            case DEVELOPMENT_SECRET -> {
                Path file = config.dataDir().resolve(JwtSecrets.DEV_SECRET_FILE);
                if (config.jwksUrl().isPresent()) {
                    LOG.warn("PEERSTATS_JWKS_URL is set, PEERSTATS_PEER_SECRET and PEERSTATS_JWT_SECRET are not: "
                            + "forwarded requests are signed with a key derived from the development secret in {}, "
                            + "which no other instance has; forwarding to other instances needs PEERSTATS_PEER_SECRET, "
                            + "the same on every instance", file);
                } else {
                    LOG.info("forwarded requests are signed with a key derived from the development secret in {}",
                            file);
                }
            }
        }
    }

    private static StreamsOptions streamsOptions(PeerstatsConfig config, String bootstrap, int httpPort,
                                                 String instanceId, PrometheusMeterRegistry registry) {
        return new StreamsOptions(config.applicationId(), bootstrap, config.dataDir().resolve("streams"),
                config.advertisedHost() + ":" + httpPort, instanceId, config.standbyReplicas(), config.processingGuarantee(),
                config.topics(), deadLetterCounter(registry), anomalyCounter(registry), config.kafkaOverrides());
    }

    private static PrometheusMeterRegistry meterRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    private static void bindHealthMetrics(PrometheusMeterRegistry registry, StreamThreadRestartPolicy restarts,
                                          StreamsHealth health) {
        FunctionCounter.builder("peerstats.stream.thread.failures", restarts, StreamThreadRestartPolicy::failures)
                .description("Stream threads that died of an exception (each one replaced or, past the "
                        + "restart budget, the client stopped)")
                .register(registry);
        Gauge.builder("peerstats.stream.threads.not.running", health, StreamsHealth::notRunning)
                .description("Local stream threads not RUNNING, plus 1 while the client is in ERROR")
                .register(registry);
    }

    private static DeadLetterListener deadLetterCounter(PrometheusMeterRegistry registry) {
        return (topic, stage, reason) -> Counter.builder("peerstats.dead.letters")
                .description("Records sent to the dead-letter topic")
                .tag("topic", topic)
                .tag("stage", stage)
                .register(registry)
                .increment();
    }

    private static InputAnomaly.Listener anomalyCounter(PrometheusMeterRegistry registry) {
        return (anomaly, input) -> Counter.builder("peerstats.input.anomalies")
                .description("Valid records taken otherwise than they say, or not at all, by rule "
                        + "(organisation_mismatch, upsert_of_deleted_activity, stale_activity_move)")
                .tag("kind", anomaly.wireName())
                .tag("input", input)
                .register(registry)
                .increment();
    }


    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir.toAbsolutePath(), e);
        }
    }
}
