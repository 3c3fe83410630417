package org.peerstats.bench.workload;

import org.peerstats.streams.events.ActivityEvent;

/** One event as it is produced: its key, its value and its record timestamp. */
public record TimedEvent(String key, ActivityEvent value, long timestamp) {
}
