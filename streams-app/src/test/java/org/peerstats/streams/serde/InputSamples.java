package org.peerstats.streams.serde;

import static org.peerstats.streams.serde.Sample.ABSENT;
import static org.peerstats.streams.serde.Sample.accepted;
import static org.peerstats.streams.serde.Sample.acceptedJson;
import static org.peerstats.streams.serde.Sample.array;
import static org.peerstats.streams.serde.Sample.atAndOverEachBound;
import static org.peerstats.streams.serde.Sample.chars;
import static org.peerstats.streams.serde.Sample.object;
import static org.peerstats.streams.serde.Sample.onlySchemaAccepts;
import static org.peerstats.streams.serde.Sample.refusedJson;
import static org.peerstats.streams.serde.Sample.refused;
import static org.peerstats.streams.serde.Sample.with;
import static org.peerstats.streams.serde.Sample.withoutEach;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.badges.BadgeMetric;
import org.peerstats.streams.badges.DefaultBadgeDefinitions;
import org.peerstats.streams.clock.ClockTick;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.EventValidator;
import org.peerstats.streams.events.Limits;
import org.peerstats.streams.events.MentorDetailCommand;
import org.peerstats.streams.events.MentorDetailEvent;
import org.peerstats.streams.events.TrainingCompletionEvent;

/**
 * The sample values of each input topic for {@link TopicSchemasTest}: valid ones (at every length
 * bound, each enum value, the shapes the Java serdes write) and invalid ones (one character over a
 * bound, a required field missing, an unknown enum value, a time before 2000, an unknown field on
 * a strict topic), then the documented divergences between the schema and the service.
 */
final class InputSamples {

    private static final int ID = Limits.MAX_ID_LENGTH;
    private static final int NAME = Limits.MAX_NAME_LENGTH;
    private static final int TEXT = Limits.MAX_TEXT_LENGTH;
    /** 100 characters outside the Basic Multilingual Plane: 100 code points, 200 UTF-16 code units. */
    private static final String HUNDRED_EMOJI = "\uD83D\uDE00".repeat(ID);
    private static final String UTF16 = "peerstats counts UTF-16 code units (String.length), JSON Schema counts "
            + "characters (code points): a character outside the BMP counts twice there";
    private static final String OFFSET_2000 = "2000-01-01T00:30:00+01:00 is 1999-12-31T23:30:00Z; the schema's "
            + "pattern reads the year as written";

    private InputSamples() {
    }

