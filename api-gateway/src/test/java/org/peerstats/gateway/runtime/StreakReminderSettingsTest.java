package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code PEERSTATS_STREAK_REMINDER_HOUR}: streak reminders, off unless an hour is given. */
class StreakReminderSettingsTest {

    @Test
    void offByDefaultAndListedAtStartUp() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of());

        assertEquals(OptionalInt.empty(), config.streakReminderHour());
        assertEquals("off", config.describe().get("streak.reminder.hour"));
    }

    @Test
    void anHourTurnsThemOnAndSurvivesWithKafka() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_STREAK_REMINDER_HOUR", "7"))
                .withKafka("localhost:1", 0, Path.of("x"), "app");

        assertEquals(OptionalInt.of(7), config.streakReminderHour());
        assertEquals("07:00 local time", config.describe().get("streak.reminder.hour"));
    }

    @Test
    void anHourOutsideTheDayIsRefusedNamingTheVariable() {
        assertEquals("PEERSTATS_STREAK_REMINDER_HOUR must be at most 23, not 24", assertThrows(
                IllegalArgumentException.class,
                () -> PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_STREAK_REMINDER_HOUR", "24"))).getMessage());
        assertEquals("PEERSTATS_STREAK_REMINDER_HOUR must be at least 0, not -1", assertThrows(
                IllegalArgumentException.class,
                () -> PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_STREAK_REMINDER_HOUR", "-1"))).getMessage());
    }
}
