package org.peerstats.gateway.field;

import org.junit.jupiter.api.BeforeAll;

/** {@link FieldProducerScenarios} on a real broker. Two instances of one application: half the requests are forwarded to the mentor's owner, and every answer is compared. */
class TwoInstancesFieldProducersIntegrationTest extends FieldProducerScenarios {

    @BeforeAll
    static void start() {
        startInstances(2);
    }
}
