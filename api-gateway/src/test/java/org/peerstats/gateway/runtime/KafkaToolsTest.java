package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.common.utils.internals.Exit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code peerstats kafka TOOL}: Kafka's own tool, by its script's name, with its own arguments. */
class KafkaToolsTest {

    /**
     * What the tool asked to exit with, instead of ending the test's JVM. A tool may catch it and
     * exit again (with 1): the first request is the tool's answer.
     */
    static final class Exited extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exited(int code) {
            super("exit " + code);
        }
    }

    private Integer firstExit;

    @BeforeEach
    void catchExits() {
        Exit.setExitProcedure((code, message) -> {
            if (firstExit == null) {
                firstExit = code;
            }
            throw new Exited(code);
        });
    }

    @AfterEach
    void restoreExits() {
        Exit.resetExitProcedure();
    }

    @Test
    void runsTheNamedToolWithItsOwnArgumentsWithOrWithoutTheScriptSuffix() {
        for (String name : new String[] {"kafka-topics", "kafka-topics.sh"}) {
            firstExit = null;
            String printed = captured(() -> {
                try {
                    Main.run(new String[] {"kafka", name, "--version"}, System.out, Map.of());
                } catch (Exited expected) {
                    // the tool ends by exiting
                }
            });
            assertEquals(0, firstExit, name);
            assertTrue(printed.contains(AppInfoParser.getVersion()), name + " printed: " + printed);
        }
    }

    @Test
    void theToolsExitStatusIsItsOwn() {
        assertThrows(Exited.class, () -> captured(() -> Main.run(
                new String[] {"kafka", "kafka-streams-application-reset", "--no-such-option"}, System.out, Map.of())));
        assertEquals(1, firstExit);
    }

    @Test
    void anUnknownToolIsAUsageErrorNamingTheOnesThereAre() {
        Main.UsageException refused = assertThrows(Main.UsageException.class,
                () -> Main.run(new String[] {"kafka", "kafka-mirror-maker"}, System.out, Map.of()));
        assertTrue(refused.getMessage().contains("kafka-streams-application-reset"), refused.getMessage());
    }

    /** What the tool wrote to standard output (tools print there, not to a stream they are given). */
    private static String captured(Runnable run) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
