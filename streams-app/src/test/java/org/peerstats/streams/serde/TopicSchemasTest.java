package org.peerstats.streams.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.badges.BadgeCriteria;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.BadgeInputValidator;
import org.peerstats.streams.badges.DefaultBadgeDefinitions;
import org.peerstats.streams.badges.EarnedBadgeIds;
import org.peerstats.streams.clock.ClockTick;
import org.peerstats.streams.clock.ClockTickValidator;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.Assignment;
import org.peerstats.streams.events.Certification;
import org.peerstats.streams.events.DetailEventValidator;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.EventValidator;
import org.peerstats.streams.events.InvalidEventException;
import org.peerstats.streams.events.MentorDetailCommand;
import org.peerstats.streams.events.MentorDetailEvent;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.events.TrainingCompletionEvent;
import org.peerstats.streams.stats.OrganisationZones;
import org.peerstats.streams.topology.TopologyFixture;

/**
 * The JSON Schemas of {@code docs/schemas/} against what the service really reads and writes,
 * checked with a standard validator (draft 2020-12, formats asserted):
 * <ul>
 *   <li>every input sample gets the same verdict from its topic's schema as from the topic's
 *       serde followed by the validator the ingest stage runs, except the divergences
 *       {@link InputSamples} documents one by one;</li>
 *   <li>every record the topology writes to an output topic, from real inputs, validates against
 *       that topic's schema;</li>
 *   <li>every topic of {@link Topics} that carries JSON has a schema, checked one way or the other.</li>
 * </ul>
 *
 * <p>Rules relative to the record's timestamp (an occurred_at at most a day ahead, an expiry at most
 * 100 years ahead) are not a schema's to state: every sample is read at {@link #RECORD_TIME}, late
 * enough that no sample's time is ahead of it, so they never decide here ({@code EventValidatorTest}
 * tests them). Rules on the record key (it equals a field of the value) likewise: each sample is keyed
 * as a well-behaved producer keys it.
 */
class TopicSchemasTest {

    private static final Path SCHEMAS = Path.of(System.getProperty("basedir", ".")).resolve("../docs/schemas")
            .normalize();
    private static final String SUFFIX = ".schema.json";
    private static final Topics TOPICS = Topics.defaults();
    private static final Instant RECORD_TIME = Instant.parse("2090-01-01T00:00:00Z");
    /** The key of samples on badge-commands, whose value does not name the mentor. */
    private static final String MENTOR_KEY = "pm-kari-001";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    /** Checks one input record as the ingest stage does; throws {@link InvalidEventException}. */
    @FunctionalInterface
    private interface Validation<V> {
        void validate(String key, V value, Instant recordTime);
    }

    /**
     * An input topic with the validator the topology runs on it (as {@code IngestTopology} and
     * {@code DefinitionSyncProcessor} wire them) and the field its key must equal (null: none).
     */
    private record Input<V>(Topics.Topic<String, V> topic, List<String> keyFields, Validation<V> validation,
                            Function<Topics, List<Sample>> samples) {

        Input(Topics.Topic<String, V> topic, String keyField, Validation<V> validation,
              Function<Topics, List<Sample>> samples) {
            this(topic, keyField == null ? List.of() : List.of(keyField), validation, samples);
        }

        /** Why the service refuses {@code json} under {@code key}, or empty when it takes it. */
        Optional<String> refusal(String key, String json) {
            try {
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                V value = topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
                validation.validate(key, value, RECORD_TIME);
                return Optional.empty();
            } catch (SerializationException | InvalidEventException refused) {
                return Optional.of(refused.getMessage());
            }
        }

        /**
         * The key a well-behaved producer gives {@code sample}: its key fields joined by {@code :}
         * (a clock tick's {@code <kind>:<zone>}), or the mentor when the value has none.
         */
        String keyOf(Sample sample) {
            if (keyFields.isEmpty()) {
                return MENTOR_KEY;
            }
            List<String> parts = new ArrayList<>();
            for (String keyField : keyFields) {
                JsonNode field = read(sample.json()).path(keyField);
                parts.add(field.isValueNode() && !field.isNull() ? field.asText() : "no-key-field");
            }
            return String.join(":", parts);
        }
    }

