package org.peerstats.streams.badges;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.InvalidEventException;
import org.peerstats.streams.events.Limits;

class BadgeInputValidatorTest {

    private static final BadgeCriteria ONE_SESSION = new BadgeCriteria("session_count", BigDecimal.ONE);

    private static String reasonFor(String key, BadgeDefinition definition) {
        return assertThrows(InvalidEventException.class,
                () -> BadgeInputValidator.validateDefinition(key, definition)).getMessage();
    }

    @Test
    void aCompleteDefinitionAndAManualOnlyOneAreValid() {
        assertDoesNotThrow(() -> BadgeInputValidator.validateDefinition("d1",
                new BadgeDefinition("d1", "org-a", "First", "desc", "icon", ONE_SESSION, true)));
        assertDoesNotThrow(() -> BadgeInputValidator.validateDefinition("d2",
                new BadgeDefinition("d2", null, "Manual", null, null, null, false)));
    }

    @Test
    void definitionsWithMissingFieldsAreRejectedNamingTheField() {
        assertEquals("missing field name",
                reasonFor("d1", new BadgeDefinition("d1", null, " ", null, null, ONE_SESSION, true)));
        assertEquals("missing field revocable",
                reasonFor("d1", new BadgeDefinition("d1", null, "First", null, null, ONE_SESSION, null)));
        assertEquals("missing field id",
                reasonFor("d1", new BadgeDefinition(null, null, "First", null, null, ONE_SESSION, true)));
        assertEquals("missing field criteria.min", reasonFor("d1",
                new BadgeDefinition("d1", null, "First", null, null, new BadgeCriteria("session_count", null), true)));
        assertEquals("missing field criteria.metric", reasonFor("d1",
                new BadgeDefinition("d1", null, "First", null, null, new BadgeCriteria(null, BigDecimal.ONE), true)));
    }

    @Test
    void definitionFieldsOverTheirBoundsAreRejectedNamingTheLimit() {
        String longId = "d".repeat(Limits.MAX_ID_LENGTH + 1);
        assertEquals("id is 101 characters long; the limit is 100",
                reasonFor(longId, new BadgeDefinition(longId, null, "First", null, null, ONE_SESSION, true)));
        assertEquals("name is 201 characters long; the limit is 200", reasonFor("d1", new BadgeDefinition("d1", null,
                "n".repeat(Limits.MAX_NAME_LENGTH + 1), null, null, ONE_SESSION, true)));
        assertEquals("description is 2001 characters long; the limit is 2000", reasonFor("d1", new BadgeDefinition(
                "d1", null, "First", "x".repeat(Limits.MAX_TEXT_LENGTH + 1), null, ONE_SESSION, true)));
        assertEquals("icon_url is 2001 characters long; the limit is 2000", reasonFor("d1", new BadgeDefinition(
                "d1", null, "First", null, "x".repeat(Limits.MAX_TEXT_LENGTH + 1), ONE_SESSION, true)));
        assertEquals("organisation_id is 101 characters long; the limit is 100", reasonFor("d1", new BadgeDefinition(
                "d1", "o".repeat(Limits.MAX_ID_LENGTH + 1), "First", null, null, ONE_SESSION, true)));
        assertDoesNotThrow(() -> BadgeInputValidator.validateDefinition("d1", new BadgeDefinition("d1", null,
                "n".repeat(Limits.MAX_NAME_LENGTH), "x".repeat(Limits.MAX_TEXT_LENGTH), null, ONE_SESSION, true)));
    }

    @Test
    void definitionsWithAnUnknownMetricANegativeMinimumOrAnotherKeyAreRejected() {
        assertEquals("unknown criteria.metric 'hugs_given'; one of activity_count|session_count|unique_mentees_count|"
                + "total_hours_mentored|training_completion_count|longest_streak_days|current_streak_days",
                reasonFor("d1", new BadgeDefinition("d1", null, "Hugs", null, null,
                        new BadgeCriteria("hugs_given", BigDecimal.ONE), true)));
        assertEquals("criteria.min must be at least 0, not -1", reasonFor("d1", new BadgeDefinition("d1", null,
                "First", null, null, new BadgeCriteria("session_count", BigDecimal.valueOf(-1)), true)));
        assertEquals("record key 'd2' is not the value's id 'd1'",
                reasonFor("d2", new BadgeDefinition("d1", null, "First", null, null, ONE_SESSION, true)));
        assertEquals("organisation_id must be an organisation id or null (every organisation), not blank",
                reasonFor("d1", new BadgeDefinition("d1", "", "First", null, null, ONE_SESSION, true)));
    }

