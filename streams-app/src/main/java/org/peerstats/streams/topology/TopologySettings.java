package org.peerstats.streams.topology;

import org.apache.kafka.streams.kstream.Produced;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.EventValidator;
import org.peerstats.streams.serde.SizeLimitedSerde;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * What the topology is built from: the topic registry, the organisations' time zones, the
 * partition count of the {@code mentor-inputs} topic, which decides how the mentors' state is
 * partitioned (changing it needs an application reset) and is independent of the input topics',
 * the largest output value written, and the longest activity taken.
 *
 * @param maxActivityMinutes the longest {@code duration_minutes} the ingest stage takes, 1 to
 *                           {@link EventValidator#HIGHEST_MAX_DURATION_MINUTES}; a longer activity
 *                           is dead-lettered. Raised, it takes from then on what it refused before;
 *                           the refused ones can be sent again from the dead-letter topic.
 */
public record TopologySettings(Topics topics, OrganisationZones zones, int mentorPartitions, int maxOutputValueBytes,
                               int maxActivityMinutes) {

    public static final int DEFAULT_MENTOR_PARTITIONS = 6;

    public TopologySettings {
        if (mentorPartitions < 1) {
            throw new IllegalArgumentException("mentorPartitions must be at least 1, not " + mentorPartitions);
        }
        if (maxOutputValueBytes < 1) {
            throw new IllegalArgumentException("maxOutputValueBytes must be at least 1, not " + maxOutputValueBytes);
        }
        if (maxActivityMinutes < 1 || maxActivityMinutes > EventValidator.HIGHEST_MAX_DURATION_MINUTES) {
            throw new IllegalArgumentException("maxActivityMinutes must be 1.." + EventValidator.HIGHEST_MAX_DURATION_MINUTES
                    + ", not " + maxActivityMinutes);
        }
    }

    public TopologySettings(Topics topics, OrganisationZones zones, int mentorPartitions, int maxOutputValueBytes) {
        this(topics, zones, mentorPartitions, maxOutputValueBytes, EventValidator.DEFAULT_MAX_DURATION_MINUTES);
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

    /** These settings with another {@link #maxActivityMinutes}. */
    public TopologySettings withMaxActivityMinutes(int minutes) {
        return new TopologySettings(topics, zones, mentorPartitions, maxOutputValueBytes, minutes);
    }

    /** How the topology writes {@code topic}: its serdes, refusing a value over {@link #maxOutputValueBytes}. */
    public <K, V> Produced<K, V> output(Topics.Topic<K, V> topic, String sinkName) {
        return topic.produced(sinkName, maxOutputValueBytes);
    }
}
