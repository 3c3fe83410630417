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
    /** badge_definition_id → definition: each task's own copy of every definition (they are broadcast). */
    public static final String BADGE_DEFINITIONS = "badge-definitions-state";
    /** {@code (mentor, badge_definition_id)} → where the mentor stands with that definition. */
    public static final String BADGE_HOLDINGS = "badge-holdings";
    /** {@code (mentor, earned_badge_id)} → the mentor's earned badge, held or revoked. */
    public static final String EARNED_BADGES = "earned-badges-state";
    /**
     * {@code (mentor, command_id)} → what became of a badge command, for the REST call that waits
     * for it; purged after a while of stream time.
     */
    public static final String BADGE_COMMAND_OUTCOMES = "badge-command-outcomes";
    /**
     * earned_badge_id → earned badge: a global store over the {@code earned-badges} topic, complete
     * on every instance (organisation-wide lists, lookups by id). No changelog: the topic is its log.
     */
    public static final String EARNED_BADGES_GLOBAL = "earned-badges-global";

    private StoreNames() {
    }
}
