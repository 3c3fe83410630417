package org.peerstats.streams.events;

/**
 * A valid input record that peerstats takes differently from what it says, or not at all, by
 * rule rather than by error. Each is counted (metric {@code peerstats.input.anomalies}, tag
 * {@code kind}) so that it does not vanish unnoticed; none is dead-lettered.
 */
public enum InputAnomaly {

    /** An event names another organisation than its mentor's: counted for the mentor, who does not move. */
    ORGANISATION_MISMATCH("organisation_mismatch"),
    /** An upsert of an activity id that was deleted: ignored (a deleted activity never comes back). */
    UPSERT_OF_DELETED_ACTIVITY("upsert_of_deleted_activity"),
    /** An upsert under another mentor, older (by record timestamp) than the one that holds the activity: ignored. */
    STALE_ACTIVITY_MOVE("stale_activity_move");

    private final String wireName;

    InputAnomaly(String wireName) {
        this.wireName = wireName;
    }

    /** The metric tag value. */
    public String wireName() {
        return wireName;
    }

    /** Told of every anomaly; the service counts them on a metric. */
    @FunctionalInterface
    public interface Listener {

        /** The {@code StreamsConfig} key under which the listener instance is passed to the topology. */
        String CONFIG = "peerstats.input.anomaly.listener";

        Listener NONE = (anomaly, input) -> { };

        /** @param input the kind of input the record was: {@code activities} or {@code training-completions} */
        void observed(InputAnomaly anomaly, String input);

        static Listener from(java.util.Map<String, ?> configs) {
            return configs.get(CONFIG) instanceof Listener listener ? listener : NONE;
        }
    }
}
