package org.peerstats.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    private static final Map<String, String> SASL = Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.location", "/etc/kafka/truststore.p12");

    @Test
    void everyClientTypeTakesTheSecuritySettings() {
        KafkaClients clients = new KafkaClients("kafka:9093", SASL);
        for (Map<String, Object> config : java.util.List.of(clients.admin(), clients.producer(Map.of()),
                clients.consumer(Map.of()))) {
            SASL.forEach((key, value) -> assertEquals(value, config.get(key), key));
            assertEquals("kafka:9093", config.get("bootstrap.servers"));
        }
    }

    @Test
    void aStreamsOnlySettingReachesNoOtherClient() {
        KafkaClients clients = new KafkaClients("b:1", Map.of("commit.interval.ms", "200",
                "statestore.uncommitted.max.bytes", "2097152"));
        assertFalse(clients.admin().containsKey("commit.interval.ms"));
        assertFalse(clients.producer(Map.of()).containsKey("statestore.uncommitted.max.bytes"));
        assertFalse(clients.consumer(Map.of()).containsKey("commit.interval.ms"));
        assertEquals(Map.of("commit.interval.ms", "200", "statestore.uncommitted.max.bytes", "2097152"),
                clients.settings());
    }

    @Test
    void aPrefixedSettingWinsOverThePlainNameForItsClientOnly() {
        KafkaClients clients = new KafkaClients("b:1", Map.of("request.timeout.ms", "7000",
                "producer.request.timeout.ms", "9000", "consumer.max.poll.records", "17"));
        assertEquals("9000", clients.producer(Map.of()).get("request.timeout.ms"));
        assertEquals("7000", clients.admin().get("request.timeout.ms"));
        assertEquals("7000", clients.consumer(Map.of()).get("request.timeout.ms"));
        assertEquals("17", clients.consumer(Map.of()).get("max.poll.records"));
        assertFalse(clients.producer(Map.of()).containsKey("max.poll.records"));
    }

    @Test
    void theOperatorsSettingsComeAfterAClientsDefaults() {
        KafkaClients clients = new KafkaClients("b:1", Map.of("linger.ms", "5"));
        assertEquals("5", clients.producer(Map.of("linger.ms", 0, "max.block.ms", 5000L)).get("linger.ms"));
        assertEquals(5000L, clients.producer(Map.of("linger.ms", 0, "max.block.ms", 5000L)).get("max.block.ms"));
    }

    @Test
    void theProducersDurabilityAndTheBootstrapServersAreNotOverridden() {
        KafkaClients clients = new KafkaClients("real:9092", Map.of("acks", "1", "producer.enable.idempotence",
                "false", "bootstrap.servers", "elsewhere:9092"));
        Map<String, Object> producer = clients.producer(Map.of("acks", "0"));
        assertEquals("all", producer.get("acks"));
        assertEquals(true, producer.get("enable.idempotence"));
        assertEquals("real:9092", producer.get("bootstrap.servers"));
        assertEquals("real:9092", clients.admin().get("bootstrap.servers"));
    }

    @Test
    void anOperatorsTransactionalIdIsNotGivenToOurProducers() {
        KafkaClients clients = new KafkaClients("b:1", Map.of("producer.transactional.id", "x",
                "transactional.id", "y"));
        assertFalse(clients.producer(Map.of()).containsKey("transactional.id"));
    }
}
