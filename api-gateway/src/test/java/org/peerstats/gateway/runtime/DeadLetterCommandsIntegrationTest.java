package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.ServiceHarness;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.deadletters.DeadLetterReplayer;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.serde.OutputTooLargeException;
import org.peerstats.streams.topology.DeadLetterHandlers;

/**
 * {@code ./peerstats dead-letters list} and {@code replay} as an operator runs them ({@link Main#run}),
 * against a real service on a real broker: records the topology refused are listed with the
 * reason in words and a bounded excerpt; one refused by a configurable bound is counted once
 * after the bound is raised and it is replayed, and not again when the replay is repeated or
 * after a replay that died before its commit; what cannot be sent back is refused, and then
 * nothing is sent.
 */
class DeadLetterCommandsIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-26T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** A dead letter's line: its id, then where it came from. */
    private static final Pattern LETTER = Pattern.compile("(?m)^(\\d+:\\d+)  (from|output for) ");

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** One installation per test: its own topic prefix and application id on the shared broker. */
    private record Installation(String prefix, String applicationId, Path dataDir) {

        static Installation named(String name) {
            return new Installation(name + ".", "peerstats-" + name + "-" + UUID.randomUUID(), dir.resolve(name));
        }

        ServiceHarness start(Map<String, String> settings) {
            Map<String, String> environment = new HashMap<>(settings);
            environment.put("PEERSTATS_TOPIC_PREFIX", prefix);
            return new ServiceHarness(broker.bootstrapServers(), dataDir, applicationId, CLOCK, environment);
        }

        /** What an operator's shell has: the cluster, the prefix and the application id. */
        Map<String, String> environment() {
            return Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "PEERSTATS_TOPIC_PREFIX", prefix,
                    "PEERSTATS_APPLICATION_ID", applicationId);
        }

        Printed run(String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), environment());
            return new Printed(code, out.toString(StandardCharsets.UTF_8));
        }

        /** Lists until the output satisfies {@code done} (at most 60 s): the topology commits its dead letters. */
        Printed awaitList(Predicate<String> done, String... filters) throws InterruptedException {
            String[] args = new String[filters.length + 2];
            args[0] = "dead-letters";
            args[1] = "list";
            System.arraycopy(filters, 0, args, 2, filters.length);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Printed listed = run(args);
            while (!done.test(listed.output()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                listed = run(args);
            }
            return listed;
        }
    }

    private record Printed(int code, String output) {

        /** The id of the one dead letter whose block contains {@code text}. */
        String idOf(String text) {
            List<String> blocks = Arrays.asList(output.split("\n\n"));
            List<String> ids = blocks.stream().filter(block -> block.contains(text)).map(block -> {
                Matcher id = LETTER.matcher(block);
                return id.find() ? id.group(1) : null;
            }).toList();
            assertEquals(1, ids.size(), "one dead letter with " + text + " in\n" + output);
            return ids.get(0);
        }
    }

    @Test
    void listSaysWhyEachRecordWasRefusedInPlainWordsWithABoundedEscapedExcerpt() throws Exception {
        Installation installation = Installation.named("dl-list");
        try (ServiceHarness harness = installation.start(Map.of())) {
            String activities = harness.topics.activities().name();
            byte[] notJson = ("{not json \u001b[2J" + "y".repeat(1000)).getBytes(StandardCharsets.UTF_8);
            harness.sendRaw(activities, "pm-dl-list", notJson, NOW);
            harness.send(activity("pm-dl-list", "a-1900", "1900-01-01T10:00:00Z", 30), NOW);

            Printed listed = installation.awaitList(out -> out.contains("2 dead letters"));

            assertEquals(0, listed.code());
            String output = listed.output();
            assertTrue(output.startsWith("Kafka at " + broker.bootstrapServers() + " (KAFKA_BOOTSTRAP_SERVERS)"), output);
            assertTrue(output.contains("  why:    the bytes are not valid JSON for an activity: Unexpected character "
                    + "('n' (code 110))"), output);
            assertTrue(output.contains("  value:  {not json \\u001B[2J" + "y".repeat(141) + "… (1014 bytes)\n"),
                    "160 characters of the value, the escape sequence spelled out: " + output);
            assertFalse(output.contains("\u001b"), "no escape character reaches the terminal");
            assertTrue(output.contains("  why:    breaks a rule for an activity: \"occurred_at 1900-01-01T10:00:00Z is "
                    + "before 2000-01-01T00:00:00Z, the earliest time taken\"\n"), output);
            assertTrue(output.contains("  value:  {\"op\":\"upsert\",\"activity_id\":\"a-1900\""), output);
            Matcher first = Pattern.compile("(?m)^\\d+:\\d+  from " + Pattern.quote(activities)
                    + " \\d+:\\d+  2026-03-26T12:00:00Z  key pm-dl-list$").matcher(output);
            assertTrue(first.find() && first.find(), "each names its original topic, partition, offset and time: "
                    + output);
            assertEquals(1, output.split("  replay: can be sent back\n", -1).length - 1, output);
            assertTrue(output.contains("  replay: can be sent back, as the same bytes: worth it only once peerstats "
                    + "reads them"), "bytes that are no JSON are not suggested for a replay: " + output);
            Matcher suggested = Pattern.compile("2 dead letters in dl-list\\.dead-letter; to send back the ones that "
                    + "can be: \\./peerstats dead-letters replay --offsets (\\d+:\\d+)\n").matcher(output);
            assertTrue(suggested.find(), "one suggested, the rule-breaking one: " + output);

            assertTrue(installation.run("dead-letters", "list", "--since", "2026-03-26T12:00:01Z").output()
                    .contains("0 dead letters in dl-list.dead-letter (filtered)"));
            assertTrue(installation.run("dead-letters", "list", "--topic", "activities", "--since", NOW.toString())
                    .output().contains("2 dead letters"), "a topic with or without the prefix");
            assertTrue(installation.run("dead-letters", "list", "--topic", "dl-list.training-completions").output()
                    .contains("0 dead letters"));
        }
    }

    /**
     * The "done when": an activity refused because of a configurable bound is listed; the
     * service restarts with the bound raised; the replay counts it once; a second replay says it
     * was replayed and sends nothing, and the count stays.
     */
    @Test
    void anActivityRefusedForItsDurationCountsOnceAfterTheBoundIsRaisedHoweverOftenItIsReplayed() throws Exception {
        Installation installation = Installation.named("dl-camp");
        String mentor = "pm-dl-camp";
        String stats = "/api/v1/peer-mentor-stats/" + mentor;
        ActivityEvent camp = activity(mentor, "weekend-camp", "2026-03-21T08:00:00Z", 2000);
        String id;
        try (ServiceHarness harness = installation.start(Map.of())) {
            harness.send(activity(mentor, "a-1", "2026-03-20T10:00:00Z", 30), NOW);
            harness.send(camp, NOW);
            String admin = harness.token(Role.ADMIN, null, null);
            assertTrue(harness.awaitGet(stats, admin, r -> r.hasField("activity_count", 1)).hasField("activity_count", 1));

            Printed listed = installation.awaitList(out -> out.contains("1 dead letter in"));
            assertTrue(listed.output().contains("  why:    breaks a rule for an activity: \"duration_minutes 2000 is "
                    + "outside 0..1440\"; the upper bound is PEERSTATS_MAX_ACTIVITY_MINUTES"), listed.output());
            id = listed.idOf("weekend-camp");
        }

        try (ServiceHarness raised = installation.start(Map.of("PEERSTATS_MAX_ACTIVITY_MINUTES", "2880"))) {
            String admin = raised.token(Role.ADMIN, null, null);
            String activities = raised.topics.activities().name();

            Printed replayed = installation.run("dead-letters", "replay", "--offsets", id);

            assertEquals(0, replayed.code(), replayed.output());
            assertTrue(replayed.output().contains(id + "  replayed: sent back to " + activities + "-"), replayed.output());
            assertTrue(replayed.output().contains("as transactional id "
                    + DeadLetterReplayer.transactionalId(installation.applicationId())), replayed.output());
            ServiceHarness.Response counted = raised.awaitGet(stats, admin, r -> r.hasField("activity_count", 2));
            assertEquals(2, counted.json().get("activity_count").asInt(), counted.body());
            assertEquals(33.83, counted.json().get("total_hours_mentored").asDouble(), "30 + 2000 minutes");

            Printed again = installation.run("dead-letters", "replay", "--offsets", id);

            assertEquals(0, again.code(), again.output());
            assertTrue(again.output().contains(id + "  already replayed (sent back to " + activities + "-"),
                    again.output());
            assertTrue(again.output().contains("0 replayed, 1 already replayed before"), again.output());
            assertEquals(2, copiesOf(camp, activities), "the producer's record and one replay, no more");
            // a later event of another mentor has been applied: the camp was not counted again meanwhile
            raised.send(activity("pm-dl-marker", "m-1", "2026-03-25T10:00:00Z", 10), NOW);
            raised.awaitGet("/api/v1/peer-mentor-stats/pm-dl-marker", admin, r -> r.hasField("activity_count", 1));
            assertEquals(2, raised.get(stats, admin).json().get("activity_count").asInt());
            assertTrue(installation.run("dead-letters", "list").output().contains("  replay: done, sent back to "
                    + activities + "-"));
        }
    }

    @Test
    void aReplayThatDiedBeforeItsCommitIsSentExactlyOnceByTheNextRun() throws Exception {
        Installation installation = Installation.named("dl-crash");
        try (ServiceHarness harness = installation.start(Map.of())) {
            String activities = harness.topics.activities().name();
            byte[] notJson = "{still not json".getBytes(StandardCharsets.UTF_8);
            harness.sendRaw(activities, "pm-dl-crash", notJson, NOW);
            String id = installation.awaitList(out -> out.contains("1 dead letter in")).idOf("still not json");

            // What a replay that died after sending, before committing, leaves behind: an open transaction.
            Map<String, Object> settings = harness.service.kafkaClients().producer(Map.of());
            settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    DeadLetterReplayer.transactionalId(installation.applicationId()));
            KafkaProducer<byte[], byte[]> died = new KafkaProducer<>(settings, new ByteArraySerializer(),
                    new ByteArraySerializer());
            died.initTransactions();
            died.beginTransaction();
            died.send(new ProducerRecord<>(activities, null, NOW.toEpochMilli(),
                    "pm-dl-crash".getBytes(StandardCharsets.UTF_8), notJson)).get();
            died.send(new ProducerRecord<>(harness.topics.deadLetterReplays().name(),
                    id.getBytes(StandardCharsets.UTF_8), "sent back by a run that died".getBytes(StandardCharsets.UTF_8)))
                    .get();

            Printed replayed = installation.run("dead-letters", "replay", "--offsets", id);
            died.close(Duration.ZERO);

            assertEquals(0, replayed.code(), replayed.output());
            assertTrue(replayed.output().contains(id + "  replayed: sent back to "), replayed.output());
            assertEquals(2, copiesOf(notJson, activities), "the producer's record and the replay; the dead run's "
                    + "copy was aborted when the next run took the transactional id");
            List<ConsumerRecord<byte[], byte[]>> markers = ServiceHarness.readCommitted(broker.bootstrapServers(),
                    harness.topics.deadLetterReplays().name());
            assertEquals(1, markers.size());
            assertTrue(new String(markers.get(0).value(), StandardCharsets.UTF_8).startsWith("sent back to "));

            // still no JSON: refused again, and the new dead letter says which one it was a replay of
            Printed listed = installation.awaitList(out -> out.contains("2 dead letters in"));
            assertTrue(listed.output().contains("  note:   a replay of " + id + ", refused again"), listed.output());
        }
    }

    @Test
    void whatCannotBeSentBackIsRefusedClearlyAndThenNothingIsSent() throws Exception {
        Installation installation = Installation.named("dl-refuse");
        try (ServiceHarness harness = installation.start(Map.of())) {
            ActivityEvent good = activity("pm-dl-refuse", "a-1900", "1900-01-01T10:00:00Z", 30);
            harness.send(good, NOW);
            harness.sendRaw(harness.topics.badgeCommands().name(), "pm-dl-refuse", "{}".getBytes(StandardCharsets.UTF_8),
                    NOW);
            writeOutputDeadLetter(harness);
            Printed listed = installation.awaitList(out -> out.contains("3 dead letters in"));
            String activity = listed.idOf("a-1900");
            String command = listed.idOf("for a badge command");
            String output = listed.idOf("output for dl-refuse.mentor-stats");
            assertTrue(listed.output().contains("  replay: not possible: it has no value: it is an output record for "
                    + "dl-refuse.mentor-stats"), listed.output());

            Printed refused = installation.run("dead-letters", "replay", "--offsets",
                    String.join(",", activity, command, output, "0:999", "77:0"));

            assertEquals(1, refused.code(), refused.output());
            String out = refused.output();
            assertTrue(out.contains(command + "  refused: cannot be replayed: its original topic dl-refuse.badge-commands "
                    + "is not one of peerstats' input topics (dl-refuse.activities, "), out);
            assertTrue(out.contains("a command comes through the REST API"), out);
            assertTrue(out.contains(output + "  refused: cannot be replayed: it has no value: it is an output record "
                    + "for dl-refuse.mentor-stats that was too large to send"), out);
            assertTrue(out.contains("0:999  refused: no dead letter at 0:999 (partition 0 "), out);
            assertTrue(out.contains("77:0  refused: no dead letter at 77:0 (dl-refuse.dead-letter has partitions 0 to 2)"),
                    out);
            assertTrue(out.contains("nothing sent: 4 of 5 refused; run it again without those"), out);
            assertFalse(out.contains("  replayed: "), out);
            assertEquals(1, copiesOf(good, harness.topics.activities().name()), "the good one was not sent either");
            assertTrue(ServiceHarness.readCommitted(broker.bootstrapServers(),
                    harness.topics.deadLetterReplays().name()).isEmpty(), "no marker");

            assertThrows(Main.UsageException.class, () -> installation.run("dead-letters", "replay"));
            assertEquals("--offsets: '0-1' is not PARTITION:OFFSET (e.g. 0:12)", assertThrows(Main.UsageException.class,
                    () -> installation.run("dead-letters", "replay", "--offsets", "0-1")).getMessage());
            assertThrows(Main.UsageException.class, () -> installation.run("dead-letters", "list", "--since", "today"));
            assertThrows(Main.UsageException.class, () -> installation.run("dead-letters", "purge"));
        }
    }

    /**
     * An output record too large to send, dead-lettered as {@code DeadLetterHandlers.Production}
     * does under at_least_once (its key and headers, no value; {@code OutputSizeTopologyTest}
     * shows the handler writing it): written here directly, since no output of a real mentor
     * comes near the broker's limit.
     */
    private static void writeOutputDeadLetter(ServiceHarness harness) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("__streams.errors.exception", OutputTooLargeException.class.getName().getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.message", ("the value for dl-refuse.mentor-stats is 1200000 bytes; outputs are "
                + "limited to 1000000 bytes").getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHandlers.OUTPUT_TOPIC_HEADER, "dl-refuse.mentor-stats".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHandlers.OUTPUT_VALUE_SIZE_HEADER, "1200000".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(harness.service.kafkaClients().producer(Map.of()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(harness.topics.deadLetter().name(), 0, NOW.toEpochMilli(),
                    "pm-dl-big".getBytes(StandardCharsets.UTF_8), null, headers)).get();
        }
    }

    private static ActivityEvent activity(String mentor, String id, String occurredAt, int minutes) {
        return new ActivityEvent(EventOp.UPSERT, id, mentor, "org-nhf-oslo", ActivityType.GROUP, null,
                Instant.parse(occurredAt), minutes);
    }

    /** How many committed records of {@code topic} carry exactly {@code event}'s bytes. */
    private static long copiesOf(ActivityEvent event, String topic) {
        return copiesOf(org.peerstats.streams.Topics.defaults().activities().valueSerde().serializer()
                .serialize(topic, event), topic);
    }

    private static long copiesOf(byte[] value, String topic) {
        return ServiceHarness.readCommitted(broker.bootstrapServers(), topic).stream()
                .filter(record -> Arrays.equals(record.value(), value)).count();
    }
}
