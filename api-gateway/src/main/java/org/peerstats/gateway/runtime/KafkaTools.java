package org.peerstats.gateway.runtime;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.tools.AclCommand;
import org.apache.kafka.tools.ConfigCommand;
import org.apache.kafka.tools.GetOffsetShell;
import org.apache.kafka.tools.StreamsResetter;
import org.apache.kafka.tools.TopicCommand;
import org.apache.kafka.tools.consumer.ConsoleConsumer;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;

/**
 * {@code peerstats kafka TOOL ARGS...}: Kafka's own command-line tools, the ones
 * docs/operations.md uses, run from the service's jar for a machine without a Kafka
 * distribution. Same tool, same arguments as {@code kafka-TOOL.sh}; nothing of peerstats in
 * between (the arguments and the exit status are the tool's).
 */
final class KafkaTools {

    /** By the name of their script in a Kafka distribution, without {@code .sh}. */
    static final Map<String, Tool> TOOLS = new TreeMap<>(Map.of(
            "kafka-streams-application-reset", StreamsResetter::main,
            "kafka-acls", AclCommand::main,
            "kafka-configs", ConfigCommand::main,
            "kafka-consumer-groups", ConsumerGroupCommand::main,
            "kafka-topics", TopicCommand::main,
            "kafka-console-consumer", ConsoleConsumer::main,
            "kafka-get-offsets", GetOffsetShell::main));

    /** A tool's {@code main}. */
    @FunctionalInterface
    interface Tool {
        void main(String[] args) throws Exception;
    }

    private KafkaTools() {
    }

    /** @param args the tool's name ({@code .sh} optional), then its arguments */
    static void run(String[] args) {
        if (args.length == 0) {
            throw new Main.UsageException("kafka needs a tool: " + String.join(", ", TOOLS.keySet()));
        }
        String name = args[0].endsWith(".sh") ? args[0].substring(0, args[0].length() - 3) : args[0];
        Tool tool = TOOLS.get(name);
        if (tool == null) {
            throw new Main.UsageException("no Kafka tool '" + args[0] + "' here; there are " + String.join(", ",
                    TOOLS.keySet()));
        }
        try {
            tool.main(Arrays.copyOfRange(args, 1, args.length));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(name + " failed: " + e.getMessage(), e);
        }
    }
}
