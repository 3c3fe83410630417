package org.peerstats.streams.detail;

/**
 * The names of the mentor-detail stores and internal topics; each store name is also the middle of
 * its changelog topic's name ({@code <application.id>-<store>-changelog}), so renaming one loses its state.
 */
public final class DetailStoreNames {

    /** assignment_id → the peer_mentor_id that currently holds the assignment (assignment-keyed sub-topology). */
    public static final String ASSIGNMENT_OWNERS = "assignment-owners";
    /** mentor → {@link MentorView}: profile, certification expiry, open assignments. */
    public static final String MENTOR_DETAIL_VIEW = "mentor-detail-view";
    /** mentor → {@link MentorDetailState}: the state machine's phase, snapshot and last command. */
    public static final String MENTOR_DETAIL_STATE = "mentor-detail-state";
    /** Every instance's copy of the {@code mentor-details} topic: mentor → {@link MentorDetailDocument}. */
    public static final String MENTOR_DETAILS_GLOBAL = "mentor-details-global";
    /** The repartition of assignment changes by mentor: topic {@code <application.id>-assignments-by-mentor-repartition}. */
    public static final String ASSIGNMENTS_BY_MENTOR = "assignments-by-mentor";

    private DetailStoreNames() {
    }
}
