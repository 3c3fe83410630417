package org.peerstats.gateway.detail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Visibility;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.http.ServiceUnavailableException;
import org.peerstats.streams.detail.ExpiryWarning;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.detail.MentorDetailSnapshot;
import org.peerstats.streams.detail.MentorDetailStateMachine;
import org.peerstats.streams.events.MentorDetailEvent;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.lists.Page;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * The peer-mentor-bloc answers: the loaded detail (loading it first when there is none), the
 * organisation dashboard list, and the dispatch of load, refresh and clear. Every dispatch waits
 * (bounded) until the topology has applied the command, so a following read sees its effect; past
 * the bound the answer is 503 with {@code Retry-After}. Query-time values (days until expiry) come
 * from the injected clock in the mentor's organisation's zone.
 *
 * <p>Knows nothing of HTTP. The caller is empty when the routes are public; otherwise the rules of
 * {@link Principal} decide what it may see and do.
 */
public final class MentorDetailService {

    /** How long a request waits for its command to be applied. */
    public static final Duration DEFAULT_COMMAND_WAIT = Duration.ofSeconds(10);

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final MentorDetailDirectory directory;
    private final MentorDetailDispatcher dispatcher;
    private final OrganisationZones zones;
    private final Clock clock;
    private final int warningDays;
    private final Duration commandWait;
    /** Loads sent for anonymous GETs and not yet applied, by mentor: one at a time per mentor. */
    private final ConcurrentMap<String, MentorDetailDispatcher.Dispatch> anonymousLoads = new ConcurrentHashMap<>();

    public MentorDetailService(MentorDetailDirectory directory, MentorDetailDispatcher dispatcher,
                               OrganisationZones zones, Clock clock, int warningDays, Duration commandWait) {
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.zones = zones;
        this.clock = clock;
        this.warningDays = warningDays;
        this.commandWait = commandWait;
    }

    /**
     * The loaded detail; when there is no snapshot yet (never loaded, or cleared), loads it first.
     * An anonymous caller (public mode) never sends a load of its own: while one of this
     * instance's loads of the mentor is on its way, every anonymous request waits for that one,
     * and once it is applied the snapshot is there for all of them. So however many anonymous
     * GETs arrive, a mentor is loaded at most once per instance between two clears, and a clear
     * needs a token.
     */
    public MentorDetailResponses.Detail detail(Optional<Principal> caller, String mentorId) {
        MentorDetailDocument document = visible(caller, mentorId);
        long deadline = deadline();
        while (document.snapshot() == null) {
            if (caller.isPresent()) {
                document = known(awaitApplied(mentorId, dispatcher.dispatch(mentorId, MentorDetailEvent.LOAD),
                        deadline));
            } else {
                MentorDetailDispatcher.Dispatch shared = anonymousLoads.computeIfAbsent(mentorId,
                        id -> dispatcher.dispatch(id, MentorDetailEvent.LOAD));
                try {
                    document = known(awaitApplied(mentorId, shared, deadline));
                } finally {
                    anonymousLoads.remove(mentorId, shared);
                }
            }
        }
        return render(document);
    }

    public MentorDetailResponses.Loading load(Principal caller, String mentorId) {
        visible(Optional.of(caller), mentorId);
        MentorDetailDispatcher.Dispatch dispatch = dispatcher.dispatch(mentorId, MentorDetailEvent.LOAD);
        known(awaitApplied(mentorId, dispatch, deadline()));
        return new MentorDetailResponses.Loading(mentorId, phaseOf(MentorDetailEvent.LOAD),
                seconds(dispatch.dispatchedAt()));
    }

    public MentorDetailResponses.Refreshing refresh(Principal caller, String mentorId) {
        MentorDetailDocument before = visible(Optional.of(caller), mentorId);
        MentorDetailDispatcher.Dispatch dispatch = dispatcher.dispatch(mentorId, MentorDetailEvent.REFRESH);
        MentorDetailDocument after = known(awaitApplied(mentorId, dispatch, deadline()));
        // The state machine's own record of what the refresh replaced, unless a later command overtook it.
        Instant previous = after.lastCommand().offset() == dispatch.offset() ? after.previousLoadedAt()
                : before.loadedAt();
        return new MentorDetailResponses.Refreshing(mentorId, phaseOf(MentorDetailEvent.REFRESH), seconds(previous),
                seconds(dispatch.dispatchedAt()));
    }

    public MentorDetailResponses.Cleared clear(Principal caller, String mentorId) {
        visible(Optional.of(caller), mentorId);
        MentorDetailDispatcher.Dispatch dispatch = dispatcher.dispatch(mentorId, MentorDetailEvent.CLEAR);
        known(awaitApplied(mentorId, dispatch, deadline()));
        return new MentorDetailResponses.Cleared(true, mentorId);
    }

