package org.peerstats.streams.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrganisationZonesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void theDefaultZoneIsOslo() {
        assertEquals(OSLO, OrganisationZones.DEFAULT_ZONE);
    }

    @Test
    void parsesEachOrganisationsZone() {
        OrganisationZones zones = OrganisationZones.parse(OSLO, "org-a=Europe/Oslo,org-b=America/New_York");

        assertEquals(Map.of("org-a", OSLO, "org-b", NEW_YORK), zones.byOrganisation());
        assertEquals(OSLO, zones.zoneOf("org-a"));
        assertEquals(NEW_YORK, zones.zoneOf("org-b"));
    }

    @Test
    void spacesAroundEntriesNamesAndZonesAreIgnored() {
        OrganisationZones zones = OrganisationZones.parse(OSLO, " org-a = UTC , org-b=America/New_York ");

        assertEquals(Map.of("org-a", UTC, "org-b", NEW_YORK), zones.byOrganisation());
    }

    @Test
    void unlistedAndMissingOrganisationsGetTheDefaultZone() {
        OrganisationZones zones = OrganisationZones.parse(NEW_YORK, "org-a=Europe/Oslo");

        assertEquals(NEW_YORK, zones.zoneOf("org-unknown"));
        assertEquals(NEW_YORK, zones.zoneOf(null));
        assertEquals(NEW_YORK, zones.defaultZone());
    }

    @Test
    void aBlankOrMissingSpecListsNoOrganisations() {
        assertEquals(Map.of(), OrganisationZones.parse(OSLO, "").byOrganisation());
        assertEquals(Map.of(), OrganisationZones.parse(OSLO, "   ").byOrganisation());
        assertEquals(Map.of(), OrganisationZones.parse(OSLO, null).byOrganisation());
        assertEquals(OrganisationZones.of(OSLO), OrganisationZones.parse(OSLO, null));
    }

    @Test
    void theLastEntryForAnOrganisationWins() {
        OrganisationZones zones = OrganisationZones.parse(OSLO, "org-a=UTC,org-a=America/New_York");

        assertEquals(NEW_YORK, zones.zoneOf("org-a"));
    }

    @Test
    void anEntryWithoutAnEqualsSignIsRejectedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OrganisationZones.parse(OSLO, "org-a=UTC, org-b "));

        assertEquals("organisation zone 'org-b' is not of the form organisation_id=Zone/Id", error.getMessage());
    }

    @Test
    void anEntryWithoutAnOrganisationIsRejectedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OrganisationZones.parse(OSLO, "=Europe/Oslo"));

        assertEquals("organisation zone '=Europe/Oslo' is not of the form organisation_id=Zone/Id",
                error.getMessage());
    }

    @Test
    void anEmptyEntryBetweenCommasIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OrganisationZones.parse(OSLO, "org-a=UTC,,org-b=UTC"));

        assertEquals("organisation zone '' is not of the form organisation_id=Zone/Id", error.getMessage());
    }

    @Test
    void anUnknownZoneIsRejectedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OrganisationZones.parse(OSLO, "org-a=Mars/Olympus_Mons"));

        assertEquals("unknown time zone 'Mars/Olympus_Mons'", error.getMessage());
    }

    @Test
    void theZoneMapCannotBeChangedAfterwards() {
        OrganisationZones zones = OrganisationZones.parse(OSLO, "org-a=UTC");

        assertThrows(UnsupportedOperationException.class, () -> zones.byOrganisation().put("org-b", UTC));
    }
}
