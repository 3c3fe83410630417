package org.peerstats.gateway.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How instants go on the wire: ISO-8601 in UTC with whole seconds, as in the contracts. */
public final class WireTime {

    private WireTime() {
    }

    /** {@code instant} truncated to whole seconds; {@code null} stays {@code null}. */
    public static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
