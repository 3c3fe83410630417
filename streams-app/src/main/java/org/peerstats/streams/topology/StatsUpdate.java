package org.peerstats.streams.topology;

import java.util.List;
import org.peerstats.streams.organisations.OrganisationDelta;
import org.peerstats.streams.stats.DayChanges;
import org.peerstats.streams.stats.MentorStats;

/**
 * A mentor's new stats document with the days whose buckets changed and what the change does to
 * the organisation's totals, from the stats processors to the {@code mentor-stats} sink (which
 * writes the document), to the badge processor (which reads the days for windowed criteria) and to
 * the organisation-delta buffer. Never serialized: all are in the mentors' sub-topology.
 */
record StatsUpdate(MentorStats stats, DayChanges days, List<OrganisationDelta> organisationDeltas) {
}
