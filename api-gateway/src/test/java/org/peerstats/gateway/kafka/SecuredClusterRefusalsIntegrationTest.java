package org.peerstats.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.gateway.runtime.PeerstatsConfig;
import org.peerstats.gateway.runtime.PeerstatsService;
import org.peerstats.streams.Topics;

/**
 * On a broker that requires SASL and ACLs, with the documented grants ({@link ServiceAcls}):
 * an event producer writes its inputs and nothing else, a principal without grants is refused
 * everywhere, a wrong password is refused at login, and a service that was not granted its ACLs
 * does not start, saying why.
 */
class SecuredClusterRefusalsIntegrationTest {

    private static final String APPLICATION_ID = "peerstats-refusals";
    private static final Topics TOPICS = Topics.withPrefix(Topics.DEFAULT_PREFIX);

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startSecured(dir.resolve("broker"), 0, "broker-secret",
                Map.of("mentor-app", "producer-secret", "stranger", "stranger-secret"));
        try (Admin admin = Admin.create(broker.superUserAdmin())) {
            admin.createAcls(ServiceAcls.bindings(ServiceAcls.eventProducer("User:mentor-app", TOPICS))).all()
                    .get(30, TimeUnit.SECONDS);
            // the topics exist, as the service would have created them
            org.peerstats.gateway.runtime.TopicProvisioner.ensureTopics(admin, TOPICS, 2, (short) 1);
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anEventProducerWritesItsInputsButNoCommand(boolean scram) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer("mentor-app", "producer-secret", scram)) {
            assertEquals(TOPICS.activities().name(),
                    producer.send(record(TOPICS.activities().name())).get(30, TimeUnit.SECONDS).topic());
            assertEquals(TOPICS.assignments().name(),
                    producer.send(record(TOPICS.assignments().name())).get(30, TimeUnit.SECONDS).topic());

            for (String command : List.of(TOPICS.badgeCommands().name(), TOPICS.mentorDetailCommands().name(),
                    TOPICS.earnedBadges().name())) {
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> producer.send(record(command)).get(30, TimeUnit.SECONDS), command);
                assertInstanceOf(TopicAuthorizationException.class, refused.getCause(), command);
            }
        }
    }

    @Test
    void anEventProducerCannotJoinTheServicesGroupNorReadItsOutputs() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("mentor-app", "producer-secret", APPLICATION_ID)) {
            consumer.subscribe(List.of(TOPICS.activities().name()));
            // joining the group is what a rogue member with a forged application.server would need
            assertThrows(GroupAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(20)));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("mentor-app", "producer-secret", null)) {
            consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(TOPICS.badgeNotifications().name(), 0)));
            assertThrows(TopicAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(20)));
        }
    }

    @Test
    void aPrincipalWithoutGrantsWritesNothing() {
        try (KafkaProducer<byte[], byte[]> producer = producer("stranger", "stranger-secret")) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> producer.send(record(TOPICS.activities().name())).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aWrongPasswordIsRefusedAtLogin(boolean scram) {
        try (KafkaProducer<byte[], byte[]> producer = producer("mentor-app", "not-the-password", scram)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> producer.send(record(TOPICS.activities().name())).get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
    }

    @Test
    void aServiceWithoutItsGrantsDoesNotStartAndSaysWhy() {
        Map<String, String> environment = new HashMap<>(Map.of("PEERSTATS_JWT_SECRET",
                "integration-test-secret-of-at-least-32-bytes"));
        environment.putAll(PeerstatsConfig.kafkaEnvironment(
                EmbeddedKafkaBroker.scramClientSettings("stranger", "stranger-secret")));
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(environment)
                .withKafka(broker.bootstrapServers(), 0, dir.resolve("stranger-service"), APPLICATION_ID);

        RuntimeException failed = assertThrows(RuntimeException.class,
                () -> PeerstatsService.start(config, Clock.systemUTC()).close());

        assertTrue(failed.getMessage().contains("Authorization failed") || failed.getMessage().contains("not authorized"),
                failed.getMessage());
    }

    private static ProducerRecord<byte[], byte[]> record(String topic) {
        return new ProducerRecord<>(topic, "pm-1".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaProducer<byte[], byte[]> producer(String user, String password) {
        return producer(user, password, true);
    }

    private static KafkaProducer<byte[], byte[]> producer(String user, String password, boolean scram) {
        Map<String, Object> config = new HashMap<>(scram ? EmbeddedKafkaBroker.scramClientSettings(user, password)
                : EmbeddedKafkaBroker.plainClientSettings(user, password));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String user, String password, String group) {
        Map<String, Object> config = new HashMap<>(EmbeddedKafkaBroker.scramClientSettings(user, password));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
