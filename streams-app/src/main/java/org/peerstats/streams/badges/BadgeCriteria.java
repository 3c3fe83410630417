package org.peerstats.streams.badges;

import java.math.BigDecimal;

/**
 * What a mentor's stats must reach for a badge: {@code metric >= min}. The metric stays a string
 * as it came on the wire, so an unknown one is reported by {@link BadgeDefinitionValidator} with
 * its name rather than failing deserialization.
 *
 * @param metric the wire name of a {@link BadgeMetric}
 * @param min    the smallest value that earns the badge
 */
public record BadgeCriteria(String metric, BigDecimal min) {

    /** The metric; only call on a validated definition. */
    public BadgeMetric knownMetric() {
        return BadgeMetric.fromWire(metric)
                .orElseThrow(() -> new IllegalStateException("unvalidated criteria with metric " + metric));
    }
}
