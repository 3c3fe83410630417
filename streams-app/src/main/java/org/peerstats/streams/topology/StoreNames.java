package org.peerstats.streams.topology;

/**
 * The names of the state stores; each is also the middle of its changelog topic's name
 * ({@code <application.id>-<store>-changelog}), so renaming one loses its state.
 */
public final class StoreNames {

    /** {@code (mentor, activity_id)} → the counted version of the activity, or a tombstone. */
    public static final String ACTIVITY_LEDGER = "activity-ledger";
    /** {@code (mentor, yyyy-MM-dd)} → that local day's counts: the windowed counts. */
    public static final String DAILY_ACTIVITY = "daily-activity";
    /** mentor → running totals, modules and streak runs. */
    public static final String MENTOR_STATS = "mentor-stats-state";

    private StoreNames() {
    }
}
