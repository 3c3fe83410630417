package org.peerstats.gateway.runtime;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsConfig;
import org.peerstats.gateway.auth.JwtTokenVerifier;
import org.peerstats.gateway.auth.TokenRules;
import org.peerstats.gateway.kafka.PrintableSettings;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.EventValidator;
import org.peerstats.streams.topology.TopologySettings;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * The whole configuration of a peerstats instance, read from the environment with defaults that
 * work out of the box. {@link #describe()} lists it for the start-up log with secrets masked.
 *
 * @param bootstrapServers an existing Kafka cluster; empty = start the embedded broker
 * @param peerSecret       the key instances sign forwarded requests with ({@code PEERSTATS_PEER_SECRET});
 *                         empty = derived from the JWT secret ({@link org.peerstats.gateway.peer.PeerKey})
 * @param jwksUrl          where the identity provider publishes its signing keys ({@code https});
 *                         empty = HS256 tokens signed with the configured or development secret
 * @param tokenRules       the issuer, audience and longest lifetime a token must keep (issuer and
 *                         audience required with a JWKS URL)
 * @param kafkaOverrides   Kafka Streams / client settings from {@code PEERSTATS_KAFKA_*} variables,
 *                         e.g. {@code PEERSTATS_KAFKA_COMMIT_INTERVAL_MS=200} → {@code commit.interval.ms}
 * @param certWarningDays    how many days before expiry a certification is within the warning window
 * @param mentorDetailPublic whether the peer-mentor-bloc routes are public (as the contract has
 *                           them) rather than needing a token
 * @param tokenCacheSize     how many verified bearer tokens to remember until they expire; 0 = none
 * @param streamThreadRestarts how many times a failed stream thread is replaced within
 *                           {@link org.peerstats.gateway.health.StreamThreadRestartPolicy#WINDOW}
 *                           before the instance stops processing
 * @param instanceId         this instance's {@code group.instance.id} (static membership); empty =
 *                           the one generated once and kept in the data directory ({@link InstanceId})
 * @param commandsPerMinute  how many commands (POST, PUT, DELETE) one caller may send per minute
 *                           to this instance; 0 = no limit
 * @param leaveGroupOnStop   whether a graceful stop leaves the consumer group (scaling down: the
 *                           others take the tasks over at once) rather than keeping the membership
 *                           for a restart (the default: the restarted instance takes its tasks back
 *                           without a rebalance)
 * @param maxActivityMinutes the longest activity ({@code duration_minutes}) taken; a longer one is
 *                           dead-lettered ({@link TopologySettings#maxActivityMinutes})
 * @param streakReminderHour the local hour (0-23) of each organisation's zone at which mentors
 *                           whose streak breaks tonight get a {@code streak_at_risk} reminder;
 *                           empty = no reminders (the default)
 */
public record PeerstatsConfig(
        int httpPort,
        String advertisedHost,
        Path dataDir,
        Optional<String> bootstrapServers,
        int embeddedKafkaPort,
        String applicationId,
        String topicPrefix,
        int topicPartitions,
        int mentorPartitions,
        short topicReplicationFactor,
        String processingGuarantee,
        int standbyReplicas,
        Optional<String> jwtSecret,
        Optional<String> peerSecret,
        Optional<URL> jwksUrl,
        TokenRules tokenRules,
        OrganisationZones zones,
        Map<String, String> kafkaOverrides,
        int certWarningDays,
        boolean mentorDetailPublic,
        int tokenCacheSize,
        int streamThreadRestarts,
        Optional<String> instanceId,
        boolean leaveGroupOnStop,
        int commandsPerMinute,
        int maxActivityMinutes,
        OptionalInt streakReminderHour) {

    private static final String KAFKA_OVERRIDE_PREFIX = "PEERSTATS_KAFKA_";
    static final String HIDDEN = "****** (hidden: a credential, or not a setting Kafka defines)";
    /** Five a second on average, in bursts of up to 300: far above a person, well below a loop. */
    public static final int DEFAULT_COMMANDS_PER_MINUTE = 300;

    public static PeerstatsConfig fromEnvironment(Map<String, String> env) {
        Reader r = new Reader(env);
        Optional<String> bootstrap = r.optional("KAFKA_BOOTSTRAP_SERVERS");
        TokenRules tokenRules = new TokenRules(r.optional("PEERSTATS_JWT_ISSUER"), r.optional("PEERSTATS_JWT_AUDIENCE"),
                Duration.ofMinutes(r.integer("PEERSTATS_JWT_MAX_LIFETIME_MINUTES",
                        (int) TokenRules.DEFAULT_MAX_LIFETIME.toMinutes(), 1)));
        Optional<URL> jwksUrl = r.optional("PEERSTATS_JWKS_URL").map(PeerstatsConfig::jwksUrl);
        jwksUrl.ifPresent(url -> tokenRules.requireIssuerAndAudience("PEERSTATS_JWKS_URL"));
        return new PeerstatsConfig(
                r.integer("PEERSTATS_HTTP_PORT", 7070),
                r.string("PEERSTATS_ADVERTISED_HOST", "localhost"),
                Path.of(r.string("PEERSTATS_DATA_DIR", "./data")),
                bootstrap,
                r.integer("PEERSTATS_EMBEDDED_KAFKA_PORT", 9092),
                r.string("PEERSTATS_APPLICATION_ID", "peerstats"),
                r.string("PEERSTATS_TOPIC_PREFIX", Topics.DEFAULT_PREFIX),
                r.integer("PEERSTATS_TOPIC_PARTITIONS", 6),
                r.integer("PEERSTATS_MENTOR_PARTITIONS", TopologySettings.DEFAULT_MENTOR_PARTITIONS, 1),
                (short) r.integer("PEERSTATS_TOPIC_REPLICATION_FACTOR", bootstrap.isPresent() ? 3 : 1),
                r.string("PEERSTATS_PROCESSING_GUARANTEE", StreamsConfig.EXACTLY_ONCE_V2),
                r.integer("PEERSTATS_STANDBY_REPLICAS", bootstrap.isPresent() ? 1 : 0),
                r.optional("PEERSTATS_JWT_SECRET"),
                r.optional("PEERSTATS_PEER_SECRET"),
                jwksUrl,
                tokenRules,
                OrganisationZones.parse(ZoneId.of(r.string("PEERSTATS_DEFAULT_TIME_ZONE", "Europe/Oslo")),
                        r.string("PEERSTATS_ORGANISATION_TIME_ZONES", "")),
                kafkaOverrides(env),
                r.integer("PEERSTATS_CERT_WARNING_DAYS", 90, 0),
                r.bool("PEERSTATS_MENTOR_DETAIL_PUBLIC", false),
                r.integer("PEERSTATS_TOKEN_CACHE_SIZE", 10_000, 0),
                r.integer("PEERSTATS_STREAM_THREAD_RESTARTS", 3, 0),
                r.optional("PEERSTATS_INSTANCE_ID"),
                r.bool("PEERSTATS_LEAVE_GROUP_ON_STOP", false),
                r.integer("PEERSTATS_COMMANDS_PER_MINUTE", DEFAULT_COMMANDS_PER_MINUTE, 0),
                r.integer("PEERSTATS_MAX_ACTIVITY_MINUTES", EventValidator.DEFAULT_MAX_DURATION_MINUTES, 1,
                        EventValidator.HIGHEST_MAX_DURATION_MINUTES),
                r.optional("PEERSTATS_STREAK_REMINDER_HOUR").isPresent()
                        ? OptionalInt.of(r.integer("PEERSTATS_STREAK_REMINDER_HOUR", 0, 0, 23)) : OptionalInt.empty());
    }

    /** Settings for tests and tools: everything default but the given fields. */
    public PeerstatsConfig withKafka(String bootstrap, int httpPort, Path dataDir, String applicationId) {
        return new PeerstatsConfig(httpPort, advertisedHost, dataDir, Optional.of(bootstrap), embeddedKafkaPort,
                applicationId, topicPrefix, topicPartitions, mentorPartitions, (short) 1, processingGuarantee, standbyReplicas, jwtSecret,
                peerSecret, jwksUrl, tokenRules, zones, kafkaOverrides, certWarningDays, mentorDetailPublic,
                tokenCacheSize, streamThreadRestarts, instanceId, leaveGroupOnStop, commandsPerMinute,
                maxActivityMinutes, streakReminderHour);
    }

    private static URL jwksUrl(String value) {
        URL url;
        try {
            url = URI.create(value).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("PEERSTATS_JWKS_URL is not a URL: " + value, e);
        }
        return JwtTokenVerifier.requireHttps(url);
    }

    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    /** What the topology is built from. */
    public TopologySettings topologySettings() {
        return new TopologySettings(topics(), zones, mentorPartitions).withMaxActivityMinutes(maxActivityMinutes);
    }

    /**
     * The effective configuration, one {@code name=value} per entry. Every entry of peerstats' own
     * is written here on purpose (secrets as whether they are set); a Kafka setting's value only
     * when {@link PrintableSettings} allows it, else {@value #HIDDEN}.
     */
    public Map<String, String> describe() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("http.port", String.valueOf(httpPort));
        lines.put("advertised.host", advertisedHost);
        lines.put("data.dir", dataDir.toAbsolutePath().normalize().toString());
        lines.put("kafka.bootstrap.servers", bootstrapServers.orElse("embedded broker on 127.0.0.1:" + embeddedKafkaPort));
        lines.put("application.id", applicationId);
        lines.put("topic.prefix", topicPrefix);
        lines.put("topic.partitions", String.valueOf(topicPartitions));
        lines.put("mentor.partitions", String.valueOf(mentorPartitions));
        lines.put("topic.replication.factor", String.valueOf(topicReplicationFactor));
        lines.put("processing.guarantee", processingGuarantee);
        lines.put("standby.replicas", String.valueOf(standbyReplicas));
        lines.put("jwt.secret", jwtSecret.map(s -> "****** (configured)").orElse("development secret in data dir"));
        lines.put("peer.secret", peerSecret.map(s -> "****** (configured)").orElse(jwtSecret.isPresent()
                ? "derived from the JWT secret" : "derived from the development secret in data dir"));
        lines.put("jwks.url", jwksUrl.map(URL::toString).orElse("(none)"));
        lines.put("jwt.issuer", tokenRules.issuer().orElse("(not checked)"));
        lines.put("jwt.audience", tokenRules.audience().orElse("(not checked)"));
        lines.put("jwt.max.lifetime.minutes", String.valueOf(tokenRules.maxLifetime().toMinutes()));
        lines.put("time.zone.default", zones.defaultZone().getId());
        lines.put("time.zone.organisations", zones.byOrganisation().toString());
        lines.put("mentor.detail.cert.warning.days", String.valueOf(certWarningDays));
        lines.put("mentor.detail.public", String.valueOf(mentorDetailPublic));
        lines.put("token.cache.size", String.valueOf(tokenCacheSize));
        lines.put("stream.thread.restarts", String.valueOf(streamThreadRestarts));
        lines.put("instance.id", instanceId.orElse("generated once, kept in data dir"));
        lines.put("leave.group.on.stop", String.valueOf(leaveGroupOnStop));
        lines.put("commands.per.minute", commandsPerMinute == 0 ? "no limit" : String.valueOf(commandsPerMinute));
        lines.put("max.activity.minutes", String.valueOf(maxActivityMinutes));
        lines.put("streak.reminder.hour", streakReminderHour.isPresent()
                ? String.format(Locale.ROOT, "%02d:00 local time", streakReminderHour.getAsInt()) : "off");
        kafkaOverrides.forEach((key, value) -> lines.put("kafka." + key,
                PrintableSettings.printable(key) ? value : HIDDEN));
        return lines;
    }

    /** The environment variable that sets the Kafka property {@code property}: the inverse of what is read here. */
    public static String kafkaOverrideVariable(String property) {
        return KAFKA_OVERRIDE_PREFIX + property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The {@code PEERSTATS_KAFKA_*} variables that set {@code settings}: what {@link #fromEnvironment} reads back as them. */
    public static Map<String, String> kafkaEnvironment(Map<String, String> settings) {
        Map<String, String> environment = new TreeMap<>();
        settings.forEach((property, value) -> environment.put(kafkaOverrideVariable(property), value));
        return environment;
    }

    private static Map<String, String> kafkaOverrides(Map<String, String> env) {
        Map<String, String> overrides = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(KAFKA_OVERRIDE_PREFIX)) {
                overrides.put(name.substring(KAFKA_OVERRIDE_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        value);
            }
        });
        return overrides;
    }

    /** Reads variables, failing with the variable's name when a value is not usable. */
    private record Reader(Map<String, String> env) {

        Optional<String> optional(String name) {
            return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
        }

        String string(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        int integer(String name, int fallback) {
            Optional<String> value = optional(name);
            try {
                return value.map(Integer::parseInt).orElse(fallback);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, not '" + value.get() + "'", e);
            }
        }

        int integer(String name, int fallback, int min) {
            int value = integer(name, fallback);
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
            }
            return value;
        }

        int integer(String name, int fallback, int min, int max) {
            int value = integer(name, fallback, min);
            if (value > max) {
                throw new IllegalArgumentException(name + " must be at most " + max + ", not " + value);
            }
            return value;
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                return fallback;
            }
            return switch (value.get().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(
                        name + " must be true or false, not '" + value.get() + "'");
            };
        }
    }
}
