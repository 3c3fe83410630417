package org.peerstats.streams.topology;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * A fresh {@link TopologyFixture} (the production topology in a test driver) per test, with Kari
 * of an Oslo organisation whose events are logged at {@link #LOGGED}.
 */
abstract class TopologyTestSupport {

    static final String KARI = "pm-kari-001";
    static final String ORG = "org-nhf-oslo";
    static final OrganisationZones ZONES = OrganisationZones.of(ZoneId.of("Europe/Oslo"));
    static final Instant LOGGED = Instant.parse("2026-03-26T12:00:00Z");

    @TempDir
    Path stateDir;
    TopologyFixture fixture;

    @BeforeEach
    void startDriver() {
        fixture = new TopologyFixture(stateDir, zones());
    }

    /** The organisations' zones the driver runs with; a test class about zones names its own. */
    OrganisationZones zones() {
        return ZONES;
    }

    @AfterEach
    void stopDriver() {
        fixture.close();
    }
}
