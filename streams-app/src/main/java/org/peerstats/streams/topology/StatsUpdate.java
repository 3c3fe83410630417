package org.peerstats.streams.topology;

import org.peerstats.streams.stats.DayChanges;
import org.peerstats.streams.stats.MentorStats;

/**
 * A mentor's new stats document with the days whose buckets changed, from the stats processors
 * to the {@code mentor-stats} sink (which writes the document) and to the badge processor (which
 * reads the days for windowed criteria). Never serialized: both are in the mentors' sub-topology.
 */
record StatsUpdate(MentorStats stats, DayChanges days) {
}
