package org.peerstats.gateway.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.http.ServiceUnavailableException;
import org.peerstats.streams.detail.ActivitySummary;
import org.peerstats.streams.detail.MentorDetail;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.lists.Page;
import org.peerstats.streams.detail.MentorDetailStateMachine;
import org.peerstats.streams.events.MentorDetailEvent;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * The service's own rules — bounded waits, query-time values, list visibility — over an in-memory
 * directory whose commands are applied by the real state machine. Kafka, the stores and HTTP are
 * exercised for real in {@link MentorDetailIntegrationTest}.
 */
class MentorDetailServiceTest {

    private static final String KARI = "pm-kari-001";
    private static final String OSLO = "org-nhf-oslo";
    private static final MentorProfile KARI_PROFILE = new MentorProfile(KARI, OSLO, "Kari Nordmann",
            "kari.nordmann@frivillig.no", "active", false);
    private static final OrganisationZones ZONES = OrganisationZones.of(ZoneId.of("Europe/Oslo"));
    private static final Principal SYSTEM = new Principal("svc", Role.SYSTEM, null, null);

    private record HeldCommand(MentorDetailEvent event, MentorDetailDispatcher.Dispatch dispatch) {
    }

    /** Mentor documents in memory; applies commands at once unless told to hold them back. */
    private static final class Topology implements MentorDetailDirectory, MentorDetailDispatcher {
        final Map<String, MentorDetail> details = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, HeldCommand> held = new HashMap<>();
        final Clock clock;
        boolean applyCommands = true;
        long nextOffset;

        Topology(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Optional<MentorDetailDocument> find(String mentorId) {
            return Optional.ofNullable(details.get(mentorId)).map(detail -> detail.document(mentorId));
        }

        @Override
        public Page<MentorDetailDocument> list(Optional<String> organisationId, Optional<String> status, long offset,
                                               int limit) {
            List<MentorDetailDocument> found = new ArrayList<>();
            details.forEach((id, detail) -> {
                MentorDetailDocument document = detail.document(id);
                if (document.known() && organisationId.map(document.organisationId()::equals).orElse(true)
                        && status.map(s -> s.equals(document.status())).orElse(true)) {
                    found.add(document);
                }
            });
            found.sort(java.util.Comparator.comparing(MentorDetailDocument::mentorId));
            return new Page<>(found.stream().skip(offset).limit(limit).toList(), found.size());
        }

        @Override
        public synchronized Dispatch dispatch(String mentorId, MentorDetailEvent event) {
            Dispatch dispatch = new Dispatch("c" + nextOffset, nextOffset++, clock.instant());
            if (applyCommands) {
                apply(mentorId, event, dispatch);
            } else {
                held.put(mentorId, new HeldCommand(event, dispatch));
            }
            return dispatch;
        }

        /** Applies the command last held back for {@code mentorId}. */
        synchronized void applyDispatched(String mentorId) {
            HeldCommand command = held.remove(mentorId);
            apply(mentorId, command.event(), command.dispatch());
        }

        private void apply(String mentorId, MentorDetailEvent event, Dispatch dispatch) {
            details.compute(mentorId, (id, detail) -> (detail == null ? MentorDetail.NONE : detail).apply(
                    new MentorDetailStateMachine.Command(dispatch.commandId(), event, dispatch.offset(),
                            dispatch.dispatchedAt()), view -> new ActivitySummary(0, 0, "month")));
        }
    }

    private static MentorDetailService service(Topology topology, Clock clock, Duration wait) {
        return new MentorDetailService(topology, topology, ZONES, clock, 90, wait);
    }

    @Test
    void aCommandThatIsNotAppliedInTimeIsAnswered503WithRetryAfter() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-26T10:00:00Z"), ZoneOffset.UTC);
        Topology topology = new Topology(clock);
        topology.details.put(KARI, MentorDetail.NONE.withProfile(KARI_PROFILE));
        topology.applyCommands = false;
        MentorDetailService service = service(topology, clock, Duration.ofMillis(150));

