package org.peerstats.streams.stats;

import java.time.Instant;
import java.time.LocalDate;
import org.peerstats.streams.events.ActivityType;

/**
 * The version of an activity that the stats currently count, kept so that a correction or a
 * delete can take exactly that version back out. A deleted activity stays as a tombstone
 * ({@code deleted}) so that a late or repeated upsert of it cannot bring it back.
 *
 * @param day the local calendar day the activity was counted on (kept, not recomputed, so a
 *            later change of an organisation's time zone cannot unbalance the buckets)
 */
public record LedgerEntry(
        String organisationId,
        ActivityType type,
        String menteeId,
        Instant occurredAt,
        int durationMinutes,
        LocalDate day,
        boolean deleted) {

    public static final LedgerEntry TOMBSTONE = new LedgerEntry(null, null, null, null, 0, null, true);

    int sessionCount() {
        return type == ActivityType.SESSION ? 1 : 0;
    }
}
