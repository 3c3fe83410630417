package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.ServiceHarness;
import org.peerstats.gateway.deadletters.DeadLetterReplayer;
import org.peerstats.gateway.kafka.ServiceAcls;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.InvalidEventException;

/**
 * The dead-letter commands on a broker that requires SASL and ACLs, logged in through
 * {@code PEERSTATS_KAFKA_*} as an operator holding exactly {@link ServiceAcls#deadLetterReplayer}:
 * the list and the replay work; an operator with only the read grants lists but cannot replay.
 */
class DeadLetterCommandsSecuredIntegrationTest {

    private static final String APPLICATION_ID = "peerstats-secured-replay";
    private static final Topics TOPICS = Topics.defaults();
    private static final byte[] REFUSED = "{\"op\":\"upsert\",\"activity_id\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.startSecured(dir.resolve("broker"), 0, "broker-secret",
                Map.of("operator", "operator-secret", "viewer", "viewer-secret"));
        List<ServiceAcls.Grant> viewer = List.of(TOPICS.deadLetter().name(), TOPICS.deadLetterReplays().name()).stream()
                .map(topic -> new ServiceAcls.Grant("User:viewer", ResourceType.TOPIC, topic, PatternType.LITERAL,
                        List.of(AclOperation.DESCRIBE, AclOperation.READ))).toList();
        try (Admin admin = Admin.create(broker.superUserAdmin())) {
            TopicProvisioner.ensureTopics(admin, TOPICS, 2, (short) 1);
            admin.createAcls(ServiceAcls.bindings(ServiceAcls.deadLetterReplayer("User:operator", TOPICS,
                    DeadLetterReplayer.transactionalId(APPLICATION_ID)))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(ServiceAcls.bindings(viewer)).all().get(30, TimeUnit.SECONDS);
        }
        writeDeadLetter();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void anOperatorWithTheDocumentedGrantsListsAndReplays() {
        String listed = run("operator", "operator-secret", "dead-letters", "list");
        assertTrue(listed.contains("0:0  from peerstats.activities 1:7"), listed);
        assertTrue(listed.contains("  replay: can be sent back"), listed);

        String replayed = run("operator", "operator-secret", "dead-letters", "replay", "--offsets", "0:0");

        assertTrue(replayed.contains("0:0  replayed: sent back to peerstats.activities-1@"), replayed);
        assertEquals(1, ServiceHarness.readCommitted(broker.bootstrapServers(), TOPICS.activities().name(),
                        broker.superUserSettings()).stream()
                .filter(record -> Arrays.equals(record.value(), REFUSED) && record.partition() == 1).count(),
                "back in its original partition");
    }

    @Test
    void anOperatorWhoMayOnlyReadListsButCannotReplay() {
        assertTrue(run("viewer", "viewer-secret", "dead-letters", "list").contains("1 dead letter in"));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> run("viewer", "viewer-secret", "dead-letters", "replay", "--offsets", "0:0"));

        assertTrue(refused.getMessage().startsWith("cannot take the transactional id "
                + DeadLetterReplayer.transactionalId(APPLICATION_ID)), refused.getMessage());
    }

    private static String run(String user, String password, String... args) {
        Map<String, String> environment = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "PEERSTATS_APPLICATION_ID", APPLICATION_ID));
        environment.putAll(PeerstatsConfig.kafkaEnvironment(EmbeddedKafkaBroker.scramClientSettings(user, password)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), environment);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        return printed;
    }

    /** A dead letter as Kafka Streams writes it for an activity of partition 1, offset 7, that broke a rule. */
    private static void writeDeadLetter() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        Map.of("__streams.errors.topic", TOPICS.activities().name(), "__streams.errors.partition", "1",
                "__streams.errors.offset", "7", "__streams.errors.exception", InvalidEventException.class.getName(),
                "__streams.errors.message", "missing field peer_mentor_id")
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> settings = new HashMap<>(broker.superUserSettings());
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPICS.deadLetter().name(), 0, 1_774_526_400_000L,
                    "pm-1".getBytes(StandardCharsets.UTF_8), REFUSED, headers)).get(30, TimeUnit.SECONDS);
        }
    }
}
