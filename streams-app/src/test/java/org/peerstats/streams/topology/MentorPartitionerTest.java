package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.clock.ClockTick;

class MentorPartitionerTest {

    @Test
    void placesByTheStandardCrc32OfTheUtf8Id() {
        // CRC-32 (IEEE) of "123456789" is 0xCBF43926 = 3421780262, the algorithm's check value
        assertEquals(3421780262L % 6, MentorPartitioner.partitionOf("123456789", 6));
        assertEquals(3421780262L % 7, MentorPartitioner.partitionOf("123456789", 7));
    }

    @Test
    void aRecordGoesToExactlyOnePartitionWhateverItsValue() {
        MentorPartitioner<Object> partitioner = MentorPartitioner.instance();
        for (String mentor : new String[] {"pm-kari-001", "pm-ola-002", "pm-åse-ø"}) {
            Set<Integer> expected = Set.of(MentorPartitioner.partitionOf(mentor, 6));
            assertEquals(Optional.of(expected), partitioner.partitions("t", mentor, null, 6));
            assertEquals(Optional.of(expected), partitioner.partitions("t", mentor, "any value", 6));
        }
    }

    @Test
    void aClockTickGoesToEveryPartitionForEveryTaskFollowsEveryZonesDays() {
        MentorPartitioner<MentorInput> partitioner = MentorPartitioner.instance();
        MentorInput tick = new MentorInput.ClockTick(ClockTick.midnight(ZoneId.of("Europe/Oslo"), LocalDate.of(2026, 3, 29)));
        assertEquals(Optional.of(Set.of(0, 1, 2, 3, 4, 5)), partitioner.partitions("t", "midnight:Europe/Oslo", tick, 6));
        assertEquals(Optional.of(Set.of(0)), partitioner.partitions("t", "midnight:Europe/Oslo", tick, 1));
    }

    @Test
    void spreadsMentorsEvenlyEnough() {
        int[] counts = new int[6];
        for (int i = 0; i < 6_000; i++) {
            counts[MentorPartitioner.partitionOf("pm-" + i, 6)]++;
        }
        for (int count : counts) {
            assertTrue(count > 800 && count < 1_200, java.util.Arrays.toString(counts));
        }
    }

    @Test
    void refusesAPartitionCountBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> MentorPartitioner.partitionOf("pm-1", 0));
    }
}