    static List<Sample> activities(Topics topics) {
        ObjectNode upsert = object("op", "upsert", "activity_id", "act-42", "peer_mentor_id", "pm-kari-001",
                "organisation_id", "org-nhf-oslo", "type", "session", "mentee_id", "mentee-7",
                "occurred_at", "2026-03-25T17:20:00Z", "duration_minutes", 45);
        ObjectNode delete = object("op", "delete", "activity_id", "act-42", "peer_mentor_id", "pm-kari-001");
        List<Sample> samples = new ArrayList<>(List.of(
                accepted("an upsert", upsert),
                refused("an activity_id with a line break", with(upsert, "activity_id", "act\n42")),
                refused("a mentee_id with a NUL", with(upsert, "mentee_id", "mentee\u00007")),
                refusedJson("an upsert followed by more text", "{\"op\":\"delete\",\"activity_id\":\"a\","
                        + "\"peer_mentor_id\":\"pm-kari-001\"} {}"),
                acceptedJson("an upsert as the Java serde writes it", written(topics.activities(),
                        new ActivityEvent(EventOp.UPSERT, "act-42", "pm-kari-001", "org-nhf-oslo",
                                ActivityType.GROUP, null,
                                Instant.parse("2026-03-25T17:20:00Z"), 90))),
                accepted("an upsert without mentee_id", with(upsert, "mentee_id", ABSENT)),
                accepted("an upsert with a null mentee_id", with(upsert, "mentee_id", null)),
                accepted("type phone_call", with(upsert, "type", "phone_call")),
                accepted("type group", with(upsert, "type", "group")),
                accepted("type other", with(upsert, "type", "other")),
                accepted("duration_minutes 0", with(upsert, "duration_minutes", 0)),
                accepted("duration_minutes 1440", with(upsert, "duration_minutes", EventValidator.DEFAULT_MAX_DURATION_MINUTES)),
                accepted("occurred_at exactly 2000-01-01T00:00:00Z", with(upsert, "occurred_at", "2000-01-01T00:00:00Z")),
                accepted("occurred_at with an offset and nanoseconds",
                        with(upsert, "occurred_at", "2026-03-25T18:20:00.123456789+01:00")),
                accepted("occurred_at in lower case", with(upsert, "occurred_at", "2026-03-25t17:20:00z")),
                accepted("fields peerstats does not know", with(upsert, "channel", "app",
                        "location", object("city", "Oslo"))),
                accepted("an id that is one no-break space (not whitespace to Java)", with(upsert, "mentee_id", "\u00A0")),
                accepted("a delete with op, activity_id and peer_mentor_id only", delete),
                acceptedJson("a delete as the Java serde writes it (the other fields null)", written(
                        topics.activities(), new ActivityEvent(EventOp.DELETE, "act-42", "pm-kari-001", null, null,
                                null, null, null))),
                accepted("a delete with fields peerstats does not know", with(delete, "reason", "logged twice")),
                refused("op UPSERT (wire names are lower case)", with(upsert, "op", "UPSERT")),
                refused("type meeting", with(upsert, "type", "meeting")),
                refused("duration_minutes -1", with(upsert, "duration_minutes", -1)),
                refused("duration_minutes 1441", with(upsert, "duration_minutes", EventValidator.DEFAULT_MAX_DURATION_MINUTES + 1)),
                refused("occurred_at 1999-12-31T23:59:59Z", with(upsert, "occurred_at", "1999-12-31T23:59:59Z")),
                refused("occurred_at 2100-01-01T00:00:00Z", with(upsert, "occurred_at", "2100-01-01T00:00:00Z")),
                refused("occurred_at without a zone", with(upsert, "occurred_at", "2026-03-25T17:20:00")),
                refused("occurred_at without seconds", with(upsert, "occurred_at", "2026-03-25T17:20Z")),
                refused("occurred_at with a space for T", with(upsert, "occurred_at", "2026-03-25 17:20:00Z")),
                refused("occurred_at on 30 February", with(upsert, "occurred_at", "2026-02-30T17:20:00Z")),
                refused("occurred_at with ten fraction digits",
                        with(upsert, "occurred_at", "2026-03-25T17:20:00.1234567890Z")),
                refused("a blank activity_id", with(upsert, "activity_id", "   ")),
                refused("an activity_id of ideographic spaces", with(upsert, "activity_id", "\u3000\u3000")),
                refused("an empty mentee_id", with(upsert, "mentee_id", "")),
                refused("a null organisation_id on an upsert", with(upsert, "organisation_id", null)),
                refused("a delete without activity_id", with(delete, "activity_id", ABSENT)),
                refused("a delete without peer_mentor_id", with(delete, "peer_mentor_id", ABSENT)),
                refused("an array, not an object", Json.mapper().createArrayNode().add(upsert)),
                refused("the JSON text null", Json.mapper().nullNode())));
        samples.addAll(withoutEach(upsert, "op", "activity_id", "peer_mentor_id", "organisation_id", "type",
                "occurred_at", "duration_minutes"));
        samples.addAll(atAndOverEachBound(upsert, bounds("activity_id", ID, "peer_mentor_id", ID,
                "organisation_id", ID, "mentee_id", ID)));
        samples.addAll(List.of(
                refused("activity_id as a number", with(upsert, "activity_id", 42)),
                refused("duration_minutes as a string", with(upsert, "duration_minutes", "45")),
                refused("duration_minutes with a fraction", with(upsert, "duration_minutes", 45.5)),
                refused("occurred_at as epoch seconds", with(upsert, "occurred_at", 1_774_459_200L)),
                refused("a delete whose unused fields break their bounds", with(delete,
                        "organisation_id", chars(ID + 1), "occurred_at", "1999-12-31T23:59:59Z",
                        "duration_minutes", 5000)),
                onlySchemaAccepts("an activity_id of 100 emoji", with(upsert, "activity_id", HUNDRED_EMOJI), UTF16),
                onlySchemaAccepts("occurred_at 2000-01-01T00:30:00+01:00",
                        with(upsert, "occurred_at", "2000-01-01T00:30:00+01:00"), OFFSET_2000)));
        return samples;
    }

