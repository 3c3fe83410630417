package org.peerstats.gateway.field;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link FieldProducerScenarios} on a broker that requires SASL (SCRAM) and ACLs, two instances:
 * the service with exactly the ACLs docs/operations.md lists ({@link org.peerstats.gateway.kafka.ServiceAcls}),
 * the producers with write on the input topics only. Every scenario must give the answers it
 * gives on an open broker.
 */
class SecuredClusterFieldProducersIntegrationTest extends FieldProducerScenarios {

    @BeforeAll
    static void start() {
        startInstances(2, true);
    }

    /** The DELETE grant on the internal topics at work: consumed repartition records are deleted. */
    @Test
    void consumedRepartitionRecordsArePurged() throws Exception {
        try (Admin admin = Admin.create(cluster().broker().superUserAdmin())) {
            Set<String> repartition = admin.listTopics().names().get().stream()
                    .filter(name -> name.endsWith("-repartition")).collect(Collectors.toSet());
            assertTrue(!repartition.isEmpty(), "no repartition topics");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long purged = 0;
            while (purged == 0 && System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetSpec> earliest = admin.describeTopics(repartition).allTopicNames().get()
                        .values().stream().flatMap(topic -> topic.partitions().stream()
                                .map(p -> new TopicPartition(topic.name(), p.partition())))
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()));
                purged = admin.listOffsets(earliest).all().get().values().stream()
                        .mapToLong(info -> info.offset()).sum();
                Thread.sleep(500);
            }
            assertTrue(purged > 0, "no record of " + repartition + " was deleted within 60 s");
        }
    }
}
