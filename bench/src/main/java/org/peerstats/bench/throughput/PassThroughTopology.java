package org.peerstats.bench.throughput;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.topology.MentorPartitioner;

/**
 * The least any correct topology over the same input must do: read {@code activities} with its
 * serdes (so JSON is parsed), re-key each record by its {@code peer_mentor_id} and repartition it
 * by mentor ({@link MentorPartitioner}, over as many partitions as the topology's mentor stage),
 * because producers in the field place a mentor's records by their own partitioners; then read it
 * back and write it to {@code output}. Two exactly-once hops, no state stores, no stats logic: its
 * throughput is what the broker, the clients and the guarantee allow for a per-mentor topology.
 */
public final class PassThroughTopology {

    /** Names the repartition topic {@code <application.id>-by-mentor-repartition}. */
    static final String BY_MENTOR = "by-mentor";

    private PassThroughTopology() {
    }

    /** Names the one-partition topic {@code <application.id>-by-activity-repartition} of the same-hops variant. */
    static final String BY_ACTIVITY = "by-activity";

    public static Topology build(Topics topics, String output, int mentorPartitions) {
        return build(topics, output, mentorPartitions, false);
    }

    /**
     * @param throughActivityOwnerHop first through a one-partition topic keyed by activity id, as
     *                                the topology's activity-owner stage does
     */
    public static Topology build(Topics topics, String output, int mentorPartitions, boolean throughActivityOwnerHop) {
        StreamsBuilder builder = new StreamsBuilder();
        var activities = topics.activities();
        KStream<String, ActivityEvent> input = builder.stream(activities.name(),
                activities.consumed("passthrough-source"));
        if (throughActivityOwnerHop) {
            input = input.selectKey((key, activity) -> activity.activityId(), Named.as("passthrough-key-by-activity"))
                    .repartition(Repartitioned.<String, ActivityEvent>as(BY_ACTIVITY)
                            .withKeySerde(activities.keySerde())
                            .withValueSerde(activities.valueSerde())
                            .withNumberOfPartitions(1));
        }
        input.selectKey((key, activity) -> activity.peerMentorId(), Named.as("passthrough-key-by-mentor"))
                .repartition(Repartitioned.<String, ActivityEvent>as(BY_MENTOR)
                        .withKeySerde(activities.keySerde())
                        .withValueSerde(activities.valueSerde())
                        .withNumberOfPartitions(mentorPartitions)
                        .withStreamPartitioner(MentorPartitioner.instance()))
                .to(output, Produced.with(activities.keySerde(), activities.valueSerde()).withName("passthrough-sink"));
        return builder.build();
    }
}