    private static final List<Input<?>> INPUTS = List.of(
            new Input<>(TOPICS.activities(), "peer_mentor_id", EventValidator::validateActivity,
                    InputSamples::activities),
            new Input<>(TOPICS.trainingCompletions(), "peer_mentor_id", EventValidator::validateTrainingCompletion,
                    InputSamples::trainingCompletions),
            new Input<>(TOPICS.mentorProfiles(), "peer_mentor_id",
                    (key, profile, at) -> DetailEventValidator.validateProfile(key, profile),
                    InputSamples::mentorProfiles),
            new Input<>(TOPICS.certifications(), "peer_mentor_id", DetailEventValidator::validateCertification,
                    InputSamples::certifications),
            new Input<>(TOPICS.assignments(), "assignment_id",
                    (key, assignment, at) -> DetailEventValidator.validateAssignment(key, assignment),
                    InputSamples::assignments),
            new Input<>(TOPICS.badgeDefinitions(), "id",
                    (key, definition, at) -> BadgeInputValidator.validateDefinition(key, definition),
                    InputSamples::badgeDefinitions),
            new Input<>(TOPICS.badgeCommands(), List.of(),
                    (key, command, at) -> BadgeInputValidator.validateCommand(key, command),
                    InputSamples::badgeCommands),
            new Input<>(TOPICS.mentorDetailCommands(), "mentor_id",
                    (key, command, at) -> DetailEventValidator.validateCommand(key, command),
                    InputSamples::mentorDetailCommands),
            new Input<>(TOPICS.clockTicks(), List.of("kind", "zone"), ClockTickValidator::validate,
                    InputSamples::clockTicks));

    /** The output topics whose records {@link #everyRecordTheTopologyWritesValidatesAgainstItsTopicsSchema} checks. */
    private static final List<Topics.Topic<String, ?>> OUTPUTS = List.of(TOPICS.mentorStats(), TOPICS.earnedBadges(),
            TOPICS.badgeNotifications(), TOPICS.mentorDetails(), TOPICS.streakReminders(), TOPICS.organisationStats());

    @TempDir
    Path stateDir;

    @TestFactory
    Stream<DynamicNode> everyInputSampleGetsTheSameVerdictFromTheSchemaAndFromTheSerdeAndValidator() {
        return INPUTS.stream().map(input -> {
            Schema schema = schema(input.topic());
            List<Sample> samples = input.samples().apply(TOPICS);
            return dynamicContainer(shortName(input.topic()), Stream.concat(
                    Stream.of(dynamicTest("has accepted and refused samples, with unique names", () -> {
                        assertTrue(samples.stream().anyMatch(s -> s.schemaAccepts() && s.serviceAccepts()),
                                "none accepted");
                        assertTrue(samples.stream().anyMatch(s -> !s.schemaAccepts() && !s.serviceAccepts()),
                                "none refused");
                        assertEquals(samples.size(), samples.stream().map(Sample::name).distinct().count(),
                                () -> "two samples of one name: " + samples);
                    })),
                    samples.stream().map(sample -> dynamicTest(sample.name(), () -> check(input, schema, sample)))));
        });
    }

    private static void check(Input<?> input, Schema schema, Sample sample) {
        String key = input.keyOf(sample);
        List<?> schemaErrors = schemaErrors(schema, sample.json());
        Optional<String> refusal = input.refusal(key, sample.json());
        String verdicts = shortName(input.topic()) + " / " + sample.name() + ": the schema "
                + (schemaErrors.isEmpty() ? "accepts" : "refuses " + schemaErrors) + "; serde + validator "
                + refusal.map(reason -> "refuse: " + reason).orElse("accept") + "; value " + abbreviated(sample.json());
        if (sample.divergence() == null) {
            assertEquals(sample.serviceAccepts(), refusal.isEmpty(), verdicts);
            assertEquals(sample.schemaAccepts(), schemaErrors.isEmpty(), verdicts);
        } else {
            String note = verdicts + " — documented divergence (" + sample.divergence() + "): if the two agree "
                    + "now, make it an agreeing sample and drop the note from the schema and README";
            assertNotEquals(sample.schemaAccepts(), sample.serviceAccepts(), "a divergence must diverge: " + note);
            assertEquals(sample.serviceAccepts(), refusal.isEmpty(), note);
            assertEquals(sample.schemaAccepts(), schemaErrors.isEmpty(), note);
        }
    }

