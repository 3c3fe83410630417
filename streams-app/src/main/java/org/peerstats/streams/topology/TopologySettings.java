package org.peerstats.streams.topology;

import org.apache.kafka.streams.kstream.Produced;
import org.peerstats.streams.Topics;
import org.peerstats.streams.serde.SizeLimitedSerde;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * What the topology is built from: the topic registry, the organisations' time zones and the
 * partition count of the {@code mentor-inputs} topic, which decides how the mentors' state is
 * partitioned (changing it needs an application reset) and is independent of the input topics'.
 */
public record TopologySettings(Topics topics, OrganisationZones zones, int mentorPartitions, int maxOutputValueBytes) {

    public static final int DEFAULT_MENTOR_PARTITIONS = 6;

    public TopologySettings {
        if (mentorPartitions < 1) {
            throw new IllegalArgumentException("mentorPartitions must be at least 1, not " + mentorPartitions);
        }
        if (maxOutputValueBytes < 1) {
            throw new IllegalArgumentException("maxOutputValueBytes must be at least 1, not " + maxOutputValueBytes);
        }
    }

    public TopologySettings(Topics topics, OrganisationZones zones, int mentorPartitions) {
        this(topics, zones, mentorPartitions, SizeLimitedSerde.DEFAULT_MAX_VALUE_BYTES);
    }

    public TopologySettings(Topics topics, OrganisationZones zones) {
        this(topics, zones, DEFAULT_MENTOR_PARTITIONS);
    }

    public static TopologySettings defaults() {
        return new TopologySettings(Topics.defaults(), OrganisationZones.of(OrganisationZones.DEFAULT_ZONE));
    }

    /** How the topology writes {@code topic}: its serdes, refusing a value over {@link #maxOutputValueBytes}. */
    public <K, V> Produced<K, V> output(Topics.Topic<K, V> topic, String sinkName) {
        return topic.produced(sinkName, maxOutputValueBytes);
    }
}
