package org.peerstats.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of every Kafka client the service creates besides Kafka Streams' own (the admin
 * client, the command producers, the definition seeder, the demo loader, tools), from the same
 * {@code PEERSTATS_KAFKA_*} settings Kafka Streams gets, so a cluster that needs SASL, TLS or
 * anything else is reached by all of them or by none.
 *
 * <p>Which of the operator's settings a client takes follows Kafka Streams' own rule: a setting
 * that client type defines ({@code security.protocol}, {@code sasl.jaas.config},
 * {@code ssl.truststore.location}, {@code linger.ms} for a producer, ...), and one with the
 * client's prefix ({@code producer.}, {@code consumer.}, {@code admin.}), which wins over the
 * plain name. So {@code PEERSTATS_KAFKA_PRODUCER_LINGER_MS} tunes Kafka Streams' producers and
 * these alike, and a Streams-only setting such as {@code commit.interval.ms} reaches no other
 * client. Each client's own defaults come first, the operator's settings after them.
 *
 * <p>The producers' durability is not the operator's to weaken: a badge command or a demo event
 * is sent with {@code acks=all} and idempotence whatever the settings say (a different value is
 * logged and ignored), as Kafka Streams does for the settings exactly-once needs.
 */
public final class KafkaClients {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);

    /** What every producer here needs: a command acknowledged by all in-sync replicas, never doubled by a retry. */
    static final Map<String, Object> PRODUCER_REQUIRED = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);

    private final String bootstrapServers;
    private final Map<String, String> settings;

    /**
     * @param bootstrapServers the cluster, or the embedded broker
     * @param settings         the operator's Kafka settings ({@code PEERSTATS_KAFKA_*}, as read by {@code PeerstatsConfig})
     */
    public KafkaClients(String bootstrapServers, Map<String, String> settings) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.settings = Map.copyOf(settings);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The operator's settings as given, for Kafka Streams, which sorts them out by itself. */
    public Map<String, String> settings() {
        return settings;
    }

    /** An admin client's settings. */
    public Map<String, Object> admin() {
        return compose(Map.of(), operators(AdminClientConfig.configNames(), StreamsConfig.ADMIN_CLIENT_PREFIX));
    }

    /**
     * A producer's settings: {@code defaults} (timeouts, batching), then the operator's, then
     * {@link #PRODUCER_REQUIRED}. An operator's {@code transactional.id} is not taken: one id on
     * several producers would fence them one another, and a transactional producer that is not
     * used as one refuses to send. A producer that needs one sets its own.
     */
    public Map<String, Object> producer(Map<String, Object> defaults) {
        Map<String, Object> operators = operators(ProducerConfig.configNames(), StreamsConfig.PRODUCER_PREFIX);
        if (operators.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG) != null) {
            LOG.warn("ignoring the Kafka setting {} for peerstats' own producers", ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        }
        PRODUCER_REQUIRED.forEach((key, required) -> {
            Object given = operators.remove(key);
            if (given != null && !String.valueOf(given).equalsIgnoreCase(String.valueOf(required))) {
                LOG.warn("ignoring the Kafka setting {}={} for peerstats' own producers: they need {}={}",
                        key, given, key, required);
            }
        });
        Map<String, Object> config = compose(defaults, operators);
        config.putAll(PRODUCER_REQUIRED);
        return config;
    }

    /**
     * {@link #producer} for records sent one at a time and waited for: no linger, and every
     * timeout of a send (blocking for metadata, a request, delivery) within {@code sendTimeout}.
     */
    public Map<String, Object> awaitedProducer(Duration sendTimeout) {
        return producer(Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) sendTimeout.toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis()));
    }

    /** A consumer's settings (tools and tests: the service itself reads only through Kafka Streams). */
    public Map<String, Object> consumer(Map<String, Object> defaults) {
        return compose(defaults, operators(ConsumerConfig.configNames(), StreamsConfig.CONSUMER_PREFIX));
    }

    private Map<String, Object> compose(Map<String, Object> defaults, Map<String, Object> operators) {
        Map<String, Object> config = new HashMap<>(defaults);
        config.putAll(operators);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** The operator's settings a client of this type takes: its own names, then its prefixed ones over them. */
    private Map<String, Object> operators(Set<String> known, String prefix) {
        Map<String, Object> taken = new HashMap<>();
        settings.forEach((key, value) -> {
            if (known.contains(key)) {
                taken.put(key, value);
            }
        });
        settings.forEach((key, value) -> {
            if (key.startsWith(prefix) && known.contains(key.substring(prefix.length()))) {
                taken.put(key.substring(prefix.length()), value);
            }
        });
        taken.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return taken;
    }
}