    private static BadgeDefinition withCriteria(BadgeCriteria criteria) {
        return new BadgeDefinition("d1", null, "Windowed", null, null, criteria, true);
    }

    @Test
    void windowedAndCombinedCriteriaAreValidatedPartByPartNamingThePart() {
        BadgeCriteria monthly = BadgeCriteria.windowed("activity_count", BigDecimal.TEN,
                org.peerstats.streams.stats.CalendarPeriod.MONTH);
        assertDoesNotThrow(() -> BadgeInputValidator.validateDefinition("d1", withCriteria(monthly)));
        assertDoesNotThrow(() -> BadgeInputValidator.validateDefinition("d1",
                withCriteria(BadgeCriteria.allOf(ONE_SESSION, monthly))));
        assertEquals("unknown criteria.period 'fortnight'; one of day|week|month|year, or no period for all time",
                reasonFor("d1", withCriteria(new BadgeCriteria("activity_count", BigDecimal.ONE, "fortnight", null))));
        assertEquals("criteria.metric 'longest_streak_days' cannot have a period: only "
                + "activity_count|session_count|total_hours_mentored are counted per calendar period",
                reasonFor("d1", withCriteria(new BadgeCriteria("longest_streak_days", BigDecimal.ONE, "week", null))));
        assertEquals("criteria.all_of must have 1 to 8 parts, not 0",
                reasonFor("d1", withCriteria(new BadgeCriteria(null, null, null, List.of()))));
        assertEquals("criteria.all_of must have 1 to 8 parts, not 9", reasonFor("d1", withCriteria(
                new BadgeCriteria(null, null, null, java.util.Collections.nCopies(9, ONE_SESSION)))));
        assertEquals("criteria.all_of[1].min must be at least 0, not -1", reasonFor("d1", withCriteria(
                BadgeCriteria.allOf(ONE_SESSION, new BadgeCriteria("session_count", BigDecimal.valueOf(-1))))));
        assertEquals("criteria.all_of[0] is itself all_of: parts are simple criteria ({\"metric\":…,\"min\":…}, "
                + "optionally with a period), not nested",
                reasonFor("d1", withCriteria(BadgeCriteria.allOf(BadgeCriteria.allOf(ONE_SESSION)))));
        assertEquals("criteria has all_of and metric/min/period: a combined criterion names its parts only, "
                + "{\"all_of\":[{\"metric\":…,\"min\":…}, …]}", reasonFor("d1", withCriteria(
                new BadgeCriteria("session_count", null, null, List.of(ONE_SESSION)))));
    }

    @Test
    void commandsNeedAnIdATypeAndWhatTheTypeActsOn() {
        Instant now = Instant.parse("2026-03-26T12:00:00Z");
        assertDoesNotThrow(() -> BadgeInputValidator.validateCommand("pm-1",
                BadgeCommand.award("c1", "bdg-def-003", "admin-1", null, now)));
        assertDoesNotThrow(() -> BadgeInputValidator.validateCommand("pm-1", BadgeCommand.revoke("c2", "earned-1", null, now)));
        assertEquals("missing field badge_definition_id", assertThrows(InvalidEventException.class,
                () -> BadgeInputValidator.validateCommand("pm-1", BadgeCommand.award("c1", null, "admin-1", null, now)))
                .getMessage());
        assertEquals("missing field earned_badge_id", assertThrows(InvalidEventException.class,
                () -> BadgeInputValidator.validateCommand("pm-1", BadgeCommand.revoke("c1", "", null, now))).getMessage());
        assertEquals("missing field type", assertThrows(InvalidEventException.class,
                () -> BadgeInputValidator.validateCommand("pm-1",
                        new BadgeCommand("c1", null, "bdg", null, "a", null, null, now))).getMessage());
        assertEquals("missing field record key (peer_mentor_id)", assertThrows(InvalidEventException.class,
                () -> BadgeInputValidator.validateCommand(null, BadgeCommand.revoke("c1", "e", null, now))).getMessage());
    }

    @Test
    void theDefaultDefinitionsAreValidWithDistinctIds() {
        List<BadgeDefinition> defaults = DefaultBadgeDefinitions.all();
        defaults.forEach(definition -> assertDoesNotThrow(
                () -> BadgeInputValidator.validateDefinition(definition.id(), definition), definition.id()));
        assertEquals(defaults.size(), new HashSet<>(defaults.stream().map(BadgeDefinition::id).toList()).size());
        assertEquals("First Session", defaults.get(0).name());
        assertEquals(new BadgeCriteria("longest_streak_days", BigDecimal.valueOf(30)), defaults.get(1).criteria());
        assertEquals(null, defaults.get(2).criteria(), "Community Builder is awarded by hand only");
    }
}
