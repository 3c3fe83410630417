package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "greetings";
    private static final List<String> RECORDS = List.of("k1=hello", "k2=hallo", "k3=hej");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    @Test
    void deliversTransactionallyProducedRecordsToReadCommittedConsumer() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            assertTrue(broker.bootstrapServers().startsWith("127.0.0.1:"), broker.bootstrapServers());
            assertNotEquals("127.0.0.1:0", broker.bootstrapServers());

            createTopic(broker.bootstrapServers());
            produceInTransaction(broker.bootstrapServers());

            assertEquals(RECORDS, readCommitted(broker.bootstrapServers()));
        }
    }

    @Test
    void runsTheLogCleanerWithASmallDeduplicationMapAndRollsSegmentsSoACrashRecoversLittle() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0);
             Admin admin = admin(broker.bootstrapServers())) {
            String nodeId = admin.describeCluster().nodes().get().iterator().next().idString();
            ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, nodeId);

            Config config = admin.describeConfigs(List.of(node)).all().get().get(node);

            assertEquals("16777216", config.get("log.cleaner.dedupe.buffer.size").value());
            assertEquals(String.valueOf(16 * 1024 * 1024), config.get("log.segment.bytes").value());
            assertEquals("5000", config.get("log.flush.offset.checkpoint.interval.ms").value());
        }
    }

    @Test
    void keepsTopicsAndRecordsAcrossRestartOnSameDataDir() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            createTopic(broker.bootstrapServers());
            produceInTransaction(broker.bootstrapServers());
        }

        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(dataDir, 0)) {
            assertTrue(topicNames(restarted.bootstrapServers()).contains(TOPIC));
            assertEquals(RECORDS, readCommitted(restarted.bootstrapServers()));
        }
    }

    @Test
    void refusesToStartOnPortAlreadyInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();

            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> EmbeddedKafkaBroker.start(dataDir, port));

            assertTrue(error.getMessage().contains(String.valueOf(port)), error.getMessage());
        }
    }

    private static void createTopic(String bootstrapServers) throws ExecutionException, InterruptedException {
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
    }

    private static Set<String> topicNames(String bootstrapServers) throws ExecutionException, InterruptedException {
        try (Admin admin = admin(bootstrapServers)) {
            return admin.listTopics().names().get();
        }
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static void produceInTransaction(String bootstrapServers) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-producer",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (String record : RECORDS) {
                String[] keyAndValue = record.split("=", 2);
                producer.send(new ProducerRecord<>(TOPIC, keyAndValue[0], keyAndValue[1]));
            }
            producer.commitTransaction();
        }
    }

    /** Reads the topic from the start in a fresh consumer group; returns records as "key=value". */
    private static List<String> readCommitted(String bootstrapServers) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (received.size() < RECORDS.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.key() + "=" + record.value());
                }
            }
        }
        return received;
    }
}
