package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.detail.MentorView;
import org.peerstats.streams.events.Limits;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.stats.OrganisationZones;

/** The bounds of the mentor-detail inputs: names, e-mail, status, contact names, expiry dates, open assignments. */
class DetailBoundsTopologyTest {

    private static final String KARI = "pm-kari-001";
    private static final String ORG = "org-nhf-oslo";
    private static final Instant T0 = Instant.parse("2026-03-26T12:00:00Z");

    @TempDir
    Path stateDir;
    private DetailTopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new DetailTopologyFixture(stateDir, OrganisationZones.of(ZoneId.of("Europe/Oslo")));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private List<String> reasons() {
        List<String> reasons = List.copyOf(fixture.base.deadLetterReasons);
        fixture.base.deadLetterReasons.clear();
        return reasons;
    }

    private static MentorProfile profile(String name, String email, String status) {
        return new MentorProfile(KARI, ORG, name, email, status, false);
    }

    @Test
    void profileFieldsOverTheirLimitsAreDeadLettered() {
        fixture.profile(profile("n".repeat(Limits.MAX_NAME_LENGTH + 1), "kari@example.org", "active"), T0);
        fixture.profile(profile("Kari", "e".repeat(Limits.MAX_EMAIL_LENGTH + 1), "active"), T0);
        fixture.profile(profile("Kari", "kari@example.org", "s".repeat(Limits.MAX_STATUS_LENGTH + 1)), T0);

        assertEquals(List.of("processing: full_name is 201 characters long; the limit is 200",
                "processing: email is 255 characters long; the limit is 254",
                "processing: status is 51 characters long; the limit is 50"), reasons());
        assertTrue(fixture.view(KARI).isEmpty());

        fixture.profile(profile("n".repeat(Limits.MAX_NAME_LENGTH), "e".repeat(Limits.MAX_EMAIL_LENGTH), "active"), T0);
        assertEquals(List.of(), reasons());
        assertEquals(Limits.MAX_NAME_LENGTH, fixture.view(KARI).orElseThrow().profile().fullName().length());
    }

    @Test
    void aContactNameOverTheLimitAndAnExpiryBefore2000AreDeadLettered() {
        fixture.assignment("as-1", KARI, "c".repeat(Limits.MAX_NAME_LENGTH + 1), "open", T0);
        fixture.certification(KARI, "1999-12-31T00:00:00Z", T0);

        assertEquals(List.of("processing: contact_name is 201 characters long; the limit is 200",
                "processing: expiry_date 1999-12-31T00:00:00Z is before 2000-01-01T00:00:00Z, the earliest time taken"),
                reasons());
        assertTrue(fixture.view(KARI).isEmpty());
    }

    @Test
    void anOpenAssignmentPastTheBoundIsRefusedAndChangesNothing() {
        fixture.profile(profile("Kari", "kari@example.org", "active"), T0);
        for (int i = 0; i < Limits.MAX_OPEN_ASSIGNMENTS; i++) {
            fixture.assignment(String.format("as-%03d", i), KARI, "Contact " + i, "open", T0);
        }
        MentorView before = fixture.view(KARI).orElseThrow();
        fixture.latestDocuments();

        fixture.assignment("as-over", KARI, "One too many", "open", T0);

        assertEquals(List.of("processing: the mentor already holds 200 open assignments, the limit; "
                + "assignment 'as-over' would be another"), reasons());
        assertEquals(before, fixture.view(KARI).orElseThrow());
        assertTrue(fixture.latestDocuments().isEmpty(), "no document for a refused change");

        fixture.assignment("as-007", KARI, "Contact 7, renamed", "open", T0);
        fixture.assignment("as-008", KARI, "Contact 8", "closed", T0);
        fixture.assignment("as-over", KARI, "Now there is room", "open", T0);
        assertEquals(List.of(), reasons(), "a change of a held one, a closing, then one more");
        assertEquals(Limits.MAX_OPEN_ASSIGNMENTS, fixture.view(KARI).orElseThrow().openAssignments().size());
    }
}