    @Test
    void everyRecordTheTopologyWritesValidatesAgainstItsTopicsSchema() {
        Map<String, List<String>> written = new LinkedHashMap<>();
        OrganisationZones zones = OrganisationZones.of(OrganisationZones.DEFAULT_ZONE);
        try (TopologyFixture fixture = new TopologyFixture(stateDir, zones)) {
            Map<String, TestOutputTopic<String, String>> outputs = new LinkedHashMap<>();
            OUTPUTS.forEach(topic -> outputs.put(topic.name(), fixture.driver.createOutputTopic(topic.name(),
                    Serdes.String().deserializer(), Serdes.String().deserializer())));
            produceAMentorsLife(fixture);
            outputs.forEach((name, topic) -> written.put(name, topic.readValuesToList()));
        }

        List<String> invalid = new ArrayList<>();
        OUTPUTS.forEach(topic -> {
            Schema schema = schema(topic);
            written.get(topic.name()).stream().filter(json -> json != null).forEach(json -> {
                List<Error> errors = schema.validate(read(json));
                if (!errors.isEmpty()) {
                    invalid.add(shortName(topic) + ": " + errors + " in " + json);
                }
            });
        });
        assertEquals(List.of(), invalid);

        // The life above reaches every shape the schemas allow: a field's null and its value, each kind of record.
        List<JsonNode> stats = documents(written, TOPICS.mentorStats());
        assertTrue(stats.size() >= 4, stats::toString);
        assertTrue(stats.stream().anyMatch(s -> s.get("last_active_at").isNull()), "stats without a live activity");
        assertTrue(stats.stream().anyMatch(s -> s.get("streak_started_at").isTextual()), "stats with a streak");
        List<JsonNode> badges = documents(written, TOPICS.earnedBadges());
        assertEquals(Set.of("system", "admin-per-001"), values(badges, "awarded_by"));
        assertTrue(badges.stream().anyMatch(b -> b.get("revoked_at").isTextual() && b.get("revoke_reason").isNull()),
                "a badge revoked without a reason");
        assertTrue(badges.stream().anyMatch(b -> b.get("badge_description").isNull() && b.get("icon_url").isNull()),
                "a badge with no description or icon");
        List<JsonNode> notifications = documents(written, TOPICS.badgeNotifications());
        assertEquals(Set.of("badge_awarded", "badge_revoked"), values(notifications, "type"));
        List<JsonNode> reminders = documents(written, TOPICS.streakReminders());
        assertEquals(1, reminders.size(), reminders::toString);
        assertEquals(2, reminders.get(0).get("current_streak_days").asInt(), reminders::toString);
        assertTrue(stats.stream().anyMatch(s -> s.get("current_streak_days").asInt() == 0
                && s.get("streak_started_at").isNull() && s.get("activity_count").asInt() == 2),
                "the document of a streak lapsed at midnight");
        List<JsonNode> details = documents(written, TOPICS.mentorDetails());
        assertEquals(Set.of("initial", "loaded", "cleared"), values(details, "phase"));
        List<JsonNode> totals = documents(written, TOPICS.organisationStats());
        assertEquals(Set.of("week", "month", "year", "all_time"), values(totals, "period"));
        assertTrue(totals.stream().anyMatch(t -> t.get("start").isNull()) && totals.stream()
                .anyMatch(t -> t.get("start").isTextual()), "all-time totals without a start, the others with one");
        assertTrue(details.stream().anyMatch(d -> d.path("snapshot").path("active_assignments").size() == 2),
                "a snapshot with the two open assignments");
        assertTrue(details.stream().anyMatch(d -> d.get("last_command").isObject()), "a document with its last command");
        assertTrue(written.get(TOPICS.mentorDetails().name()).contains(null),
                "a tombstone for a mentor of whom nothing is left");
    }

