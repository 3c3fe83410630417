package org.peerstats.bench.workload;

/**
 * A generated peer mentor.
 *
 * @param rank       1 for the most active mentor
 * @param annualRate how many activities a year the mentor logs on average
 * @param mentees    how many different people the mentor supports
 */
public record Mentor(String id, String organisationId, int rank, double annualRate, int mentees) {
}
