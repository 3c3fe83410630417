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
}