    static List<Sample> trainingCompletions(Topics topics) {
        ObjectNode upsert = object("op", "upsert", "peer_mentor_id", "pm-kari-001", "organisation_id", "org-nhf-oslo",
                "module_id", "mod-first-aid", "completed_at", "2026-03-20T12:00:00Z");
        ObjectNode delete = object("op", "delete", "peer_mentor_id", "pm-kari-001", "module_id", "mod-first-aid");
        List<Sample> samples = new ArrayList<>(List.of(
                accepted("an upsert", upsert),
                acceptedJson("an upsert as the Java serde writes it", written(topics.trainingCompletions(),
                        new TrainingCompletionEvent("pm-kari-001", "org-nhf-oslo", "mod-first-aid",
                                Instant.parse("2026-03-20T12:00:00Z"), EventOp.UPSERT))),
                accepted("completed_at exactly 2000-01-01T00:00:00Z", with(upsert, "completed_at", "2000-01-01T00:00:00Z")),
                accepted("fields peerstats does not know", with(upsert, "score", 97)),
                accepted("a delete with op, peer_mentor_id and module_id only", delete),
                acceptedJson("a delete as the Java serde writes it (the other fields null)", written(
                        topics.trainingCompletions(), new TrainingCompletionEvent("pm-kari-001", null, "mod-first-aid",
                                null, EventOp.DELETE))),
                refused("op remove", with(upsert, "op", "remove")),
                refused("completed_at 1999-12-31T23:59:59Z", with(upsert, "completed_at", "1999-12-31T23:59:59Z")),
                refused("completed_at 2100-01-01T00:00:00Z", with(upsert, "completed_at", "2100-01-01T00:00:00Z")),
                refused("completed_at a date without a time", with(upsert, "completed_at", "2026-03-20")),
                refused("a blank module_id", with(upsert, "module_id", " ")),
                refused("a null completed_at on an upsert", with(upsert, "completed_at", null)),
                refused("a delete without module_id", with(delete, "module_id", ABSENT)),
                refused("a delete with a module_id one character over", with(delete, "module_id", chars(ID + 1)))));
        samples.addAll(withoutEach(upsert, "op", "peer_mentor_id", "organisation_id", "module_id", "completed_at"));
        samples.addAll(atAndOverEachBound(upsert, bounds("peer_mentor_id", ID, "organisation_id", ID, "module_id", ID)));
        samples.addAll(List.of(
                refused("module_id as a number", with(upsert, "module_id", 7)),
                refused("a delete whose unused fields break their bounds", with(delete,
                        "organisation_id", chars(ID + 1), "completed_at", "1999-12-31T23:59:59Z")),
                onlySchemaAccepts("a module_id of 100 emoji", with(upsert, "module_id", HUNDRED_EMOJI), UTF16)));
        return samples;
    }

