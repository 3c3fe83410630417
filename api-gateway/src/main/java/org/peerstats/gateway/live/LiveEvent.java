package org.peerstats.gateway.live;

import java.util.Objects;

/**
 * One Server-Sent Event for the coordinators of one organisation.
 *
 * @param organisationId whose coordinators may see it
 * @param name           the SSE event name ({@code stats}, {@code badge_awarded}, ...)
 * @param json           the event's data, one line of JSON
 */
public record LiveEvent(String organisationId, String name, String json) {

    public LiveEvent {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(name, "name");
        if (json.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an event's data is one line");
        }
    }
}