    /**
     * One mentor's inputs, produced as the field does: badge definitions, a profile, a certification
     * and assignments, activities and a training completion, manual awards and revocations, and the
     * detail commands; then everything taken away again; and a mentor who only had a profile, deleted.
     */
    private static void produceAMentorsLife(TopologyFixture fixture) {
        String mentor = "pm-kari-001";
        String oslo = "org-nhf-oslo";
        Instant t0 = Instant.parse("2026-03-25T12:00:00Z");
        DefaultBadgeDefinitions.all().forEach(definition -> fixture.define(definition, t0));
        fixture.define(new BadgeDefinition("bdg-plain", null, "Plain", null, null,
                new BadgeCriteria("activity_count", BigDecimal.ONE), true), t0);

        TestInputTopic<String, MentorProfile> profiles = input(fixture, TOPICS.mentorProfiles());
        TestInputTopic<String, Certification> certifications = input(fixture, TOPICS.certifications());
        TestInputTopic<String, Assignment> assignments = input(fixture, TOPICS.assignments());
        TestInputTopic<String, MentorDetailCommand> detailCommands = input(fixture, TOPICS.mentorDetailCommands());
        profiles.pipeInput(mentor, new MentorProfile(mentor, oslo, "Kari Nordmann", "kari.nordmann@frivillig.no",
                "active", false), t0);
        certifications.pipeInput(mentor, new Certification(mentor, Instant.parse("2028-01-20T00:00:00Z")), t0);
        assignments.pipeInput("assign_001aa", new Assignment("assign_001aa", mentor, "Per Olsen", "open"), t0);
        assignments.pipeInput("assign_002bb", new Assignment("assign_002bb", mentor, "Liv Svendsen", "open"), t0);
        assignments.pipeInput("assign_003cc", new Assignment("assign_003cc", mentor, "Nils Berg", "closed"), t0);

        fixture.send(new ActivityEvent(EventOp.UPSERT, "act-1", mentor, oslo, ActivityType.SESSION, "mentee-7",
                Instant.parse("2026-03-25T10:00:00Z"), 45), t0);
        fixture.send(new ActivityEvent(EventOp.UPSERT, "act-2", mentor, oslo, ActivityType.GROUP, null,
                Instant.parse("2026-03-24T10:00:00Z"), 90), t0.plusSeconds(1));
        // The organisation's totals go out while the activities count (the deletes below net them to nothing).
        fixture.driver.advanceWallClockTime(Duration.ofSeconds(1));
        // The streak of 24 and 25 March is at risk on the 26th and lapses at the start of the 27th (Oslo).
        ZoneId zone = OrganisationZones.DEFAULT_ZONE;
        fixture.tick(ClockTick.reminder(zone, LocalDate.of(2026, 3, 26)), Instant.parse("2026-03-26T17:00:00Z"));
        fixture.midnight(zone, LocalDate.of(2026, 3, 27));
        fixture.send(new TrainingCompletionEvent(mentor, oslo, "mod-first-aid", Instant.parse("2026-03-20T12:00:00Z"),
                EventOp.UPSERT), t0.plusSeconds(2));
        detailCommands.pipeInput(mentor, new MentorDetailCommand("cmd-load", MentorDetailEvent.LOAD, mentor,
                t0.plusSeconds(3)), t0.plusSeconds(3));
        detailCommands.pipeInput(mentor, new MentorDetailCommand("cmd-refresh", MentorDetailEvent.REFRESH, mentor,
                t0.plusSeconds(4)), t0.plusSeconds(4));

        fixture.command(mentor, BadgeCommand.award("cmd-award", "bdg-def-003", "admin-per-001",
                "For the February retreat", t0.plusSeconds(5)), t0.plusSeconds(5));
        fixture.command(mentor, BadgeCommand.revoke("cmd-revoke",
                EarnedBadgeIds.earnedBadgeId(mentor, "bdg-def-003", 1), null, t0.plusSeconds(6)), t0.plusSeconds(6));
        fixture.send(new ActivityEvent(EventOp.DELETE, "act-1", mentor, null, null, null, null, null), t0.plusSeconds(7));
        fixture.send(new ActivityEvent(EventOp.DELETE, "act-2", mentor, null, null, null, null, null), t0.plusSeconds(8));
        detailCommands.pipeInput(mentor, new MentorDetailCommand("cmd-clear", MentorDetailEvent.CLEAR, mentor,
                t0.plusSeconds(9)), t0.plusSeconds(9));

        profiles.pipeInput("pm-ola-002", new MentorProfile("pm-ola-002", oslo, "Ola Hansen", "ola@example.org",
                "inactive", true), t0.plusSeconds(10));
        profiles.pipeInput("pm-ola-002", null, t0.plusSeconds(11));
        profiles.pipeInput(mentor, null, t0.plusSeconds(10));
        certifications.pipeInput(mentor, null, t0.plusSeconds(10));
        assignments.pipeInput("assign_001aa", null, t0.plusSeconds(10));
        assignments.pipeInput("assign_002bb", null, t0.plusSeconds(10));
    }

