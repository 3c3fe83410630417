package org.peerstats.gateway.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.peerstats.streams.Topics;

/**
 * The least a cluster with ACLs must grant: the service itself, the systems that produce its
 * events, and a service that reads its notifications (badge changes and streak reminders). {@code ./peerstats acls} prints these
 * as {@code kafka-acls.sh} commands (or applies them), docs/operations.md lists them for the
 * defaults, and the secured-cluster tests run with exactly these, so the three cannot drift.
 *
 * <p>The service: create, describe, read and write its own topics ({@code <topic prefix>*}: it
 * creates them, reads the inputs and commands, writes the outputs, the commands and the dead
 * letters); the same and DELETE on Kafka Streams' internal topics ({@code <application.id>-*}:
 * changelogs and repartition topics, which Streams creates, and whose consumed records it deletes,
 * so that {@code mentor-inputs} does not keep every event for good); READ on its consumer group
 * ({@code <application.id>}); describe and write its transactional ids ({@code <application.id>-*},
 * exactly-once). Nothing on the cluster: an idempotent producer needs only WRITE on its topics
 * (KIP-679). Not DESCRIBE_CONFIGS: Kafka Streams reads internal topics' configs only when asked
 * to validate them ({@code KafkaStreams#init}), which peerstats does not.
 *
 * <p>An event producer: WRITE on the five input topics, no more. Above all not on
 * {@code badge-commands} or {@code mentor-detail-commands}: a command enters through the REST
 * API, with its role check, or not at all.
 *
 * <p>The service's topic grant covers {@code dead-letter-replays}, which it creates; an operator
 * replaying dead letters has grants of its own ({@link #deadLetterReplayer}).
 */
public final class ServiceAcls {

    private ServiceAcls() {
    }

    /** One resource pattern and the operations a principal is allowed on it. */
    public record Grant(String principal, ResourceType resourceType, String name, PatternType patternType,
                        List<AclOperation> operations) {

        public List<AclBinding> bindings() {
            ResourcePattern pattern = new ResourcePattern(resourceType, name, patternType);
            return operations.stream().map(operation -> new AclBinding(pattern,
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW))).toList();
        }

        /** The {@code kafka-acls.sh} arguments that add this grant. */
        public String command() {
            String resource = switch (resourceType) {
                case TOPIC -> "--topic";
                case GROUP -> "--group";
                case TRANSACTIONAL_ID -> "--transactional-id";
                default -> throw new IllegalStateException("no kafka-acls.sh option for " + resourceType);
            };
            return "--add --allow-principal " + principal
                    + operations.stream().map(op -> " --operation " + camel(op)).collect(Collectors.joining())
                    + " " + resource + " '" + name + "'"
                    + (patternType == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
        }

        private static String camel(AclOperation operation) {
            String name = operation.name().toLowerCase(Locale.ROOT);
            StringBuilder out = new StringBuilder();
            for (String word : name.split("_")) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
            return out.toString();
        }
    }

    /**
     * @param principal     the service's principal, e.g. {@code User:peerstats}
     * @param applicationId {@code PEERSTATS_APPLICATION_ID}
     * @param topicPrefix   {@code PEERSTATS_TOPIC_PREFIX}
     */
    public static List<Grant> service(String principal, String applicationId, String topicPrefix) {
        return List.of(
                new Grant(principal, ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED, List.of(
                        AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE)),
                new Grant(principal, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, List.of(
                        AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE,
                        AclOperation.DELETE)),
                new Grant(principal, ResourceType.GROUP, applicationId, PatternType.LITERAL,
                        List.of(AclOperation.READ)),
                new Grant(principal, ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED,
                        List.of(AclOperation.DESCRIBE, AclOperation.WRITE)));
    }

    /** WRITE (and the DESCRIBE a producer's metadata request needs) on each input topic. */
    public static List<Grant> eventProducer(String principal, Topics topics) {
        return topics.inputs().stream().map(topic -> new Grant(principal, ResourceType.TOPIC, topic.name(),
                PatternType.LITERAL, List.of(AclOperation.DESCRIBE, AclOperation.WRITE))).toList();
    }

    /** READ on {@code badge-notifications}, {@code streak-reminders} and the reader's own consumer group. */
    public static List<Grant> notificationReader(String principal, Topics topics, String group) {
        return List.of(
                new Grant(principal, ResourceType.TOPIC, topics.badgeNotifications().name(), PatternType.LITERAL,
                        List.of(AclOperation.DESCRIBE, AclOperation.READ)),
                new Grant(principal, ResourceType.TOPIC, topics.streakReminders().name(), PatternType.LITERAL,
                        List.of(AclOperation.DESCRIBE, AclOperation.READ)),
                new Grant(principal, ResourceType.GROUP, group, PatternType.LITERAL, List.of(AclOperation.READ)));
    }

    /**
     * An operator who lists and replays dead letters ({@code ./peerstats dead-letters}): READ on
     * {@code dead-letter} and on the replay markers, WRITE on the markers and on each input topic
     * (a dead letter goes back where it came from, never to a command topic), and DESCRIBE and
     * WRITE on the replays' one transactional id, which is what makes each replay happen at most
     * once. Listing alone needs only the two READ grants.
     *
     * @param transactionalId the replays' transactional id ({@code DeadLetterReplayer.transactionalId})
     */
    public static List<Grant> deadLetterReplayer(String principal, Topics topics, String transactionalId) {
        List<Grant> grants = new ArrayList<>(List.of(
                new Grant(principal, ResourceType.TOPIC, topics.deadLetter().name(), PatternType.LITERAL,
                        List.of(AclOperation.DESCRIBE, AclOperation.READ)),
                new Grant(principal, ResourceType.TOPIC, topics.deadLetterReplays().name(), PatternType.LITERAL,
                        List.of(AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE))));
        topics.inputs().forEach(topic -> grants.add(new Grant(principal, ResourceType.TOPIC, topic.name(),
                PatternType.LITERAL, List.of(AclOperation.DESCRIBE, AclOperation.WRITE))));
        grants.add(new Grant(principal, ResourceType.TRANSACTIONAL_ID, transactionalId, PatternType.LITERAL,
                List.of(AclOperation.DESCRIBE, AclOperation.WRITE)));
        return grants;
    }

    /** Every binding of {@code grants}, for {@code Admin.createAcls}. */
    public static List<AclBinding> bindings(List<Grant> grants) {
        return grants.stream().flatMap(grant -> grant.bindings().stream()).toList();
    }
}
