package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.badges.BadgeCriteria;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.BadgeNotification;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.badges.NotificationType;
import org.peerstats.streams.clock.ClockTick;
import org.peerstats.streams.clock.StreakReminder;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.TrainingCompletionEvent;
import org.peerstats.streams.stats.CalendarPeriod;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * Badges and streaks that follow time, in the production topology: midnight ticks lapse streaks
 * (in two zones, across a daylight-saving change and a day that does not start at 00:00),
 * windowed and combined criteria with late events and deletes, and streak reminders. Time only
 * enters as ticks and record timestamps, exactly as in production.
 */
class TimeFollowingTopologyTest {

    private static final ZoneId OSLO_ZONE = ZoneId.of("Europe/Oslo");
    private static final ZoneId SANTIAGO_ZONE = ZoneId.of("America/Santiago");
    private static final String OSLO = "org-nhf-oslo";
    private static final String SANTIAGO = "org-chile";
    private static final OrganisationZones ZONES = OrganisationZones.parse(OSLO_ZONE, SANTIAGO + "=" + SANTIAGO_ZONE);
    private static final String KARI = "pm-kari-001";
    private static final String OLE = "pm-ole-002";
    private static final String INES = "pm-ines-003";
    private static final BadgeDefinition ON_A_ROLL = definition("bdg-roll", "On a Roll",
            new BadgeCriteria("current_streak_days", BigDecimal.valueOf(3)));

    @TempDir
    Path stateDir;
    private TopologyFixture fixture;
    private int ids;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(stateDir, ZONES);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static BadgeDefinition definition(String id, String name, BadgeCriteria criteria) {
        return new BadgeDefinition(id, null, name, null, null, criteria, true);
    }

    /** An activity of {@code mentor} at 10:00 local time on {@code day}, logged (record time) at {@code logged}. */
    private void log(String mentor, String organisation, LocalDate day, ActivityType type, Instant logged) {
        log(mentor, organisation, "act-" + (++ids), day, type, logged);
    }

    private void log(String mentor, String organisation, String id, LocalDate day, ActivityType type, Instant logged) {
        Instant occurred = day.atTime(LocalTime.of(10, 0)).atZone(ZONES.zoneOf(organisation)).toInstant();
        fixture.send(new ActivityEvent(EventOp.UPSERT, id, mentor, organisation, type, "mentee-" + id, occurred, 30),
                logged);
    }

    /** Logged the evening of the day it happened. */
    private void logOnTheDay(String mentor, String organisation, LocalDate day) {
        log(mentor, organisation, day, ActivityType.SESSION,
                day.atTime(LocalTime.of(20, 0)).atZone(ZONES.zoneOf(organisation)).toInstant());
    }

    private void delete(String mentor, String id, Instant logged) {
        fixture.send(new ActivityEvent(EventOp.DELETE, id, mentor, null, null, null, null, null), logged);
    }

    private List<String> transitions() {
        return fixture.badgeNotifications.readValuesToList().stream()
                .map(n -> n.type().wireName() + " " + n.badgeDefinitionId() + " " + n.peerMentorId())
                .toList();
    }

