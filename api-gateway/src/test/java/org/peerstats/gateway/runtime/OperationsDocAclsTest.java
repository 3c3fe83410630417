package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ACLs docs/operations.md lists are the ones {@code ./peerstats acls} prints for the default
 * settings, which are the ones the secured-cluster tests grant: the document cannot drift from
 * what was tested.
 */
class OperationsDocAclsTest {

    private static final Path DOC = Path.of("..", "docs", "operations.md");
    private static final Path SASL_COMPOSE = Path.of("..", "docker", "docker-compose.sasl.yml");
    private static final String COMMAND_START = "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" "
            + "--command-config admin.properties ";

    @Test
    void theDocumentListsExactlyWhatTheCommandPrints() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"acls"}, new PrintStream(printed, true, StandardCharsets.UTF_8), Map.of());

        assertEquals(0, code);
        assertEquals(printed.toString(StandardCharsets.UTF_8).strip(), documentedBlock());
    }

    /** The SASL compose file's set-up grants the same, one {@code acl} line each. */
    @Test
    void theSaslComposeFileGrantsExactlyWhatTheCommandPrints() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Main.run(new String[] {"acls"}, new PrintStream(printed, true, StandardCharsets.UTF_8), Map.of());
        java.util.List<String> grants = printed.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith(COMMAND_START)).map(line -> line.substring(COMMAND_START.length()))
                .toList();
        java.util.List<String> composed = Files.readAllLines(SASL_COMPOSE, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> line.startsWith("acl --add "))
                .map(line -> line.substring("acl ".length())).toList();

        assertEquals(9, grants.size(), "the command printed " + grants);
        assertEquals(grants, composed);
    }

    /** The "Dead letters" section lists what {@code acls --replayer-principal} prints for an operator. */
    @Test
    void theDeadLettersSectionListsExactlyTheReplayersGrants() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Main.run(new String[] {"acls", "--replayer-principal", "User:peerstats-operator"},
                new PrintStream(printed, true, StandardCharsets.UTF_8), Map.of());
        String output = printed.toString(StandardCharsets.UTF_8);
        String replayer = output.substring(output.indexOf('\n', output.indexOf("# An operator who lists and replays")) + 1);

        assertEquals(8, replayer.strip().lines().count(), replayer);
        assertEquals(replayer.strip(), documentedBlock("dead-letter-acls"));
    }

    private static String documentedBlock() throws Exception {
        return documentedBlock("acls");
    }

    /** The bash block between {@code <!-- NAME:begin ... -->} and {@code <!-- NAME:end -->}. */
    private static String documentedBlock(String name) throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf("<!-- " + name + ":begin");
        int end = doc.indexOf("<!-- " + name + ":end -->");
        assertTrue(begin >= 0 && end > begin, "no " + name + ":begin/" + name + ":end markers in " + DOC);
        String block = doc.substring(doc.indexOf('\n', begin) + 1, end).strip();
        assertTrue(block.startsWith("```bash\n") && block.endsWith("```"), "not a bash block: " + block);
        return block.substring("```bash\n".length(), block.length() - "```".length()).strip();
    }
}
