package org.peerstats.streams.organisations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.peerstats.streams.badges.ActivityDays;
import org.peerstats.streams.badges.BadgeTransition;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.DayEdit;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.OrganisationZones;
import org.peerstats.streams.stats.StatsChange;
import org.peerstats.streams.stats.StreakRuns;

/**
 * What one change of a mentor does to its organisation's totals, as exact changes
 * ({@link OrganisationDelta}s), so that an organisation's totals are always the sum of its mentors'
 * contributions without ever being summed over mentors:
 * <ul>
 *   <li>each changed day moves activities, sessions and minutes of its week, month, year and all
 *       time by what its bucket moved; a period where the mentor had no active day before and
 *       has one now (or the other way round) moves active mentors by one;</li>
 *   <li>the streak count moves by one when the mentor's stats document gains or loses a current
 *       streak (an activity, a later event, a lapse at midnight);</li>
 *   <li>a move to another organisation takes the mentor's whole contribution out of the old one
 *       and puts it into the new one, from the mentor's day buckets (the days stay where they were
 *       counted);</li>
 *   <li>an earned badge counts once, in the period of its {@code awarded_at} in its organisation's
 *       zone, while it is held: an award adds it, a revocation takes it out of the period it was
 *       awarded in, and a badge that follows its mentor to another organisation moves.</li>
 * </ul>
 */
public final class MentorContributions {

    private final OrganisationZones zones;
    private final ActivityDays days;

    public MentorContributions(OrganisationZones zones, ActivityDays days) {
        this.zones = zones;
        this.days = days;
    }

    /** The changes one stats change makes; {@code state} is the mentor's state as finally written. */
    public List<OrganisationDelta> of(String mentorId, StatsChange change, MentorState state) {
        Deltas deltas = new Deltas();
        StatsChange.StreakMark before = change.before();
        String organisation = state.organisationId;
        if (before != null && !Objects.equals(before.organisationId(), organisation)) {
            Map<PeriodKey, Tally> whole = wholeContribution(mentorId, state.activeDays);
            whole.forEach((period, tally) -> {
                deltas.add(before.organisationId(), period, tally.negated());
                deltas.add(organisation, period, tally);
            });
        }
        for (DayEdit edit : change.dayEdits()) {
            Tally moved = Tally.activity(edit.after().activities() - edit.before().activities(),
                    edit.after().sessions() - edit.before().sessions(),
                    edit.after().minutes() - edit.before().minutes());
            for (PeriodKey period : PeriodKey.containing(edit.day())) {
                deltas.add(organisation, period, moved);
            }
        }
        for (PeriodKey period : periodsOf(change.dayEdits())) {
            int flip = Boolean.compare(activeAfter(state.activeDays, period),
                    activeBefore(state.activeDays, period, change.dayEdits()));
            deltas.add(organisation, period, Tally.activeMentors(flip));
        }
        if (before != null && before.lapseDay(zones.zoneOf(before.organisationId())).isPresent()) {
            deltas.add(before.organisationId(), PeriodKey.ALL_TIME, Tally.streaks(-1));
        }
        streak(deltas, state, +1);
        return deltas.list();
    }

    /** The changes a lapse makes: {@code wasCurrent} whether the document showed a streak before it. */
    public List<OrganisationDelta> ofLapse(MentorState lapsed, boolean wasCurrent) {
        Deltas deltas = new Deltas();
        if (wasCurrent) {
            deltas.add(lapsed.organisationId, PeriodKey.ALL_TIME, Tally.streaks(-1));
        }
        streak(deltas, lapsed, +1);
        return deltas.list();
    }

    /** The changes one earned badge's transition makes. */
    public List<OrganisationDelta> of(BadgeTransition transition) {
        Deltas deltas = new Deltas();
        badge(deltas, transition.previous(), -1);
        badge(deltas, transition.badge(), +1);
        return deltas.list();
    }

    private void badge(Deltas deltas, EarnedBadge badge, int sign) {
        if (badge != null && badge.held()) {
            LocalDate day = badge.awardedAt().atZone(zones.zoneOf(badge.organisationId())).toLocalDate();
            for (PeriodKey period : PeriodKey.containing(day)) {
                deltas.add(badge.organisationId(), period, Tally.badges(sign));
            }
        }
    }

    private void streak(Deltas deltas, MentorState state, int sign) {
        if (state.lapseDay(zones.zoneOf(state.organisationId)).isPresent()) {
            deltas.add(state.organisationId, PeriodKey.ALL_TIME, Tally.streaks(sign));
        }
    }

    /** Everything the mentor's days contribute, by period: a scan of its day buckets (a move only). */
    private Map<PeriodKey, Tally> wholeContribution(String mentorId, StreakRuns activeDays) {
        Map<PeriodKey, Tally> whole = new LinkedHashMap<>();
        days.forEachDay(mentorId, (day, bucket) -> {
            for (PeriodKey period : PeriodKey.containing(day)) {
                whole.merge(period, counts(bucket), Tally::plus);
            }
        });
        whole.replaceAll((period, tally) ->
                activeAfter(activeDays, period) ? tally.plus(Tally.activeMentors(1)) : tally);
        return whole;
    }

    private static Tally counts(DayBucket bucket) {
        return Tally.activity(bucket.activities(), bucket.sessions(), bucket.minutes());
    }

    private static List<PeriodKey> periodsOf(List<DayEdit> edits) {
        List<PeriodKey> periods = new ArrayList<>();
        for (DayEdit edit : edits) {
            if (edit.becameActive() || edit.becameEmpty()) {
                PeriodKey.containing(edit.day()).stream().filter(p -> !periods.contains(p)).forEach(periods::add);
            }
        }
        return periods;
    }

    private static boolean activeAfter(StreakRuns activeDays, PeriodKey period) {
        return activeDays.activeDaysBetween(period.start(), period.end()) > 0;
    }

    /** Whether the period had an active day before the edits: now's active days, with the edits undone. */
    private static boolean activeBefore(StreakRuns activeDays, PeriodKey period, List<DayEdit> edits) {
        long active = activeDays.activeDaysBetween(period.start(), period.end());
        for (DayEdit edit : edits) {
            if (period.contains(edit.day())) {
                active += edit.becameEmpty() ? 1 : edit.becameActive() ? -1 : 0;
            }
        }
        return active > 0;
    }

    /** Changes summed by (organisation, period), in the order first met; zeros left out. */
    private static final class Deltas {

        private final Map<String, OrganisationDelta> byKey = new LinkedHashMap<>();

        void add(String organisation, PeriodKey period, Tally tally) {
            if (tally.isZero()) {
                return;
            }
            OrganisationDelta delta = new OrganisationDelta(organisation, period.toString(), tally);
            byKey.merge(delta.storeKey(), delta, (a, b) -> new OrganisationDelta(organisation, a.period(),
                    a.tally().plus(b.tally())));
        }

        List<OrganisationDelta> list() {
            return byKey.values().stream().filter(delta -> !delta.tally().isZero()).toList();
        }
    }
}
