package org.peerstats.streams.organisations;

/**
 * A change of one organisation's totals for one period, from the mentors' tasks to the task that
 * keeps the organisation's totals (through the {@code organisation-deltas} repartition topic,
 * keyed by organisation_id).
 *
 * @param period {@link PeriodKey#toString}'s form
 */
public record OrganisationDelta(String organisationId, String period, Tally tally) {

    /**
     * The key of the organisation's totals for the period in the stores:
     * {@code <period> <organisation_id>} (the period first: it has no space, an id may).
     */
    public String storeKey() {
        return storeKey(organisationId, period);
    }

    public static String storeKey(String organisationId, String period) {
        return period + " " + organisationId;
    }
}
