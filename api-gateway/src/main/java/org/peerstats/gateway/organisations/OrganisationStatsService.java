package org.peerstats.gateway.organisations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Visibility;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.query.LocalStoreReader;
import org.peerstats.gateway.query.ReadScope;
import org.peerstats.streams.organisations.OrganisationDelta;
import org.peerstats.streams.organisations.PeriodKey;
import org.peerstats.streams.organisations.Tally;
import org.peerstats.streams.stats.CalendarPeriod;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.OrganisationZones;
import org.peerstats.streams.topology.StoreNames;

/**
 * An organisation's totals, read from {@code organisation-stats-state} on the instance the router
 * found the organisation on: a few point reads, never a sum over mentors. "Current" is the local
 * day of the injected clock in the organisation's zone.
 */
public final class OrganisationStatsService {

    private final LocalStoreReader reader;
    private final OrganisationZones zones;
    private final Clock clock;

    public OrganisationStatsService(LocalStoreReader reader, OrganisationZones zones, Clock clock) {
        this.reader = reader;
        this.zones = zones;
        this.clock = clock;
    }

    /**
     * The current week, month and year and all time; or, with {@code period}, the one containing
     * {@code date} (today when absent).
     *
     * @throws ApiException 403 when {@code caller} may not see the organisation's data
     */
    public OrganisationStatsResponse totals(ReadScope scope, Principal caller, String organisationId,
                                            Optional<CalendarPeriod> period, Optional<LocalDate> date) {
        if (!Visibility.canSeeOrganisation(caller, organisationId)) {
            throw ApiException.forbidden("you may not see the totals of organisation '" + organisationId + "'");
        }
        Instant now = clock.instant();
        ZoneId zone = zones.zoneOf(organisationId);
        LocalDate today = now.atZone(zone).toLocalDate();
        List<PeriodKey> periods = period
                .map(p -> List.of(PeriodKey.of(p, date.orElse(today))))
                .orElseGet(() -> List.of(PeriodKey.of(CalendarPeriod.WEEK, today), PeriodKey.of(CalendarPeriod.MONTH, today),
                        PeriodKey.of(CalendarPeriod.YEAR, today), PeriodKey.ALL_TIME));
        // The streak count lives with all time: read it too when a current period is asked for alone.
        List<PeriodKey> keys = periods.stream().anyMatch(key -> key.contains(today)) && !periods.contains(PeriodKey.ALL_TIME)
                ? List.of(periods.get(0), PeriodKey.ALL_TIME) : periods;
        Map<String, Tally> tallies = read(scope, organisationId, keys);
        long streaks = tallies.getOrDefault(PeriodKey.ALL_TIME.toString(), Tally.ZERO).mentorsWithCurrentStreak();
        Map<String, OrganisationStatsResponse.PeriodTotals> byName = new LinkedHashMap<>();
        for (PeriodKey key : periods) {
            Tally tally = tallies.getOrDefault(key.toString(), Tally.ZERO);
            byName.put(key.name(), new OrganisationStatsResponse.PeriodTotals(key.start(), key.end(),
                    tally.activeMentors(), tally.activities(), tally.sessions(), tally.minutes(),
                    MentorState.hours(tally.minutes()), tally.badgesAwarded(), key.contains(today) ? streaks : null));
        }
        return new OrganisationStatsResponse(organisationId, zone.getId(), now, byName);
    }

    private Map<String, Tally> read(ReadScope scope, String organisationId, List<PeriodKey> periods) {
        return reader.read(scope, scope.partitionOf(organisationId), StoreNames.ORGANISATION_STATS,
                QueryableStoreTypes.<String, Tally>keyValueStore(), store -> collect(store, organisationId, periods));
    }

    private static Map<String, Tally> collect(ReadOnlyKeyValueStore<String, Tally> store, String organisationId,
                                              List<PeriodKey> periods) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (PeriodKey period : periods) {
            Tally tally = store.get(OrganisationDelta.storeKey(organisationId, period.toString()));
            if (tally != null) {
                tallies.put(period.toString(), tally);
            }
        }
        return tallies;
    }
}