        ServiceUnavailableException unavailable = assertThrows(ServiceUnavailableException.class,
                () -> service.detail(Optional.empty(), KARI));

        assertEquals(503, unavailable.status());
        assertEquals(Duration.ofSeconds(2), unavailable.retryAfter());
        assertEquals(1, topology.nextOffset, "one load was dispatched");
        assertThrows(ServiceUnavailableException.class, () -> service.clear(SYSTEM, KARI));
    }

    @Test
    void daysUntilExpiryCountFromTheOrganisationsLocalDay() {
        // 23:30 UTC on 25 March is already 26 March in Oslo.
        Clock clock = Clock.fixed(Instant.parse("2026-03-25T23:30:00Z"), ZoneOffset.UTC);
        Topology topology = new Topology(clock);
        topology.details.put(KARI, MentorDetail.NONE.withProfile(KARI_PROFILE)
                .withCertificationExpiry(Instant.parse("2028-01-20T00:00:00Z")));
        MentorDetailService service = service(topology, clock, Duration.ofSeconds(1));

        MentorDetailResponses.Detail detail = service.detail(Optional.empty(), KARI);

        assertEquals(new MentorDetailResponses.Certification(Instant.parse("2028-01-20T00:00:00Z"), 665, false),
                detail.certification());
        assertEquals(Long.valueOf(665), service.list(SYSTEM, Optional.empty(), Optional.empty(), 1, 20)
                .data().get(0).daysUntilExpiry());
    }

    @Test
    void instantsOnTheWireHaveWholeSeconds() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-26T10:00:00.987654Z"), ZoneOffset.UTC);
        Topology topology = new Topology(clock);
        topology.details.put(KARI, MentorDetail.NONE.withProfile(KARI_PROFILE));
        MentorDetailService service = service(topology, clock, Duration.ofSeconds(1));

        assertEquals(Instant.parse("2026-03-26T10:00:00Z"), service.load(SYSTEM, KARI).dispatchedAt());
        assertEquals(Instant.parse("2026-03-26T10:00:00Z"), service.detail(Optional.empty(), KARI).loadedAt());
    }

    @Test
    void aCoordinatorWithoutOrganisationMayNotListAndAPeerMentorNeverLists() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-26T10:00:00Z"), ZoneOffset.UTC);
        MentorDetailService service = service(new Topology(clock), clock, Duration.ofSeconds(1));

        ApiException coordinator = assertThrows(ApiException.class, () -> service.list(
                new Principal("c", Role.COORDINATOR, null, null), Optional.empty(), Optional.empty(), 1, 20));
        assertEquals(403, coordinator.status());
        ApiException mentor = assertThrows(ApiException.class, () -> service.list(
                new Principal("m", Role.PEER_MENTOR, OSLO, KARI), Optional.of(OSLO), Optional.empty(),
                1, 20));
        assertEquals(403, mentor.status());
    }

    @Test
    void anonymousReadersOfAnUnloadedMentorShareOneLoadAndLaterOnesReadTheSnapshot() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-26T10:00:00Z"), ZoneOffset.UTC);
        Topology topology = new Topology(clock);
        topology.details.put(KARI, MentorDetail.NONE.withProfile(KARI_PROFILE));
        topology.applyCommands = false;
        MentorDetailService service = service(topology, clock, Duration.ofSeconds(5));

        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<MentorDetailResponses.Detail>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(readers.submit(() -> service.detail(Optional.empty(), KARI)));
            }
            long waitedFor = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (topology.nextOffset == 0 && System.nanoTime() < waitedFor) {
                Thread.sleep(10);
            }
            Thread.sleep(1000); // all four are waiting by now
            topology.applyDispatched(KARI);
            for (Future<MentorDetailResponses.Detail> answer : answers) {
                assertEquals(KARI, answer.get().mentorId());
            }
        } finally {
            readers.shutdownNow();
        }
        assertEquals(1, topology.nextOffset, "four anonymous readers, one load");

        service.detail(Optional.empty(), KARI);
        assertEquals(1, topology.nextOffset, "the snapshot is there: no load at all");
    }
}
