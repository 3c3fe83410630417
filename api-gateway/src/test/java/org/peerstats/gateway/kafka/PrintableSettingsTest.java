package org.peerstats.gateway.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrintableSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"security.protocol", "sasl.mechanism", "ssl.truststore.location",
            "ssl.endpoint.identification.algorithm", "commit.interval.ms", "statestore.uncommitted.max.bytes",
            "producer.linger.ms", "main.consumer.max.poll.records", "restore.consumer.max.poll.records",
            "global.consumer.fetch.max.wait.ms", "admin.request.timeout.ms", "metric.reporters"})
    void aKnownSettingThatIsNotACredentialIsShown(String name) {
        assertTrue(PrintableSettings.printable(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sasl.jaas.config", "ssl.keystore.key", "ssl.keystore.password", "ssl.key.password",
            "ssl.truststore.password", "ssl.truststore.certificates", "ssl.keystore.certificate.chain",
            "producer.sasl.jaas.config", "admin.ssl.keystore.key", "sasl.oauthbearer.client.credentials.client.secret",
            "some.plugin.token", "sasl.jaas.confg"})
    void aCredentialOrAnUnknownNameIsHidden(String name) {
        assertFalse(PrintableSettings.printable(name), name);
    }
}
