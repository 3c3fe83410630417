package org.peerstats.gateway.field;

import org.junit.jupiter.api.BeforeAll;

/** {@link FieldProducerScenarios} on a real broker. One instance: every request is answered where the mentor lives. */
class OneInstanceFieldProducersIntegrationTest extends FieldProducerScenarios {

    @BeforeAll
    static void start() {
        startInstances(1);
    }
}
