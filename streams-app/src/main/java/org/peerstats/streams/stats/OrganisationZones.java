package org.peerstats.streams.stats;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which time zone an organisation's calendar days are counted in. Days, weeks, months and streaks
 * are local calendar periods, so the zone decides which day an activity falls on.
 *
 * @param defaultZone    for organisations not listed
 * @param byOrganisation explicit zones by organisation id
 */
public record OrganisationZones(ZoneId defaultZone, Map<String, ZoneId> byOrganisation) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Oslo");

    public OrganisationZones {
        byOrganisation = Map.copyOf(byOrganisation);
    }

    public static OrganisationZones of(ZoneId defaultZone) {
        return new OrganisationZones(defaultZone, Map.of());
    }

    /**
     * Parses {@code "org-a=Europe/Oslo,org-b=America/New_York"}; blank means none listed.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code org=Zone/Id}
     */
    public static OrganisationZones parse(ZoneId defaultZone, String spec) {
        Map<String, ZoneId> zones = new TreeMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String entry : spec.split(",")) {
                String[] parts = entry.trim().split("=", 2);
                if (parts.length != 2 || parts[0].isBlank()) {
                    throw new IllegalArgumentException("organisation zone '" + entry.trim()
                            + "' is not of the form organisation_id=Zone/Id");
                }
                zones.put(parts[0].trim(), zoneId(parts[1].trim()));
            }
        }
        return new OrganisationZones(defaultZone, zones);
    }

    public ZoneId zoneOf(String organisationId) {
        return organisationId == null ? defaultZone : byOrganisation.getOrDefault(organisationId, defaultZone);
    }

    private static ZoneId zoneId(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + id + "'", e);
        }
    }
}
