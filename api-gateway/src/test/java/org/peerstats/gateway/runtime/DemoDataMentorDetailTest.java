package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.detail.ExpiryWarning;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.Assignment;
import org.peerstats.streams.events.Certification;
import org.peerstats.streams.events.DetailEventValidator;
import org.peerstats.streams.events.MentorProfile;

/** The mentor-detail part of the demo data: enough variety for the dashboard to show something. */
class DemoDataMentorDetailTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-26");

    @Test
    void everyDemoMentorHasAValidProfileWithARealisticNameAndAnAddressUnderADemoDomain() {
        List<MentorProfile> profiles = DemoData.profiles();
        Set<String> active = DemoData.activities(TODAY.minusDays(1)).stream().map(ActivityEvent::peerMentorId)
                .collect(Collectors.toSet());

        assertEquals(DemoData.mentorCount(), profiles.size());
        assertEquals(active, profiles.stream().map(MentorProfile::peerMentorId).collect(Collectors.toSet()));
        assertEquals(new MentorProfile(DemoData.KARI, DemoData.OSLO, "Kari Nordmann", "kari.nordmann@frivillig.no",
                "active", false), profiles.get(0));
        profiles.forEach(p -> DetailEventValidator.validateProfile(p.peerMentorId(), p));
        assertTrue(profiles.stream().allMatch(p -> p.fullName().matches("\\p{Lu}\\p{L}+ \\p{Lu}\\p{L}+")),
                profiles::toString);
        assertTrue(profiles.stream().allMatch(p -> p.email().matches("[a-z]+\\.[a-z]+@(frivillig\\.no|example\\.org)")),
                profiles::toString);
        assertEquals(2, profiles.stream().filter(MentorProfile::isPaused).count());
        assertEquals(2, profiles.stream().filter(p -> p.status().equals("inactive")).count());
    }

    @Test
    void certificationsAreMostlyFarOutWithSomeWithinTheWarningWindowAndSomeExpired() {
        List<Certification> certifications = DemoData.certifications(TODAY);
        certifications.forEach(c -> DetailEventValidator.validateCertification(c.peerMentorId(), c, TODAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        Map<String, Long> days = certifications.stream().collect(Collectors.toMap(Certification::peerMentorId,
                c -> ExpiryWarning.of(c.expiryDate(), TODAY, 90).daysUntilExpiry()));

        assertEquals(665L, days.get(DemoData.KARI));
        long expired = days.values().stream().filter(d -> d < 0).count();
        long warned = days.values().stream().filter(d -> d >= 0 && d <= 90).count();
        long farOut = days.values().stream().filter(d -> d > 90).count();
        assertEquals(List.of(3L, 4L, 27L), List.of(expired, warned, farOut));
        assertEquals(DemoData.mentorCount() - 2, certifications.size(), "two mentors have none");
    }

    @Test
    void assignmentsAreOpenAndClosedWithUniqueIdsAndKariHasTwoOpen() {
        List<Assignment> assignments = DemoData.assignments();
        assignments.forEach(a -> DetailEventValidator.validateAssignment(a.assignmentId(), a));

        assertEquals(assignments.size(), assignments.stream().map(Assignment::assignmentId).distinct().count());
        Map<Boolean, Long> byOpen = assignments.stream().collect(Collectors.partitioningBy(Assignment::isOpen,
                Collectors.counting()));
        assertEquals(Map.of(true, 53L, false, 13L), byOpen);
        assertEquals(List.of("Per Olsen", "Liv Svendsen"), assignments.stream()
                .filter(a -> a.peerMentorId().equals(DemoData.KARI) && a.isOpen())
                .map(Assignment::contactName).toList());
        Set<String> mentors = DemoData.profiles().stream().map(MentorProfile::peerMentorId)
                .collect(Collectors.toSet());
        assertTrue(assignments.stream().map(Assignment::peerMentorId).allMatch(mentors::contains));
        assertTrue(assignments.stream().collect(Collectors.groupingBy(Assignment::peerMentorId, Collectors.counting()))
                .size() > 20, "most mentors have assignments");
        assertEquals(3, assignments.stream()
                .filter(a -> a.peerMentorId().equals(DemoData.KARI)).count());
    }
}
