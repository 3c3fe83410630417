package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-up print shows a Kafka setting's value only when it is a known, non-credential setting. */
class ConfigurationPrintTest {

    private static final String PEM = "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-----END PRIVATE KEY-----";

    @Test
    void credentialsAndUnknownSettingsAreHiddenTheRestShown() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of(
                "PEERSTATS_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "PEERSTATS_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "PEERSTATS_KAFKA_SASL_JAAS_CONFIG", "ScramLoginModule required username=\"p\" password=\"s3cret\";",
                "PEERSTATS_KAFKA_SSL_KEYSTORE_KEY", PEM,
                "PEERSTATS_KAFKA_PRODUCER_SSL_KEY_PASSWORD", "k3y",
                "PEERSTATS_KAFKA_MY_PLUGIN_TOKEN", "t0ken"));

        Map<String, String> printed = config.describe();

        assertEquals("SASL_SSL", printed.get("kafka.security.protocol"));
        assertEquals("SCRAM-SHA-512", printed.get("kafka.sasl.mechanism"));
        assertEquals(PeerstatsConfig.HIDDEN, printed.get("kafka.sasl.jaas.config"));
        assertEquals(PeerstatsConfig.HIDDEN, printed.get("kafka.ssl.keystore.key"));
        assertEquals(PeerstatsConfig.HIDDEN, printed.get("kafka.producer.ssl.key.password"));
        assertEquals(PeerstatsConfig.HIDDEN, printed.get("kafka.my.plugin.token"));
        String all = printed.toString();
        for (String secret : new String[] {"s3cret", "PRIVATE KEY", "k3y", "t0ken"}) {
            assertFalse(all.contains(secret), secret + " printed: " + all);
        }
    }
}
