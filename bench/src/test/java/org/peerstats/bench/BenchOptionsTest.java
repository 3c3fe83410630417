package org.peerstats.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void streamsSettingsForAWhatIfAreCollectedInOrder() {
        BenchMain.Options options = BenchMain.Options.parse(new String[] {"bench", "--quick",
            "--streams-config", "max.task.idle.ms=-1", "--streams-config", "commit.interval.ms = 50"});

        assertEquals(Map.of("max.task.idle.ms", "-1", "commit.interval.ms", "50"), options.streamsOverrides());
        assertEquals(BenchMode.QUICK, options.mode);
    }

    @Test
    void aSettingWithoutAValueOrAWhatIfRecordedAsTheDocsIsRefused() {
        assertEquals("--streams-config needs KEY=VALUE, not 'max.task.idle.ms'",
                assertThrows(BenchMain.UsageException.class, () -> BenchMain.Options.parse(
                        new String[] {"--streams-config", "max.task.idle.ms"})).getMessage());
        assertEquals("--docs records the service as shipped, not a what-if run",
                assertThrows(BenchMain.UsageException.class, () -> BenchMain.Options.parse(
                        new String[] {"--docs", "--streams-config", "max.task.idle.ms=-1"})).getMessage());
    }

    @Test
    void restoreOnlyRunsThirtyThousandMentorsUnlessToldOtherwise() {
        BenchMain.Options options = BenchMain.Options.parse(new String[] {"bench", "--restore-only"});
        assertTrue(options.restoreOnly);
        assertEquals(BenchMode.RESTORE_ONLY, options.mode);
        assertEquals(30_000, options.mode.maxMentors());

        BenchMain.Options smaller = BenchMain.Options.parse(new String[] {"--restore-only", "--mentors", "500",
            "--jfr", "/tmp/profiles"});
        assertEquals(BenchMode.RESTORE_ONLY.withMentors(500), smaller.mode);
        assertEquals("/tmp/profiles", smaller.jfr);
    }

    @Test
    void peerOnlyRunsTwoThousandMentorsUnlessToldOtherwiseAndGoesWithNoOtherKindOfRun() {
        assertEquals(BenchMode.PEER_ONLY, BenchMain.Options.parse(new String[] {"bench", "--peer-only"}).mode);
        assertEquals(2_000, BenchMode.PEER_ONLY.maxMentors());
        assertEquals(300, BenchMain.Options.parse(new String[] {"--peer-only", "--mentors", "300"}).mode.maxMentors());
        for (String other : List.of("--quick", "--docs", "--restore-only", "--lists-only")) {
            assertThrows(BenchMain.UsageException.class,
                    () -> BenchMain.Options.parse(new String[] {"--peer-only", other}), other);
        }
    }

    @Test
    void restoreOnlyIsNeitherAQuickRunNorOneForTheDocs() {
        assertEquals("--restore-only and --quick are different runs: for a small restore, --restore-only --mentors N",
                assertThrows(BenchMain.UsageException.class, () -> BenchMain.Options.parse(
                        new String[] {"--restore-only", "--quick"})).getMessage());
        assertEquals("--docs records the full run; --restore-only writes restore.json only",
                assertThrows(BenchMain.UsageException.class, () -> BenchMain.Options.parse(
                        new String[] {"--docs", "--restore-only"})).getMessage());
        assertFalse(BenchMain.Options.parse(new String[] {"--quick"}).restoreOnly);
    }

    @Test
    void theListPhaseRunsAloneQuickOrFullButWithNothingOfTheOtherRuns() {
        BenchMain.Options quick = BenchMain.Options.parse(new String[] {"--lists-only", "--quick"});
        assertTrue(quick.listsOnly);
        assertEquals(BenchMode.QUICK, quick.mode);
        assertEquals("--lists-only runs the list phase alone (with --quick: its small sizes); it takes no "
                        + "--restore-only, --docs, --broker-dir or --mentors",
                assertThrows(BenchMain.UsageException.class, () -> BenchMain.Options.parse(
                        new String[] {"--lists-only", "--mentors", "100"})).getMessage());
        assertFalse(BenchMain.Options.parse(new String[] {"--quick"}).listsOnly);
    }

    @Test
    void aKeptBrokerDirectoryIsForRestoreOnlyRuns() {
        assertEquals("/tmp/broker", BenchMain.Options.parse(
                new String[] {"--restore-only", "--broker-dir", "/tmp/broker"}).brokerDir);
        assertEquals("--broker-dir keeps the changelogs of a --restore-only run; the full run starts on a fresh broker",
                assertThrows(BenchMain.UsageException.class, () -> BenchMain.Options.parse(
                        new String[] {"--broker-dir", "/tmp/broker"})).getMessage());
    }
}
