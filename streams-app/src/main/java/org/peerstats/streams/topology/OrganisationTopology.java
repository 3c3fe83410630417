package org.peerstats.streams.topology;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.ActivityDays;
import org.peerstats.streams.badges.BadgeTransition;
import org.peerstats.streams.organisations.MentorContributions;
import org.peerstats.streams.organisations.OrganisationDelta;
import org.peerstats.streams.serde.JsonSerde;

/**
 * The organisations' totals: the mentors' tasks turn each stats change (its deltas came with it
 * from the stats processors) and each badge transition into changes of their organisations'
 * totals, sum them for a quarter of a second ({@link OrganisationDeltaBuffer}) and send the sums
 * through {@code organisation-deltas}, placed by organisation_id with {@link MentorPartitioner} (so
 * the REST router finds an organisation's task the way it finds a mentor's), to the task that adds
 * them up and publishes the new totals on {@code organisation-stats}.
 *
 * <pre>
 * mentor-stats-records ─► organisation-deltas-of-stats ─┐
 * badge transitions ───► organisation-deltas-of-badges ─┴► buffer-organisation-deltas
 *     (organisation-deltas-pending) ─► organisation-deltas-repartition
 *     ─► add-organisation-deltas (organisation-stats-state) ─► organisation-stats
 * </pre>
 */
final class OrganisationTopology {

    private OrganisationTopology() {
    }

    static void addTo(StreamsBuilder builder, TopologySettings settings, KStream<String, StatsUpdate> statsRecords,
                      KStream<String, BadgeTransition> badgeTransitions) {
        Topics topics = settings.topics();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.ORGANISATION_DELTAS_PENDING), Serdes.String(), CodecSerde.TALLY)
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ORGANISATION_STATS), Serdes.String(), CodecSerde.TALLY)
                .withCachingEnabled());
        // A transition's deltas need the organisations' zones, never the mentor's days.
        MentorContributions badges = new MentorContributions(settings.zones(), ActivityDays.NONE);
        statsRecords.flatMapValues(StatsUpdate::organisationDeltas, Named.as("organisation-deltas-of-stats"))
                .merge(badgeTransitions.flatMapValues(badges::of, Named.as("organisation-deltas-of-badges")),
                        Named.as("organisation-deltas-of-mentors"))
                .process(OrganisationDeltaBuffer::new, Named.as("buffer-organisation-deltas"),
                        StoreNames.ORGANISATION_DELTAS_PENDING)
                .repartition(Repartitioned.<String, OrganisationDelta>as(StoreNames.ORGANISATION_DELTAS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JsonSerde.of(OrganisationDelta.class))
                        .withNumberOfPartitions(settings.mentorPartitions())
                        .withStreamPartitioner(MentorPartitioner.instance()))
                .process(OrganisationStatsProcessor::new, Named.as("add-organisation-deltas"),
                        StoreNames.ORGANISATION_STATS)
                .to(topics.organisationStats().name(),
                        settings.output(topics.organisationStats(), "organisation-stats-sink"));
    }
}
