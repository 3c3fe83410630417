package org.peerstats.streams.topology;

import org.peerstats.streams.Topics;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * What the topology is built from: the topic registry and the organisations' time zones.
 */
public record TopologySettings(Topics topics, OrganisationZones zones) {

    public static TopologySettings defaults() {
        return new TopologySettings(Topics.defaults(), OrganisationZones.of(OrganisationZones.DEFAULT_ZONE));
    }
}
