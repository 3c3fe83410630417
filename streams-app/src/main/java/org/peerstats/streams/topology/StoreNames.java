package org.peerstats.streams.topology;

/**
 * The names of the state stores and internal topics, in one place. A store's name is also the
 * middle of its changelog topic's name ({@code <application.id>-<store>-changelog}) and an
 * internal topic's the middle of {@code <application.id>-<name>-repartition}, so renaming one
 * loses its state.
 */
public final class StoreNames {

    /** {@code (mentor, activity_id)} → the counted version of the activity, or a tombstone. */
    public static final String ACTIVITY_LEDGER = "activity-ledger";
    /** {@code (mentor, yyyy-MM-dd)} → that local day's counts: the windowed counts. */
    public static final String DAILY_ACTIVITY = "daily-activity";
    /** mentor → running totals, modules and streak runs. */
    public static final String MENTOR_STATS = "mentor-stats-state";
    /**
     * {@code zone + " " + lapse day (ISO) + " " + mentor} → mentor: the mentors whose current
     * streak ends at the start of that local day, so a midnight tick reads only the mentors it
     * changes ({@link StreakLapses}).
     */
    public static final String STREAK_LAPSES = "streak-lapses";
    /** {@code <tick kind>:<zone>} → the latest local day (ISO) of that kind of tick the task applied. */
    public static final String ZONE_CLOCKS = "zone-clocks";
    /**
     * The repartition topic every mentor-keyed input reaches the mentors' tasks through, placed by
     * {@link MentorPartitioner}: {@code <application.id>-mentor-inputs-repartition}.
     */
    public static final String MENTOR_INPUTS = "mentor-inputs";
    /**
     * badge_definition_id → the definition (raw bytes, with its record timestamp): a global store
     * over the {@code badge-definitions} topic, complete on every instance before any task runs.
     */
    public static final String BADGE_DEFINITIONS_GLOBAL = "badge-definitions-global";
    /** badge_definition_id → {@code KnownDefinition}: the version each task took from the global store. */
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
     * A global store over the {@code earned-badges} topic, complete on every instance: each earned
     * badge by id, and the lists of the earned-badges endpoint with their totals
     * ({@code IndexedStore}, {@code EarnedBadgeLists}). No changelog: the topic is its log. (Named
     * {@code earned-badges-global} while it held the badges only; the new name makes an upgraded
     * instance build it afresh from the topic instead of trusting the old store's offsets.)
     */
    public static final String EARNED_BADGES_GLOBAL = "earned-badges-lists";

    /** activity_id → {@code ActivityOwner}: the mentor that counts the activity (in the ingest stage). */
    public static final String ACTIVITY_OWNERS = "activity-owners";
    /**
     * The one-partition repartition topic every valid activity reaches the activity-owner stage
     * through: {@code <application.id>-activity-owner-inputs-repartition}.
     */
    public static final String ACTIVITY_OWNER_INPUTS = "activity-owner-inputs";
    /**
     * The one-partition repartition topic every valid assignment reaches the assignment-owner
     * stage through: {@code <application.id>-assignment-owner-inputs-repartition}.
     */
    public static final String ASSIGNMENT_OWNER_INPUTS = "assignment-owner-inputs";
    /** assignment_id → the peer_mentor_id that currently holds the assignment (in the ingest stage). */
    public static final String ASSIGNMENT_OWNERS = "assignment-owners";
    /** mentor → {@code MentorView}: profile, certification expiry, open assignments. */
    public static final String MENTOR_DETAIL_VIEW = "mentor-detail-view";
    /** mentor → {@code MentorDetailState}: the state machine's phase, snapshot and last command. */
    public static final String MENTOR_DETAIL_STATE = "mentor-detail-state";
    /**
     * Every instance's copy of the {@code mentor-details} topic: each mentor's
     * {@code MentorDetailDocument}, and the dashboard's lists with their totals
     * ({@code IndexedStore}, {@code MentorDetailLists}); renamed from {@code mentor-details-global}
     * for the same reason as {@link #EARNED_BADGES_GLOBAL}.
     */
    public static final String MENTOR_DETAILS_GLOBAL = "mentor-details-lists";

    /**
     * {@code <period> <organisation_id>} → the {@code Tally} change the task's mentors made to that
     * organisation's period since it last sent one: an in-memory, changelogged buffer the mentors'
     * tasks empty about every {@link OrganisationDeltaBuffer#INTERVAL} ({@link OrganisationDeltaBuffer}).
     */
    public static final String ORGANISATION_DELTAS_PENDING = "organisation-deltas-pending";
    /**
     * The repartition topic the buffered changes reach the organisations' tasks through, keyed by
     * organisation_id: {@code <application.id>-organisation-deltas-repartition}.
     */
    public static final String ORGANISATION_DELTAS = "organisation-deltas";
    /** {@code <period> <organisation_id>} → the organisation's {@code Tally} for the period. */
    public static final String ORGANISATION_STATS = "organisation-stats-state";

    private StoreNames() {
    }
}
