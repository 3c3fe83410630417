package org.peerstats.gateway.kafka;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which Kafka settings the start-up configuration print may show: an allowlist, not a list of
 * secrets to hide. A setting is shown only when Kafka's own definitions (Streams, producer,
 * consumer, admin) know its name, with any Kafka Streams client prefix taken off, and say it is
 * not of type {@link ConfigDef.Type#PASSWORD} — the type Kafka gives {@code sasl.jaas.config},
 * {@code ssl.key.password}, {@code ssl.keystore.key} (a PEM private key), {@code ssl.truststore.certificates}
 * and every other credential. A name Kafka does not know (a typo, a plug-in's own setting that
 * may hold a secret) is hidden too: what cannot be classified is not printed.
 */
public final class PrintableSettings {

    private static final List<ConfigDef> DEFINITIONS = List.of(StreamsConfig.configDef(), ProducerConfig.configDef(),
            ConsumerConfig.configDef(), AdminClientConfig.configDef());
    private static final List<String> PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX);

    private PrintableSettings() {
    }

    /** Whether the value of the Kafka setting {@code name} may be printed. */
    public static boolean printable(String name) {
        String unprefixed = PREFIXES.stream().filter(name::startsWith).findFirst()
                .map(prefix -> name.substring(prefix.length())).orElse(name);
        return type(unprefixed).filter(type -> type != ConfigDef.Type.PASSWORD).isPresent();
    }

    private static Optional<ConfigDef.Type> type(String name) {
        return DEFINITIONS.stream().map(definition -> definition.configKeys().get(name))
                .filter(key -> key != null).findFirst().map(key -> key.type);
    }
}
