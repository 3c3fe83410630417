package org.peerstats.streams.topology;

import org.peerstats.streams.Topics;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * What the topology is built from: the topic registry, the organisations' time zones and the
 * partition count of the {@code mentor-inputs} topic, which decides how the mentors' state is
 * partitioned (changing it needs an application reset) and is independent of the input topics'.
 */
public record TopologySettings(Topics topics, OrganisationZones zones, int mentorPartitions) {

    public static final int DEFAULT_MENTOR_PARTITIONS = 6;

    public TopologySettings {
        if (mentorPartitions < 1) {
            throw new IllegalArgumentException("mentorPartitions must be at least 1, not " + mentorPartitions);
        }
    }

    public TopologySettings(Topics topics, OrganisationZones zones) {
        this(topics, zones, DEFAULT_MENTOR_PARTITIONS);
    }

    public static TopologySettings defaults() {
        return new TopologySettings(Topics.defaults(), OrganisationZones.of(OrganisationZones.DEFAULT_ZONE));
    }
}
