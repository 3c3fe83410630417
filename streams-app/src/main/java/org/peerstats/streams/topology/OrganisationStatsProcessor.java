package org.peerstats.streams.topology;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.organisations.OrganisationDelta;
import org.peerstats.streams.organisations.OrganisationPeriodStats;
import org.peerstats.streams.organisations.PeriodKey;
import org.peerstats.streams.organisations.Tally;

/**
 * Keeps each organisation's totals per period in {@code organisation-stats-state}, in the task of
 * the organisation's partition of {@code organisation-deltas}: adds each change it receives and
 * forwards the new totals for {@code organisation-stats}.
 */
final class OrganisationStatsProcessor
        extends ContextualProcessor<String, OrganisationDelta, String, OrganisationPeriodStats> {

    private KeyValueStore<String, Tally> totals;

    @Override
    public void init(ProcessorContext<String, OrganisationPeriodStats> context) {
        super.init(context);
        totals = context.getStateStore(StoreNames.ORGANISATION_STATS);
    }

    @Override
    public void process(Record<String, OrganisationDelta> record) {
        OrganisationDelta delta = record.value();
        PeriodKey period = PeriodKey.parse(delta.period())
                .orElseThrow(() -> new IllegalStateException("not a period: " + delta.period()));
        String key = delta.storeKey();
        Tally before = totals.get(key);
        Tally after = before == null ? delta.tally() : before.plus(delta.tally());
        totals.put(key, after);
        context().forward(record.withValue(new OrganisationPeriodStats(delta.organisationId(), period.name(),
                period.start(), after.activeMentors(), after.activities(), after.sessions(), after.minutes(),
                after.badgesAwarded(), after.mentorsWithCurrentStreak())));
    }
}
