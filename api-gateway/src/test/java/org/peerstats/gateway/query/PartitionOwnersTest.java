package org.peerstats.gateway.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.topology.MentorPartitioner;

class PartitionOwnersTest {

    private static final int PARTITIONS = 6;
    private static final HostInfo HERE = new HostInfo("here", 7070);
    private static final HostInfo THERE = new HostInfo("there", 7070);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<String> asked = new ArrayList<>();

    /** Kafka Streams' answer as the fake gives it: the topology's partition of the mentor, on {@code host}. */
    private Function<String, KeyQueryMetadata> answering(HostInfo host) {
        return mentorId -> {
            asked.add(mentorId);
            return new KeyQueryMetadata(host, Set.of(), MentorPartitioner.partitionOf(mentorId, PARTITIONS));
        };
    }

    private PartitionOwners owners(Function<String, KeyQueryMetadata> lookup) {
        return new PartitionOwners(lookup, running::get, now::get, PARTITIONS);
    }

    @Test
    void aPartitionsOwnerIsAskedOnceWithinTheTtlForAnyMentorOnIt() {
        PartitionOwners owners = owners(answering(HERE));
        List<String> samePartition = mentorsOnPartition(2, 3);

        KeyQueryMetadata first = owners.locate(samePartition.get(0));
        assertSame(first, owners.locate(samePartition.get(1)));
        assertSame(first, owners.locate(samePartition.get(2)));

        assertEquals(List.of(samePartition.get(0)), asked);
    }

    @Test
    void afterTheTtlTheOwnerIsAskedAgainAndTheNewAnswerServes() {
        List<String> mentors = mentorsOnPartition(4, 2);
        AtomicReference<HostInfo> host = new AtomicReference<>(HERE);
        PartitionOwners owners = owners(mentorId -> answering(host.get()).apply(mentorId));
        assertEquals(HERE, owners.locate(mentors.get(0)).activeHost());

        host.set(THERE);
        now.addAndGet(PartitionOwners.TTL.toNanos() - 1);
        assertEquals(HERE, owners.locate(mentors.get(1)).activeHost());
        now.addAndGet(1);
        assertEquals(THERE, owners.locate(mentors.get(1)).activeHost());
        assertEquals(List.of(mentors.get(0), mentors.get(1)), asked);
    }

    @Test
    void nothingIsKeptWhileRebalancingOrNotRunningOrForAnotherPartitionCount() {
        String mentor = mentorsOnPartition(1, 1).get(0);
        PartitionOwners unavailable = owners(mentorId -> {
            asked.add(mentorId);
            return KeyQueryMetadata.NOT_AVAILABLE;
        });
        unavailable.locate(mentor);
        unavailable.locate(mentor);
        assertEquals(2, asked.size());

        asked.clear();
        running.set(false);
        PartitionOwners notRunning = owners(answering(HERE));
        notRunning.locate(mentor);
        notRunning.locate(mentor);
        assertEquals(2, asked.size());

        asked.clear();
        running.set(true);
        // the topics were created with another partition count than configured: Kafka Streams names another one
        PartitionOwners otherCount = owners(mentorId -> {
            asked.add(mentorId);
            return new KeyQueryMetadata(HERE, Set.of(), MentorPartitioner.partitionOf(mentorId, 12) + PARTITIONS);
        });
        otherCount.locate(mentor);
        otherCount.locate(mentor);
        assertEquals(2, asked.size());
    }

    @Test
    void aPartitionCountBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PartitionOwners(answering(HERE), running::get,
                now::get, 0));
    }

    private static List<String> mentorsOnPartition(int partition, int count) {
        List<String> mentors = new ArrayList<>();
        for (int i = 0; mentors.size() < count; i++) {
            String mentor = "pm-" + i;
            if (MentorPartitioner.partitionOf(mentor, PARTITIONS) == partition) {
                mentors.add(mentor);
            }
        }
        return mentors;
    }
}