    static List<Sample> mentorProfiles(Topics topics) {
        ObjectNode profile = object("peer_mentor_id", "pm-kari-001", "organisation_id", "org-nhf-oslo",
                "full_name", "Kari Nordmann", "email", "kari.nordmann@frivillig.no", "status", "active",
                "is_paused", false);
        List<Sample> samples = new ArrayList<>(List.of(
                accepted("a profile", profile),
                accepted("a paused mentor", with(profile, "is_paused", true)),
                accepted("an e-mail that is not shaped like an address (only its length is checked)",
                        with(profile, "email", "kari at frivillig")),
                accepted("fields peerstats does not know", with(profile, "phone", "+47 900 00 000")),
                refused("a blank full_name", with(profile, "full_name", "  ")),
                refused("a null is_paused", with(profile, "is_paused", null)),
                refused("is_paused yes", with(profile, "is_paused", "yes"))));
        samples.addAll(withoutEach(profile, "peer_mentor_id", "organisation_id", "full_name", "email", "status",
                "is_paused"));
        samples.addAll(atAndOverEachBound(profile, bounds("peer_mentor_id", ID, "organisation_id", ID,
                "full_name", NAME, "email", Limits.MAX_EMAIL_LENGTH, "status", Limits.MAX_STATUS_LENGTH)));
        samples.addAll(List.of(
                refused("is_paused as the string true", with(profile, "is_paused", "true")),
                refused("is_paused as the number 1", with(profile, "is_paused", 1)),
                refusedJson("the JSON text null", "null"),
                onlySchemaAccepts("a full_name of 101 emoji", with(profile, "full_name", "\uD83D\uDE00".repeat(101)),
                        UTF16)));
        return samples;
    }

    static List<Sample> certifications(Topics topics) {
        ObjectNode certification = object("peer_mentor_id", "pm-kari-001", "expiry_date", "2028-01-20T00:00:00Z");
        List<Sample> samples = new ArrayList<>(List.of(
                accepted("an expiry instant", certification),
                accepted("an expiry date", with(certification, "expiry_date", "2028-01-20")),
                accepted("an expiry instant with an offset",
                        with(certification, "expiry_date", "2028-01-20T00:00:00+01:00")),
                accepted("expiry 2000-01-01", with(certification, "expiry_date", "2000-01-01")),
                accepted("expiry 2000-01-01T00:00:00Z", with(certification, "expiry_date", "2000-01-01T00:00:00Z")),
                accepted("fields peerstats does not know", with(certification, "issuer", "NHF")),
                refused("expiry 1999-12-31", with(certification, "expiry_date", "1999-12-31")),
                refused("expiry 1999-12-31T23:59:59Z", with(certification, "expiry_date", "1999-12-31T23:59:59Z")),
                refused("an expiry date without leading zeros", with(certification, "expiry_date", "2028-1-20")),
                refused("an expiry date on 30 February", with(certification, "expiry_date", "2028-02-30")),
                refused("an expiry date in another order", with(certification, "expiry_date", "20.01.2028")),
                refused("expiry as epoch seconds", with(certification, "expiry_date", 1_832_457_600L)),
                refused("a null expiry_date", with(certification, "expiry_date", null))));
        samples.addAll(withoutEach(certification, "peer_mentor_id", "expiry_date"));
        samples.addAll(atAndOverEachBound(certification, bounds("peer_mentor_id", ID)));
        samples.addAll(List.of(
                refusedJson("the JSON text null", "null"),
                onlySchemaAccepts("expiry 2000-01-01T00:30:00+01:00",
                        with(certification, "expiry_date", "2000-01-01T00:30:00+01:00"), OFFSET_2000)));
        return samples;
    }

    static List<Sample> assignments(Topics topics) {
        ObjectNode assignment = object("assignment_id", "assign_001aa", "peer_mentor_id", "pm-kari-001",
                "contact_name", "Per Olsen", "status", "open");
        List<Sample> samples = new ArrayList<>(List.of(
                accepted("an open assignment", assignment),
                accepted("a closed assignment", with(assignment, "status", "closed")),
                accepted("fields peerstats does not know", with(assignment, "started_on", "2026-01-05")),
                refused("a blank contact_name", with(assignment, "contact_name", "\t")),
                refused("an empty status", with(assignment, "status", ""))));
        samples.addAll(withoutEach(assignment, "assignment_id", "peer_mentor_id", "contact_name", "status"));
        samples.addAll(atAndOverEachBound(assignment, bounds("assignment_id", ID, "peer_mentor_id", ID,
                "contact_name", NAME, "status", Limits.MAX_STATUS_LENGTH)));
        samples.addAll(List.of(
                refused("status as a boolean", with(assignment, "status", true)),
                refusedJson("the JSON text null", "null")));
        return samples;
    }

