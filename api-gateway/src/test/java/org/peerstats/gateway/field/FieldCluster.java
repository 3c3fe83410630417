package org.peerstats.gateway.field;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.peerstats.gateway.kafka.ServiceAcls;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.gateway.runtime.PeerstatsConfig;
import org.peerstats.streams.Topics;

/**
 * The cluster the field scenarios run on: an open broker, or one that requires SASL and ACLs,
 * where the service logs in as {@value #SERVICE_USER} (SCRAM) with exactly {@link ServiceAcls#service}
 * and the field's producers as {@value #PRODUCER_USER} (PLAIN) with exactly {@link ServiceAcls#eventProducer}.
 *
 * @param serviceEnvironment the {@code PEERSTATS_KAFKA_*} variables the instances need
 * @param producerSettings   the Kafka settings of the field's producers
 */
record FieldCluster(EmbeddedKafkaBroker broker, Map<String, String> serviceEnvironment,
                    Map<String, String> producerSettings) implements AutoCloseable {

    static final String SERVICE_USER = "peerstats";
    static final String PRODUCER_USER = "mentor-app";

    static FieldCluster open(Path dir) {
        return new FieldCluster(EmbeddedKafkaBroker.start(dir, 0), Map.of(), Map.of());
    }

    /** A secured broker with the service's and the producers' users and their documented ACLs, nothing more. */
    static FieldCluster secured(Path dir, String applicationId, Topics topics, String topicPrefix) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startSecured(dir, 0, "broker-secret",
                Map.of(SERVICE_USER, "service-secret", PRODUCER_USER, "producer-secret"));
        try {
            grant(broker, ServiceAcls.bindings(ServiceAcls.service("User:" + SERVICE_USER, applicationId, topicPrefix)));
            grant(broker, ServiceAcls.bindings(ServiceAcls.eventProducer("User:" + PRODUCER_USER, topics)));
            Map<String, String> service = new HashMap<>(EmbeddedKafkaBroker.scramClientSettings(SERVICE_USER,
                    "service-secret"));
            // purging consumed repartition records is what the DELETE grant is for: every second, not
            // every 30 s, so that a test sees it
            service.put("repartition.purge.interval.ms", "1000");
            // the field's producers log in with PLAIN, as librdkafka before 2.6.1 must (its SCRAM is refused by Kafka 4)
            return new FieldCluster(broker, PeerstatsConfig.kafkaEnvironment(service),
                    EmbeddedKafkaBroker.plainClientSettings(PRODUCER_USER, "producer-secret"));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    FieldProducer producer() {
        return new FieldProducer(bootstrapServers(), producerSettings);
    }

    static void grant(EmbeddedKafkaBroker broker, List<org.apache.kafka.common.acl.AclBinding> bindings) {
        try (Admin admin = Admin.create(broker.superUserAdmin())) {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create ACLs: " + e.getMessage(), e);
        }
    }


    @Override
    public void close() {
        broker.close();
    }
}