    private List<KeyValue<String, MentorStats>> published() {
        return fixture.published();
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void aStreakLapsesAtTheMidnightTwoDaysAfterItsLastDayAndItsRevocableBadgeIsRevokedOnce() {
        fixture.define(ON_A_ROLL, Instant.parse("2026-03-01T00:00:00Z"));
        for (String d : List.of("2026-03-10", "2026-03-11", "2026-03-12")) {
            logOnTheDay(KARI, OSLO, day(d));
        }
        assertEquals(List.of("badge_awarded bdg-roll " + KARI), transitions());
        published();

        fixture.midnight(OSLO_ZONE, day("2026-03-13"));
        assertEquals(List.of(), published(), "on the 13th the streak still counts (yesterday was active)");
        assertEquals(List.of(), transitions());

        fixture.midnight(OSLO_ZONE, day("2026-03-14"));
        List<KeyValue<String, MentorStats>> lapsed = published();
        assertEquals(1, lapsed.size(), lapsed::toString);
        MentorStats stats = lapsed.get(0).value;
        assertEquals(KARI, lapsed.get(0).key);
        assertEquals(0, stats.currentStreakDays());
        assertNull(stats.streakStartedAt());
        assertEquals(3, stats.longestStreakDays());
        assertEquals(3, stats.activityCount());
        assertEquals(Instant.parse("2026-03-13T23:00:00Z"), stats.computedAt(), "the start of the 14th in Oslo");
        List<BadgeNotification> revoked = fixture.badgeNotifications.readValuesToList();
        assertEquals(1, revoked.size(), revoked::toString);
        assertEquals(NotificationType.BADGE_REVOKED, revoked.get(0).type());
        assertEquals("Criteria no longer met — current_streak_days is 0, below 3", revoked.get(0).revokeReason());
        assertEquals(0, fixture.state(KARI).orElseThrow().toStats(KARI, Instant.parse("2026-03-14T12:00:00Z"),
                OSLO_ZONE).currentStreakDays());

        fixture.midnight(OSLO_ZONE, day("2026-03-14"));
        fixture.midnight(OSLO_ZONE, day("2026-03-15"));
        fixture.midnight(OSLO_ZONE, day("2026-03-20"));
        assertEquals(List.of(), published(), "a lapsed streak lapses once: repeated and later ticks change nothing");
        assertEquals(List.of(), transitions());

        logOnTheDay(KARI, OSLO, day("2026-03-20"));
        assertEquals(1, published().get(0).value.currentStreakDays(), "a new streak");
        fixture.midnight(OSLO_ZONE, day("2026-03-22"));
        assertEquals(0, published().get(0).value.currentStreakDays(), "and it lapses in turn");
    }

    @Test
    void eachZoneLapsesAtItsOwnStartOfDayAcrossDaylightSavingAndADayThatDoesNotStartAtMidnight() {
        // Oslo goes to summer time on 29 March 2026 (a day of 23 hours); find the Santiago day whose
        // local midnight does not exist (Chile's clocks jump from 24:00 to 01:00).
        LocalDate skipped = day("2026-01-01");
        while (skipped.atStartOfDay(SANTIAGO_ZONE).toLocalTime().equals(LocalTime.MIDNIGHT)) {
            skipped = skipped.plusDays(1);
            assertTrue(skipped.getYear() == 2026, "the time-zone database has a day without 00:00 in Santiago in 2026");
        }
        assertEquals(LocalTime.of(1, 0), skipped.atStartOfDay(SANTIAGO_ZONE).toLocalTime());
        assertEquals(23, java.time.Duration.between(day("2026-03-29").atStartOfDay(OSLO_ZONE),
                day("2026-03-30").atStartOfDay(OSLO_ZONE)).toHours());

        logOnTheDay(KARI, OSLO, day("2026-03-26"));
        logOnTheDay(KARI, OSLO, day("2026-03-27"));
        logOnTheDay(INES, SANTIAGO, skipped.minusDays(3));
        logOnTheDay(INES, SANTIAGO, skipped.minusDays(2));
        published();

        fixture.midnight(SANTIAGO_ZONE, skipped.minusDays(1));
        fixture.midnight(OSLO_ZONE, day("2026-03-28"));
        assertEquals(List.of(), published());

        fixture.midnight(OSLO_ZONE, day("2026-03-29"));
        List<KeyValue<String, MentorStats>> oslo = published();
        assertEquals(List.of(KARI), oslo.stream().map(kv -> kv.key).toList(), "an Oslo tick lapses only Oslo mentors");
        assertEquals(Instant.parse("2026-03-28T23:00:00Z"), oslo.get(0).value.computedAt(),
                "00:00 on the 29th, still winter time (+01:00)");
        assertEquals(0, oslo.get(0).value.currentStreakDays());

        fixture.midnight(OSLO_ZONE, day("2026-03-30"));
        assertEquals(List.of(), published());

        fixture.midnight(SANTIAGO_ZONE, skipped);
        List<KeyValue<String, MentorStats>> santiago = published();
        assertEquals(List.of(INES), santiago.stream().map(kv -> kv.key).toList());
        assertEquals(skipped.atTime(1, 0).atZone(SANTIAGO_ZONE).toInstant(), santiago.get(0).value.computedAt(),
                "the day starts at 01:00");
        assertEquals(0, santiago.get(0).value.currentStreakDays());
        assertEquals(2, santiago.get(0).value.longestStreakDays());

        // Summer time in Oslo: a streak across the short day lapses at the summer-time midnight.
        logOnTheDay(OLE, OSLO, day("2026-03-29"));
        logOnTheDay(OLE, OSLO, day("2026-03-30"));
        logOnTheDay(OLE, OSLO, day("2026-03-31"));
        List<KeyValue<String, MentorStats>> ole = published();
        assertEquals(3, ole.size(), ole::toString);
        assertEquals(3, ole.get(2).value.currentStreakDays(), "the 23-hour day counts as a day");
        fixture.midnight(OSLO_ZONE, day("2026-04-01"));
        assertEquals(List.of(), published());
        fixture.midnight(OSLO_ZONE, day("2026-04-02"));
        List<KeyValue<String, MentorStats>> summer = published();
        assertEquals(1, summer.size(), summer::toString);
        assertEquals(Instant.parse("2026-04-01T22:00:00Z"), summer.get(0).value.computedAt(), "+02:00 now");
        assertEquals(0, summer.get(0).value.currentStreakDays());
    }

    @Test
    void theFirstTickATaskSeesLapsesEveryStreakThatEndedByItsDay() {
        logOnTheDay(KARI, OSLO, day("2026-02-01"));
        logOnTheDay(OLE, OSLO, day("2026-03-01"));
        logOnTheDay(INES, OSLO, day("2026-03-09"));
        published();

        fixture.midnight(OSLO_ZONE, day("2026-03-10"));

        Map<String, MentorStats> lapsed = published().stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
        assertEquals(Map.of(KARI, 0, OLE, 0), lapsed.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().currentStreakDays())),
                "Ines' streak still counts on the 10th");
        assertEquals(Instant.parse("2026-02-02T23:00:00Z"), lapsed.get(KARI).computedAt(),
                "each as of its own lapse day");
    }

    @Test
    void anEventStampedBeforeAMidnightAlreadyAppliedLapsesItsStreakAtOnce() {
        logOnTheDay(KARI, OSLO, day("2026-03-10"));
        fixture.midnight(OSLO_ZONE, day("2026-03-12"));
        assertEquals(0, published().get(1).value.currentStreakDays());
        // Ole's first record is stamped on the 10th but read after the tick of the 12th: its stats
        // document shows the streak as of its own timestamp, and the lapse follows at once.
        log(OLE, OSLO, day("2026-03-10"), ActivityType.SESSION, Instant.parse("2026-03-10T21:00:00Z"));
        List<KeyValue<String, MentorStats>> docs = published();
        assertEquals(2, docs.size(), docs::toString);
        assertEquals(List.of(1, 0), docs.stream().map(kv -> kv.value.currentStreakDays()).toList());
        assertEquals(Instant.parse("2026-03-10T21:00:00Z"), docs.get(0).value.computedAt());
        assertEquals(Instant.parse("2026-03-11T23:00:00Z"), docs.get(1).value.computedAt());
        assertTrue(fixture.state(OLE).orElseThrow().lapseDay(OSLO_ZONE).isEmpty(), "nothing left to lapse");
        // A late record of a mentor whose streak lapsed already: the state never goes back in time.
        log(KARI, OSLO, day("2026-03-10"), ActivityType.GROUP, Instant.parse("2026-03-10T21:00:00Z"));
        List<KeyValue<String, MentorStats>> kari = published();
        assertEquals(1, kari.size(), kari::toString);
        assertEquals(2, kari.get(0).value.activityCount());
        assertEquals(0, kari.get(0).value.currentStreakDays());
        assertEquals(Instant.parse("2026-03-11T23:00:00Z"), kari.get(0).value.computedAt());
    }

    @Test
    void aWeeklyCriterionHoldsForThreeActivitiesInOneWeekNotForThreeInThreeWeeksAndADeleteRevokesIt() {
        fixture.define(definition("bdg-week", "Busy Week",
                BadgeCriteria.windowed("activity_count", BigDecimal.valueOf(3), CalendarPeriod.WEEK)),
                Instant.parse("2026-03-01T00:00:00Z"));
        Instant logged = Instant.parse("2026-03-30T12:00:00Z");
        // Kari: Monday, Wednesday and Sunday of the week of 9 March.
        log(KARI, OSLO, "k1", day("2026-03-09"), ActivityType.SESSION, logged);
        log(KARI, OSLO, "k2", day("2026-03-11"), ActivityType.GROUP, logged.plusSeconds(1));
        assertEquals(List.of(), transitions());
        log(KARI, OSLO, "k3", day("2026-03-15"), ActivityType.SESSION, logged.plusSeconds(2));
        assertEquals(List.of("badge_awarded bdg-week " + KARI), transitions());
        // Ole: Sunday 8, Monday 9 and Monday 16 March: three weeks, and two within seven days.
        log(OLE, OSLO, "o1", day("2026-03-08"), ActivityType.SESSION, logged);
        log(OLE, OSLO, "o2", day("2026-03-09"), ActivityType.SESSION, logged.plusSeconds(1));
        log(OLE, OSLO, "o3", day("2026-03-16"), ActivityType.SESSION, logged.plusSeconds(2));
        assertEquals(List.of(), transitions());

        delete(KARI, "k2", logged.plusSeconds(3));
        List<BadgeNotification> revoked = fixture.badgeNotifications.readValuesToList();
        assertEquals(1, revoked.size(), revoked::toString);
        assertEquals(NotificationType.BADGE_REVOKED, revoked.get(0).type());
        assertEquals("Criteria no longer met — activity_count in one week is at most 2, below 3",
                revoked.get(0).revokeReason());
        // Another week filling up earns it again (a second earned badge).
        log(KARI, OSLO, "k4", day("2026-03-23"), ActivityType.SESSION, logged.plusSeconds(4));
        log(KARI, OSLO, "k5", day("2026-03-24"), ActivityType.SESSION, logged.plusSeconds(5));
        assertEquals(List.of(), transitions());
        log(KARI, OSLO, "k6", day("2026-03-29"), ActivityType.SESSION, logged.plusSeconds(6));
        assertEquals(List.of("badge_awarded bdg-week " + KARI), transitions());
        // A delete in a week that does not decide it revokes nothing.
        delete(KARI, "k1", logged.plusSeconds(7));
        assertEquals(List.of(), transitions());
    }

    @Test
    void aLateEventCompletesAMonthAndADeleteUncompletesIt() {
        fixture.define(definition("bdg-month", "Ten in a Month",
                BadgeCriteria.windowed("activity_count", BigDecimal.TEN, CalendarPeriod.MONTH)),
                Instant.parse("2026-03-01T00:00:00Z"));
        for (int d = 1; d <= 9; d++) {
            logOnTheDay(KARI, OSLO, LocalDate.of(2026, 3, d * 3));
        }
        logOnTheDay(KARI, OSLO, day("2026-04-01"));
        assertEquals(List.of(), transitions(), "nine in March and one in April are not ten in one month");
        assertEquals(10, fixture.state(KARI).orElseThrow().activityCount);

        // Logged in April; happened at 23:30 on 31 March in Oslo (summer time: 21:30 UTC).
        fixture.send(new ActivityEvent(EventOp.UPSERT, "late", KARI, OSLO, ActivityType.SESSION, "mentee-late",
                Instant.parse("2026-03-31T21:30:00Z"), 30), Instant.parse("2026-04-02T08:00:00Z"));
        List<EarnedBadge> awarded = fixture.earnedBadges.readValuesToList();
        assertEquals(1, awarded.size(), awarded::toString);
        assertEquals(Instant.parse("2026-04-02T08:00:00Z"), awarded.get(0).awardedAt(), "awarded when it arrived");
        assertEquals(List.of("badge_awarded bdg-month " + KARI), transitions());

        // The delete un-completes March; an event at 00:30 on 1 April in Oslo (still 31 March in UTC)
        // counts for April in the organisation's zone, so it does not complete March again.
        delete(KARI, "late", Instant.parse("2026-04-02T09:00:00Z"));
        assertEquals(List.of("badge_revoked bdg-month " + KARI), transitions());
        fixture.send(new ActivityEvent(EventOp.UPSERT, "early-april", KARI, OSLO, ActivityType.SESSION, "mentee-x",
                Instant.parse("2026-03-31T22:30:00Z"), 30), Instant.parse("2026-04-02T10:00:00Z"));
        assertEquals(List.of(), transitions(), "00:30 on 1 April in Oslo is April");
    }

    @Test
    void aDefinitionAddedLaterLooksAtEveryPeriodOfTheMentorsHistory() {
        Instant logged = Instant.parse("2026-03-30T12:00:00Z");
        log(KARI, OSLO, day("2026-01-05"), ActivityType.SESSION, logged);
        log(KARI, OSLO, day("2026-01-05"), ActivityType.GROUP, logged);
        log(OLE, OSLO, day("2026-01-05"), ActivityType.SESSION, logged);
        log(OLE, OSLO, day("2026-01-06"), ActivityType.SESSION, logged);
        fixture.define(definition("bdg-day", "Double Day",
                BadgeCriteria.windowed("activity_count", BigDecimal.valueOf(2), CalendarPeriod.DAY)),
                logged.plusSeconds(60));
        assertEquals(List.of("badge_awarded bdg-day " + KARI), transitions(), "two on one day, not on two days");
    }

    @Test
    void anAllOfCriterionIsAwardedOnlyWhenEveryPartHoldsEachWindowedPartInItsOwnPeriod() {
        fixture.define(definition("bdg-both", "First Session and Well Trained", BadgeCriteria.allOf(
                new BadgeCriteria("session_count", BigDecimal.ONE),
                new BadgeCriteria("training_completion_count", BigDecimal.valueOf(2)))),
                Instant.parse("2026-03-01T00:00:00Z"));
        fixture.define(definition("bdg-steady", "Steady", BadgeCriteria.allOf(
                BadgeCriteria.windowed("activity_count", BigDecimal.valueOf(2), CalendarPeriod.WEEK),
                BadgeCriteria.windowed("activity_count", BigDecimal.valueOf(4), CalendarPeriod.MONTH))),
                Instant.parse("2026-03-01T00:00:00Z"));
        Instant logged = Instant.parse("2026-03-30T12:00:00Z");

        log(KARI, OSLO, "s1", day("2026-03-02"), ActivityType.SESSION, logged);
        training(KARI, "mod-1", logged.plusSeconds(1));
        assertEquals(List.of(), transitions(), "a session and one module: one part of two");
        training(KARI, "mod-2", logged.plusSeconds(2));
        assertEquals(List.of("badge_awarded bdg-both " + KARI), transitions());

        // Two in the week of 2 March (a session and a group), then one each in two other March weeks.
        log(KARI, OSLO, "g1", day("2026-03-03"), ActivityType.GROUP, logged.plusSeconds(3));
        assertEquals(List.of(), transitions(), "a week of two, a March of two");
        log(KARI, OSLO, "g2", day("2026-03-12"), ActivityType.GROUP, logged.plusSeconds(4));
        assertEquals(List.of(), transitions(), "a March of three");
        log(KARI, OSLO, "g3", day("2026-04-20"), ActivityType.GROUP, logged.plusSeconds(5));
        assertEquals(List.of(), transitions(), "April is another month");
        log(KARI, OSLO, "g4", day("2026-03-25"), ActivityType.GROUP, logged.plusSeconds(6));
        assertEquals(List.of("badge_awarded bdg-steady " + KARI), transitions(),
                "the week of 2 March has two and March has four, in periods of their own");

        delete(KARI, "s1", logged.plusSeconds(7));
        assertEquals(List.of("badge_revoked bdg-both " + KARI, "badge_revoked bdg-steady " + KARI), transitions(),
                "without the session: no session, no week of two");
    }

    @Test
    void aReminderGoesOnceToEachMentorWhoseStreakOfTwoDaysOrMoreBreaksTonight() {
        LocalDate today = day("2026-03-20");
        logOnTheDay(KARI, OSLO, today.minusDays(3));
        logOnTheDay(KARI, OSLO, today.minusDays(2));
        logOnTheDay(KARI, OSLO, today.minusDays(1));
        logOnTheDay(OLE, OSLO, today.minusDays(1));
        logOnTheDay(INES, OSLO, today.minusDays(2));
        logOnTheDay(INES, OSLO, today.minusDays(1));
        logOnTheDay(INES, OSLO, today);
        String other = "pm-santiago-004";
        logOnTheDay(other, SANTIAGO, today.minusDays(2));
        logOnTheDay(other, SANTIAGO, today.minusDays(1));
        fixture.midnight(OSLO_ZONE, today);

        Instant sixPm = today.atTime(18, 0).atZone(OSLO_ZONE).toInstant();
        fixture.tick(ClockTick.reminder(OSLO_ZONE, today), sixPm);
        List<KeyValue<String, StreakReminder>> reminders = fixture.streakReminders.readKeyValuesToList();
        assertEquals(1, reminders.size(), "Kari only: Ole's streak is one day, Ines logged today, the other is in "
                + "another zone: " + reminders);
        StreakReminder reminder = reminders.get(0).value;
        assertEquals(KARI, reminders.get(0).key);
        assertEquals(new StreakReminder(StreakReminder.eventIdOf(KARI, today), StreakReminder.Type.STREAK_AT_RISK, KARI,
                OSLO, 3, today.minusDays(3).atStartOfDay(OSLO_ZONE).toInstant(), today,
                today.plusDays(1).atStartOfDay(OSLO_ZONE).toInstant(), sixPm), reminder);
        assertNotEquals(StreakReminder.eventIdOf(KARI, today), StreakReminder.eventIdOf(KARI, today.plusDays(1)));

        fixture.tick(ClockTick.reminder(OSLO_ZONE, today), sixPm.plusSeconds(1));
        fixture.tick(ClockTick.reminder(OSLO_ZONE, today.minusDays(1)), sixPm.plusSeconds(2));
        assertEquals(List.of(), fixture.streakReminders.readValuesToList(), "one per mentor and day: a repeated "
                + "tick (every instance writes them) or an older one sends nothing");

        fixture.tick(ClockTick.reminder(SANTIAGO_ZONE, today), today.atTime(18, 0).atZone(SANTIAGO_ZONE).toInstant());
        assertEquals(List.of(other), fixture.streakReminders.readKeyValuesToList().stream().map(kv -> kv.key).toList());

        // Kari does not log; the streak lapses at midnight, and the next day's reminder names nobody.
        published();
        fixture.midnight(OSLO_ZONE, today.plusDays(1));
        assertEquals(List.of(KARI, OLE), published().stream().map(kv -> kv.key).sorted().toList());
        fixture.tick(ClockTick.reminder(OSLO_ZONE, today.plusDays(1)), sixPm.plusSeconds(86_400));
        List<String> tomorrow = fixture.streakReminders.readKeyValuesToList().stream().map(kv -> kv.key).toList();
        assertEquals(List.of(INES), tomorrow, "Ines' streak of three (18-20 March) now breaks tonight");
    }

    @Test
    void aTickThatBreaksARuleIsDeadLetteredAndChangesNothing() {
        logOnTheDay(KARI, OSLO, day("2026-03-10"));
        published();
        Instant now = Instant.parse("2026-03-20T12:00:00Z");
        fixture.rawClockTicks.pipeInput("midnight:Europe/Oslo",
                "{\"kind\":\"midnight\",\"zone\":\"Europe/Oslo\",\"date\":\"2026-03-22\"}", now);
        fixture.rawClockTicks.pipeInput("midnight:UTC",
                "{\"kind\":\"midnight\",\"zone\":\"Europe/Oslo\",\"date\":\"2026-03-20\"}", now);
        fixture.rawClockTicks.pipeInput("midnight:Europe/Atlantis",
                "{\"kind\":\"midnight\",\"zone\":\"Europe/Atlantis\",\"date\":\"2026-03-20\"}", now);
        fixture.rawClockTicks.pipeInput("midnight:Europe/Oslo",
                "{\"kind\":\"midnight\",\"zone\":\"Europe/Oslo\",\"date\":\"2026-03-20\",\"hour\":0}", now);

        assertEquals(4, fixture.deadLetterReasons.size(), fixture.deadLetterReasons::toString);
        assertTrue(fixture.deadLetterReasons.get(0).contains("a tick cannot come before its day"),
                fixture.deadLetterReasons::toString);
        assertTrue(fixture.deadLetterReasons.get(1).contains("record key 'midnight:UTC' is not the tick's"),
                fixture.deadLetterReasons::toString);
        assertTrue(fixture.deadLetterReasons.get(2).contains("zone 'Europe/Atlantis' is not a time-zone id"),
                fixture.deadLetterReasons::toString);
        assertTrue(fixture.deadLetterReasons.get(3).contains("\"hour\""), fixture.deadLetterReasons::toString);
        assertEquals("{\"kind\":\"midnight\",\"zone\":\"Europe/Oslo\",\"date\":\"2026-03-22\"}",
                new String(fixture.deadLetter().value(), StandardCharsets.UTF_8));
        assertEquals(List.of(), published(), "no tick was applied");

        fixture.midnight(OSLO_ZONE, day("2026-03-12"));
        assertEquals(1, published().size(), "the valid tick after them is");
    }

    /**
     * Random histories with a midnight tick at every local day: after each tick, the latest
     * document on {@code mentor-stats} of every mentor shows the current streak a reference
     * computes from the active days logged so far: the topic never announces a streak that the
     * date has ended. Activities are logged up to three days late.
     */
    @Test
    void afterEveryMidnightTheLatestDocumentOfEveryMentorShowsTheStreakAsOfThatDay() {
        java.util.Random random = new java.util.Random(16);
        LocalDate first = day("2026-02-20");
        int days = 45;
        List<String> mentors = java.util.stream.IntStream.range(0, 12).mapToObj(m -> "pm-random-" + m).toList();
        // every activity, ordered by when it is logged
        java.util.TreeMap<Instant, String[]> logged = new java.util.TreeMap<>();
        for (String mentor : mentors) {
            double activeShare = 0.3 + 0.6 * random.nextDouble();
            for (int d = 0; d < days; d++) {
                if (random.nextDouble() < activeShare) {
                    LocalDate when = first.plusDays(d);
                    Instant at = when.atTime(10, 0).atZone(OSLO_ZONE).toInstant()
                            .plusSeconds(random.nextInt(3 * 86_400) + random.nextInt(1000));
                    logged.put(at, new String[] {mentor, when.toString()});
                }
            }
        }
        java.util.Map<String, java.util.TreeSet<LocalDate>> active = new java.util.HashMap<>();
        java.util.Map<String, MentorStats> latest = new java.util.HashMap<>();
        java.util.Iterator<java.util.Map.Entry<Instant, String[]>> next = logged.entrySet().iterator();
        java.util.Map.Entry<Instant, String[]> pending = next.hasNext() ? next.next() : null;
        int lapses = 0;
        for (int d = 1; d <= days + 5; d++) {
            LocalDate midnight = first.plusDays(d);
            Instant tickAt = midnight.atStartOfDay(OSLO_ZONE).toInstant();
            while (pending != null && pending.getKey().isBefore(tickAt)) {
                String mentor = pending.getValue()[0];
                LocalDate when = LocalDate.parse(pending.getValue()[1]);
                log(mentor, OSLO, when, ActivityType.SESSION, pending.getKey());
                active.computeIfAbsent(mentor, m -> new java.util.TreeSet<>()).add(when);
                pending = next.hasNext() ? next.next() : null;
            }
            published().forEach(kv -> latest.put(kv.key, kv.value));
            fixture.midnight(OSLO_ZONE, midnight);
            List<KeyValue<String, MentorStats>> lapsed = published();
            lapses += lapsed.size();
            lapsed.forEach(kv -> latest.put(kv.key, kv.value));
            for (String mentor : active.keySet()) {
                assertEquals(currentStreak(active.get(mentor), midnight), latest.get(mentor).currentStreakDays(),
                        mentor + " after the midnight of " + midnight + ", active " + active.get(mentor));
            }
        }
        assertTrue(lapses > 20, "the histories lapse streaks: " + lapses);
    }

    /** The run of active days that ends yesterday or today, as of the start of {@code today}. */
    private static int currentStreak(java.util.NavigableSet<LocalDate> active, LocalDate today) {
        LocalDate end = active.contains(today) ? today : today.minusDays(1);
        int length = 0;
        while (active.contains(end.minusDays(length))) {
            length++;
        }
        return length;
    }

    private void training(String mentor, String module, Instant logged) {
        fixture.send(new TrainingCompletionEvent(mentor, OSLO, module, logged.minusSeconds(3600), EventOp.UPSERT),
                logged);
    }
}
