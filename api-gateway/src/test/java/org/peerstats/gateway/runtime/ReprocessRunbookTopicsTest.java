package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.topology.PeerstatsTopology;

/**
 * The reset line of docs/operations.md ("Reprocess from scratch") names every topic the topology
 * reads from committed offsets — the sources of its sub-topologies, its own repartition topics
 * aside, which the tool finds by itself — and no other: a topic left out would keep its offsets,
 * and its records would not be read again.
 */
class ReprocessRunbookTopicsTest {

    @Test
    void theResetLineNamesEveryInputTopicOfTheTopology() throws Exception {
        PeerstatsConfig defaults = PeerstatsConfig.fromEnvironment(java.util.Map.of());
        TopologyDescription description = PeerstatsTopology.build(defaults.topologySettings()).describe();
        Set<String> read = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    source.topicSet().stream().filter(topic -> !topic.endsWith("-repartition")).forEach(read::add);
                }
            }
        }

        assertEquals(read, new TreeSet<>(ResetLine.fromDocs().inputTopics()));
        assertTrue(read.contains(defaults.topics().badgeCommands().name()), read.toString());
    }

    /** The documented invocation, split into the arguments Kafka's tool takes. */
    record ResetLine(List<String> arguments) {

        static final Path DOC = Path.of("..", "docs", "operations.md");
        static final String TOOL = "kafka-streams-application-reset.sh";

        static ResetLine fromDocs() throws Exception {
            String doc = Files.readString(DOC, StandardCharsets.UTF_8);
            int begin = doc.indexOf("<!-- reset:begin");
            int end = doc.indexOf("<!-- reset:end -->");
            assertTrue(begin >= 0 && end > begin, "no reset:begin/reset:end markers in " + DOC);
            String line = doc.substring(begin, end).lines().map(String::strip)
                    .filter(l -> l.startsWith(TOOL)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + TOOL + " line between the markers"));
            return new ResetLine(Arrays.stream(line.substring(TOOL.length()).strip().split("\\s+"))
                    .map(argument -> argument.replace("\"", "")).toList());
        }

        List<String> inputTopics() {
            return List.of(arguments.get(arguments.indexOf("--input-topics") + 1).split(","));
        }

        /** The arguments with {@code $BOOTSTRAP} replaced, as the tool is run. */
        String[] forBootstrap(String bootstrap) {
            return arguments.stream().map(argument -> argument.replace("$BOOTSTRAP", bootstrap)).toArray(String[]::new);
        }
    }
}