    @Test
    void everyTopicThatCarriesJsonHasASchemaAndEveryOneIsChecked() throws IOException {
        Set<String> json = TOPICS.all().stream().filter(topic -> topic.valueSerde() instanceof JsonSerde)
                .map(TopicSchemasTest::shortName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> files;
        try (Stream<Path> listed = Files.list(SCHEMAS)) {
            files = listed.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(json, files, "one schema per JSON topic of Topics, no other");
        Set<String> checked = Stream.concat(INPUTS.stream().map(Input::topic), OUTPUTS.stream())
                .map(TopicSchemasTest::shortName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(json, checked, "every schema is checked, as an input (samples) or an output (records written)");
        assertEquals(15, json.size(), json::toString);
        assertFalse(json.contains(shortName(TOPICS.deadLetter())), "dead letters are the original bytes, not JSON");
        assertTrue(Files.isRegularFile(SCHEMAS.resolve("README.md")));
        for (String name : files) {
            JsonNode schema = read(Files.readString(SCHEMAS.resolve(name + SUFFIX)));
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText(), name);
        }
    }

    /** The not-blank pattern is the same in every input schema, and finds a match exactly where String.isBlank is false. */
    @Test
    void theNotBlankPatternIsJavasIsBlankForEveryCharacter() throws IOException {
        Set<String> patterns = new TreeSet<>();
        for (Input<?> input : INPUTS) {
            JsonNode schema = read(Files.readString(file(input.topic())));
            patterns.add(schema.at("/$defs/notBlank/pattern").asText());
        }
        assertEquals(1, patterns.size(), patterns::toString);
        Pattern notBlank = Pattern.compile(patterns.iterator().next());
        List<String> wrong = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = String.valueOf((char) c);
            if (!Character.isSurrogate((char) c) && notBlank.matcher(text).find() == text.isBlank()) {
                wrong.add(String.format("U+%04X", c));
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(notBlank.matcher("  x ").find());
        assertFalse(notBlank.matcher(" \t\u2003").find());
    }

    private static <V> TestInputTopic<String, V> input(TopologyFixture fixture, Topics.Topic<String, V> topic) {
        return fixture.driver.createInputTopic(topic.name(), Serdes.String().serializer(),
                topic.valueSerde().serializer());
    }

    private static List<JsonNode> documents(Map<String, List<String>> written, Topics.Topic<String, ?> topic) {
        return written.get(topic.name()).stream().filter(json -> json != null).map(TopicSchemasTest::read).toList();
    }

    private static Set<String> values(List<JsonNode> documents, String field) {
        return documents.stream().map(document -> document.get(field).asText()).collect(Collectors.toSet());
    }

    private static Schema schema(Topics.Topic<?, ?> topic) {
        try {
            return REGISTRY.getSchema(Files.readString(file(topic)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file(Topics.Topic<?, ?> topic) {
        return SCHEMAS.resolve(shortName(topic) + SUFFIX);
    }

    /** The topic's name without the prefix: {@code activities}. */
    private static String shortName(Topics.Topic<?, ?> topic) {
        return topic.name().substring(Topics.DEFAULT_PREFIX.length());
    }

    /** What the schema finds wrong with {@code json}; text that is not one JSON document is wrong as a whole. */
    private static List<?> schemaErrors(Schema schema, String json) {
        JsonNode document;
        try {
            document = Json.mapper().readTree(json);
        } catch (IOException e) {
            return List.of("not one JSON document: " + e.getMessage());
        }
        return schema.validate(document);
    }

    /** The first JSON document of {@code json} (a sample may hold more, to be refused). */
    private static JsonNode read(String json) {
        try {
            return Json.mapper().readerFor(JsonNode.class)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviated(String json) {
        return json.length() <= 300 ? json : json.substring(0, 300) + "… (" + json.length() + " characters)";
    }
}
