package org.peerstats.streams.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.organisations.OrganisationDelta;
import org.peerstats.streams.organisations.Tally;

/**
 * Sums the mentors' changes of their organisations' totals per (organisation, period) in the
 * {@code organisation-deltas-pending} store, and every {@link #INTERVAL} of wall-clock time sends
 * each sum on, keyed by organisation_id, and empties the store. A busy organisation's hundreds of
 * activities a second thus cost its task one record per period a second, not one per activity.
 *
 * <p>Exact through crashes: the sums are changelogged, and a punctuation's records, the store's
 * deletes and the input offsets of the records summed commit in one transaction (exactly-once);
 * so a change is either still in the store or already sent, never both, never neither.
 */
final class OrganisationDeltaBuffer extends ContextualProcessor<String, OrganisationDelta, String, OrganisationDelta> {

    static final Duration INTERVAL = Duration.ofMillis(250);

    private KeyValueStore<String, Tally> pending;

    @Override
    public void init(ProcessorContext<String, OrganisationDelta> context) {
        super.init(context);
        pending = context.getStateStore(StoreNames.ORGANISATION_DELTAS_PENDING);
        context.schedule(INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::send);
    }

    @Override
    public void process(Record<String, OrganisationDelta> record) {
        String key = record.value().storeKey();
        Tally before = pending.get(key);
        Tally sum = before == null ? record.value().tally() : before.plus(record.value().tally());
        if (sum.isZero()) {
            pending.delete(key);
        } else {
            pending.put(key, sum);
        }
    }

    private void send(long now) {
        List<KeyValue<String, Tally>> sums = new ArrayList<>();
        try (KeyValueIterator<String, Tally> all = pending.all()) {
            all.forEachRemaining(sums::add);
        }
        for (KeyValue<String, Tally> sum : sums) {
            int space = sum.key.indexOf(' ');
            String organisation = sum.key.substring(space + 1);
            context().forward(new Record<>(organisation,
                    new OrganisationDelta(organisation, sum.key.substring(0, space), sum.value), now));
            pending.delete(sum.key);
        }
    }
}