    static List<Sample> badgeDefinitions(Topics topics) {
        ObjectNode criteria = object("metric", "session_count", "min", 1);
        ObjectNode definition = object("id", "bdg-it-1", "organisation_id", null, "name", "First Session",
                "description", "Completed a first mentoring session", "icon_url", "https://example.org/first.svg",
                "criteria", criteria, "revocable", true);
        List<Sample> samples = new ArrayList<>();
        DefaultBadgeDefinitions.all().forEach(builtIn -> samples.add(acceptedJson(
                "the default definition " + builtIn.id() + " as the Java serde writes it",
                written(topics.badgeDefinitions(), builtIn))));
        for (BadgeMetric metric : BadgeMetric.values()) {
            samples.add(accepted("criteria.metric " + metric.wireName(),
                    with(definition, "criteria", with(criteria, "metric", metric.wireName()))));
        }
        samples.addAll(List.of(
                accepted("a definition", definition),
                accepted("a definition for one organisation", with(definition, "organisation_id", "org-nhf-oslo")),
                accepted("a manual badge (criteria null)", with(definition, "criteria", null)),
                accepted("a manual badge (no criteria)", with(definition, "criteria", ABSENT)),
                accepted("no organisation_id, description or icon_url",
                        with(definition, "organisation_id", ABSENT, "description", ABSENT, "icon_url", ABSENT)),
                accepted("an empty description", with(definition, "description", "")),
                accepted("criteria.min 0", with(definition, "criteria", with(criteria, "min", 0))),
                accepted("criteria.min 2.5", with(definition, "criteria", with(criteria, "min", new BigDecimal("2.5")))),
                accepted("not revocable", with(definition, "revocable", false)),
                refused("a field peerstats does not know", with(definition, "period", "week")),
                refused("a field peerstats does not know in criteria",
                        with(definition, "criteria", with(criteria, "within_days", 7))),
                accepted("criteria with a period", with(definition, "criteria", object("metric", "activity_count",
                        "min", 10, "period", "month"))),
                accepted("criteria with period null (all time)", with(definition, "criteria", with(criteria,
                        "period", null))),
                accepted("criteria.period day, week and year in all_of", with(definition, "criteria",
                        object("all_of", array(object("metric", "session_count", "min", 1, "period", "day"),
                                object("metric", "total_hours_mentored", "min", 2.5, "period", "week"),
                                object("metric", "activity_count", "min", 100, "period", "year"))))),
                accepted("all_of a windowed and an all-time part", with(definition, "criteria",
                        object("all_of", array(object("metric", "session_count", "min", 1),
                                object("metric", "training_completion_count", "min", 3))))),
                refused("criteria.period fortnight", with(definition, "criteria", with(criteria, "period", "fortnight"))),
                refused("a period on a metric the days do not hold", with(definition, "criteria",
                        object("metric", "longest_streak_days", "min", 7, "period", "month"))),
                refused("all_of empty", with(definition, "criteria", object("all_of", array()))),
                refused("all_of with nine parts", with(definition, "criteria", object("all_of", array(
                        criteria, criteria, criteria, criteria, criteria, criteria, criteria, criteria, criteria)))),
                refused("all_of nested", with(definition, "criteria", object("all_of", array(
                        object("all_of", array(criteria)))))),
                refused("all_of beside a metric", with(definition, "criteria", with(criteria, "all_of",
                        array(criteria)))),
                refused("all_of with an unknown metric", with(definition, "criteria", object("all_of", array(
                        with(criteria, "metric", "streak"))))),
                refused("a null revocable", with(definition, "revocable", null)),
                refused("a blank organisation_id (null means every organisation)",
                        with(definition, "organisation_id", " ")),
                refused("criteria.metric streak", with(definition, "criteria", with(criteria, "metric", "streak"))),
                refused("criteria.min -1", with(definition, "criteria", with(criteria, "min", -1))),
                refused("criteria.min -0.5", with(definition, "criteria", with(criteria, "min", new BigDecimal("-0.5")))),
                refused("criteria without min", with(definition, "criteria", with(criteria, "min", ABSENT))),
                refused("criteria without metric", with(definition, "criteria", with(criteria, "metric", ABSENT))),
                refused("criteria as a string", with(definition, "criteria", "none")),
                refused("the JSON text null", Json.mapper().nullNode())));
        samples.addAll(withoutEach(definition, "id", "name", "revocable"));
        samples.addAll(atAndOverEachBound(definition, bounds("id", ID, "organisation_id", ID, "name", NAME,
                "description", TEXT, "icon_url", TEXT)));
        samples.addAll(List.of(
                refused("revocable as the string true", with(definition, "revocable", "true")),
                refused("criteria.min as a string", with(definition, "criteria", with(criteria, "min", "5")))));
        return samples;
    }