    /**
     * The organisation dashboard: known mentors, filtered, sorted by full name then mentor id,
     * one page of them with the exact total. Without {@code organisationId} an organisation-bound
     * caller sees its own organisation; a caller who sees all organisations sees them all.
     */
    public MentorDetailResponses.Page list(Principal caller, Optional<String> organisationId,
                                           Optional<String> status, int page, int limit) {
        Optional<String> organisation = listedOrganisation(caller, organisationId);
        Page<MentorDetailDocument> found = directory.list(organisation, status, (long) (page - 1) * limit, limit);
        List<MentorDetailResponses.ListItem> items = found.items().stream().map(this::listItem).toList();
        return new MentorDetailResponses.Page(items, new MentorDetailResponses.Pagination(page, limit,
                found.total()));
    }

    private Optional<String> listedOrganisation(Principal caller, Optional<String> requested) {
        if (Visibility.seesAllOrganisations(caller)) {
            return requested;
        }
        String organisation = requested.orElse(caller.organisationId());
        if (organisation == null || !Visibility.canSeeOrganisation(caller, organisation)) {
            throw ApiException.forbidden(requested.isPresent()
                    ? "you may not list the mentors of organisation '" + organisation + "'"
                    : "you may not list mentors");
        }
        return Optional.of(organisation);
    }

    /**
     * The mentor's document, if the mentor is known and the caller (anyone in public mode) may see
     * it; 404 otherwise, the same for a mentor outside the caller's reach as for an unknown one.
     */
    private MentorDetailDocument visible(Optional<Principal> caller, String mentorId) {
        Function<String, Optional<MentorDetailDocument>> known = id -> directory.find(id)
                .filter(MentorDetailDocument::known);
        Optional<MentorDetailDocument> document = caller.isEmpty() ? known.apply(mentorId)
                : Visibility.mentor(caller.get(), mentorId, known, MentorDetailDocument::organisationId);
        return document.orElseThrow(() -> ApiException.notFound("no peer mentor '" + mentorId + "'"));
    }

    private static MentorDetailDocument known(MentorDetailDocument document) {
        return known(document, document.mentorId());
    }

    private static MentorDetailDocument known(MentorDetailDocument document, String mentorId) {
        if (document == null || !document.known()) {
            throw ApiException.notFound("no peer mentor '" + mentorId + "'");
        }
        return document;
    }

    /** Waits until the mentor's document shows the command applied; 503 once the deadline passes. */
    private MentorDetailDocument awaitApplied(String mentorId, MentorDetailDispatcher.Dispatch dispatch,
                                              long deadline) {
        while (true) {
            Optional<MentorDetailDocument> document = directory.find(mentorId);
            if (document.filter(d -> d.hasApplied(dispatch.offset())).isPresent()) {
                return document.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ServiceUnavailableException("the command for peer mentor '" + mentorId
                        + "' was dispatched but is not applied yet; retry shortly", RETRY_AFTER);
            }
            sleep();
        }
    }

    private MentorDetailResponses.Detail render(MentorDetailDocument document) {
        MentorDetailSnapshot snapshot = document.snapshot();
        MentorProfile profile = snapshot.profile();
        MentorDetailResponses.Certification certification = null;
        if (snapshot.certificationExpiry() != null) {
            ExpiryWarning warning = ExpiryWarning.of(snapshot.certificationExpiry(),
                    today(profile.organisationId()), warningDays);
            certification = new MentorDetailResponses.Certification(seconds(snapshot.certificationExpiry()),
                    warning.daysUntilExpiry(), warning.withinWarningWindow());
        }
        return new MentorDetailResponses.Detail(
                document.mentorId(),
                document.phase().wireName(),
                new MentorDetailResponses.Profile(profile.fullName(), profile.email(), profile.organisationId(),
                        profile.status(), profile.isPaused()),
                certification,
                snapshot.activitySummary(),
                snapshot.activeAssignments(),
                seconds(document.loadedAt()));
    }

    private MentorDetailResponses.ListItem listItem(MentorDetailDocument document) {
        ExpiryWarning warning = document.certificationExpiry() == null ? null
                : ExpiryWarning.of(document.certificationExpiry(), today(document.organisationId()), warningDays);
        return new MentorDetailResponses.ListItem(document.mentorId(), document.phase().wireName(),
                document.fullName(), document.status(), document.openAssignmentCount(),
                warning == null ? null : warning.daysUntilExpiry(),
                warning == null ? null : warning.withinWarningWindow());
    }

    private LocalDate today(String organisationId) {
        return LocalDate.now(clock.withZone(zones.zoneOf(organisationId)));
    }

    private long deadline() {
        return System.nanoTime() + commandWait.toNanos();
    }

    private static String phaseOf(MentorDetailEvent event) {
        return MentorDetailStateMachine.dispatchedPhase(event).wireName();
    }

    /** Instants on the wire have whole seconds, as in the contracts. */
    private static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while waiting for a command", RETRY_AFTER);
        }
    }
}
