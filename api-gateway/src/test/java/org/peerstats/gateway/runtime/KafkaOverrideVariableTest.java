package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Kafka property named through {@link PeerstatsConfig#kafkaOverrideVariable} is read back as that property. */
class KafkaOverrideVariableTest {

    @Test
    void theVariableNamesThePropertyItIsReadBackAs() {
        String variable = PeerstatsConfig.kafkaOverrideVariable("statestore.uncommitted.max.bytes");

        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of(variable, "2097152"));

        assertEquals("PEERSTATS_KAFKA_STATESTORE_UNCOMMITTED_MAX_BYTES", variable);
        assertEquals("2097152", config.kafkaOverrides().get("statestore.uncommitted.max.bytes"));
    }

    @Test
    void settingsTurnedIntoVariablesAreReadBackAsThoseSettings() {
        Map<String, String> settings = Map.of("security.protocol", "SASL_SSL", "producer.linger.ms", "5");

        Map<String, String> environment = PeerstatsConfig.kafkaEnvironment(settings);

        assertEquals(Map.of("PEERSTATS_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "PEERSTATS_KAFKA_PRODUCER_LINGER_MS", "5"),
                environment);
        assertEquals(settings, PeerstatsConfig.fromEnvironment(environment).kafkaOverrides());
    }
}
