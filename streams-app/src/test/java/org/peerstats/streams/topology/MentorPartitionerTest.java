package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
