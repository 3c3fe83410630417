package org.peerstats.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