    static List<Sample> clockTicks(Topics topics) {
        ObjectNode midnight = object("kind", "midnight", "zone", "Europe/Oslo", "date", "2026-03-29");
        ObjectNode reminder = object("kind", "reminder", "zone", "America/New_York", "date", "2026-03-08");
        List<Sample> samples = new ArrayList<>(List.of(
                accepted("a midnight tick", midnight),
                accepted("a reminder tick", reminder),
                accepted("a UTC tick", with(midnight, "zone", "UTC")),
                acceptedJson("a tick as the service writes it", written(topics.clockTicks(),
                        ClockTick.midnight(java.time.ZoneId.of("Asia/Kolkata"), java.time.LocalDate.of(2026, 12, 3)))),
                refused("kind noon", with(midnight, "kind", "noon")),
                refused("a date with a time", with(midnight, "date", "2026-03-29T00:00:00Z")),
                refused("a field peerstats does not know", with(midnight, "hour", 0)),
                refused("a blank zone", with(midnight, "zone", " ")),
                refused("a date before 2000", with(midnight, "date", "1999-12-31")),
                onlySchemaAccepts("a zone Java does not know", with(midnight, "zone", "Europe/Atlantis"),
                        "the schema cannot list the time-zone database"),
                onlySchemaAccepts("a zone written otherwise than Java writes it", with(midnight, "zone", "utc"),
                        "the schema cannot list the time-zone database"),
                refused("the JSON text null", Json.mapper().nullNode())));
        samples.addAll(withoutEach(midnight, "kind", "zone", "date"));
        samples.add(refused("a zone of 65 characters", with(midnight, "zone", "Europe/" + "x".repeat(58))));
        return samples;
    }

