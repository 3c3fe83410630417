package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line of {@code broker --users} and {@code acls}. */
class ClusterCommandsTest {

    @Test
    void usersArePasswordsByNameAndAPasswordMayHoldColons() {
        assertEquals(Map.of("peerstats", "svc:pw", "mentor-app", "p"), ClusterCommands.users("peerstats:svc:pw,mentor-app:p"));
        assertEquals(List.of("b", "a"), List.copyOf(ClusterCommands.users("b:1,a:2").keySet()), "in the order given");
        assertEquals(Map.of(), ClusterCommands.users(""));
    }

    @Test
    void aUserWithoutNameOrPasswordOrNamedTwiceIsAUsageError() {
        for (String wrong : new String[] {"peerstats", ":pw", "peerstats:", "a:1,a:2"}) {
            assertThrows(Main.UsageException.class, () -> ClusterCommands.users(wrong), wrong);
        }
    }

    @Test
    void theAclsFollowTheConfiguredApplicationIdTopicPrefixAndPrincipals() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Main.run(new String[] {"acls", "--principal", "User:svc", "--producer-principal", "User:app",
                "--reader-principal", "User:push", "--reader-group", "push-service"},
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                Map.of("PEERSTATS_APPLICATION_ID", "stats-prod", "PEERSTATS_TOPIC_PREFIX", "mentoring."));
        String text = printed.toString(StandardCharsets.UTF_8);

        assertTrue(text.contains("--allow-principal User:svc --operation Read --group 'stats-prod'"), text);
        assertTrue(text.contains("--topic 'stats-prod-' --resource-pattern-type prefixed"), text);
        assertTrue(text.contains("--topic 'mentoring.' --resource-pattern-type prefixed"), text);
        assertTrue(text.contains("--allow-principal User:app --operation Describe --operation Write "
                + "--topic 'mentoring.activities'"), text);
        assertTrue(text.contains("--allow-principal User:push --operation Read --group 'push-service'"), text);
        assertTrue(text.contains("--allow-principal User:push --operation Describe --operation Read "
                + "--topic 'mentoring.badge-notifications'"), text);
    }

    @Test
    void aReaderNeedsItsGroup() {
        assertThrows(Main.UsageException.class, () -> Main.run(new String[] {"acls", "--reader-principal", "User:p"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of()));
    }
}
