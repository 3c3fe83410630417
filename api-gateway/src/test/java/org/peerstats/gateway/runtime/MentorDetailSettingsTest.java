package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mentor-detail settings of {@link PeerstatsConfig}: defaults, parsing and the start-up listing. */
class MentorDetailSettingsTest {

    @Test
    void byDefaultTheWarningWindowIs90DaysAndTheRoutesNeedAToken() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of());

        assertEquals(90, config.certWarningDays());
        assertFalse(config.mentorDetailPublic());
        assertEquals("90", config.describe().get("mentor.detail.cert.warning.days"));
        assertEquals("false", config.describe().get("mentor.detail.public"));
    }

    @Test
    void bothAreSetFromTheEnvironmentAndKeptByWithKafka() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of(
                "PEERSTATS_CERT_WARNING_DAYS", "30",
                "PEERSTATS_MENTOR_DETAIL_PUBLIC", "TRUE"));

        assertEquals(30, config.certWarningDays());
        assertTrue(config.mentorDetailPublic());
        PeerstatsConfig forTests = config.withKafka("localhost:1", 0, java.nio.file.Path.of("x"), "app");
        assertEquals(30, forTests.certWarningDays());
        assertTrue(forTests.mentorDetailPublic());
    }

    @Test
    void unusableValuesAreRefusedNamingTheVariable() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_CERT_WARNING_DAYS", "-1")));
        assertEquals("PEERSTATS_CERT_WARNING_DAYS must be at least 0, not -1", negative.getMessage());
        IllegalArgumentException notBoolean = assertThrows(IllegalArgumentException.class,
                () -> PeerstatsConfig.fromEnvironment(Map.of("PEERSTATS_MENTOR_DETAIL_PUBLIC", "yes")));
        assertEquals("PEERSTATS_MENTOR_DETAIL_PUBLIC must be true or false, not 'yes'", notBoolean.getMessage());
    }
}