    static List<Sample> badgeCommands(Topics topics) {
        ObjectNode award = object("command_id", "cmd-1", "type", "award", "badge_definition_id", "bdg-def-003",
                "awarded_by", "admin-per-001", "note", "For the February retreat", "requested_at", "2026-03-26T12:00:00Z");
        ObjectNode revoke = object("command_id", "cmd-2", "type", "revoke", "earned_badge_id", "earned-1",
                "revoke_reason", "Awarded to the wrong mentor", "requested_at", "2026-03-26T12:00:00Z");
        Instant at = Instant.parse("2026-03-26T12:00:00Z");
        List<Sample> samples = new ArrayList<>(List.of(
                accepted("an award", award),
                accepted("a revocation", revoke),
                acceptedJson("an award as the REST layer writes it", written(topics.badgeCommands(),
                        BadgeCommand.award("cmd-1", "bdg-def-003", "admin-per-001", null, at))),
                acceptedJson("a revocation as the REST layer writes it", written(topics.badgeCommands(),
                        BadgeCommand.revoke("cmd-2", "earned-1", null, at))),
                accepted("an award without a note or requested_at", with(award, "note", ABSENT, "requested_at", ABSENT)),
                accepted("a revocation without a reason", with(revoke, "revoke_reason", ABSENT)),
                accepted("an empty note", with(award, "note", "")),
                accepted("requested_at before 2000 (not bounded: informational)", with(award, "requested_at",
                        "1999-12-31T23:59:59Z")),
                refused("a field peerstats does not know", with(award, "peer_mentor_id", "pm-kari-001")),
                refused("type grant", with(award, "type", "grant")),
                refused("an award without badge_definition_id", with(award, "badge_definition_id", ABSENT)),
                refused("an award without awarded_by", with(award, "awarded_by", ABSENT)),
                refused("an award with a blank awarded_by", with(award, "awarded_by", " ")),
                refused("a revocation without earned_badge_id", with(revoke, "earned_badge_id", ABSENT)),
                refused("a revocation with a null earned_badge_id", with(revoke, "earned_badge_id", null)),
                refused("requested_at yesterday", with(award, "requested_at", "yesterday"))));
        samples.addAll(withoutEach(award, "command_id", "type"));
        samples.addAll(atAndOverEachBound("an award: ", award, bounds("command_id", ID, "badge_definition_id", ID,
                "awarded_by", NAME, "note", TEXT)));
        samples.addAll(atAndOverEachBound("a revocation: ", revoke, bounds("command_id", ID, "earned_badge_id", ID,
                "revoke_reason", TEXT)));
        samples.addAll(List.of(
                refused("a revocation carrying a note one character over", with(revoke, "note",
                        chars(TEXT + 1))),
                refused("an award carrying an earned_badge_id one character over", with(award,
                        "earned_badge_id", chars(ID + 1)))));
        return samples;
    }

    static List<Sample> mentorDetailCommands(Topics topics) {
        ObjectNode command = object("command_id", "cmd-1", "event", "LoadMentorDetail", "mentor_id", "pm-kari-001",
                "dispatched_at", "2026-03-26T12:00:00Z");
        List<Sample> samples = new ArrayList<>(List.of(
                accepted("a load", command),
                accepted("a refresh", with(command, "event", "RefreshMentorDetail")),
                accepted("a clear", with(command, "event", "ClearMentorDetail")),
                acceptedJson("a command as the REST layer writes it", written(topics.mentorDetailCommands(),
                        new MentorDetailCommand("cmd-1", MentorDetailEvent.REFRESH, "pm-kari-001",
                                Instant.parse("2026-03-26T12:00:00.123Z")))),
                accepted("dispatched_at before 2000 (not bounded)", with(command, "dispatched_at", "1999-12-31T23:59:59Z")),
                refused("a field peerstats does not know", with(command, "requested_by", "admin")),
                refused("event load (the wire names are LoadMentorDetail, ...)", with(command, "event", "load")),
                refused("a null dispatched_at", with(command, "dispatched_at", null)),
                refused("dispatched_at now", with(command, "dispatched_at", "now"))));
        samples.addAll(withoutEach(command, "command_id", "event", "mentor_id", "dispatched_at"));
        samples.addAll(atAndOverEachBound(command, bounds("command_id", ID, "mentor_id", ID)));
        return samples;
    }

    private static <V> String written(Topics.Topic<String, V> topic, V value) {
        return new String(topic.valueSerde().serializer().serialize(topic.name(), value), StandardCharsets.UTF_8);
    }

    private static Map<String, Integer> bounds(Object... fieldsAndBounds) {
        Map<String, Integer> bounds = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndBounds.length; i += 2) {
            bounds.put((String) fieldsAndBounds[i], (Integer) fieldsAndBounds[i + 1]);
        }
        return bounds;
    }
}
