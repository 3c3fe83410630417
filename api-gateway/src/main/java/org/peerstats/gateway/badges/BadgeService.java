package org.peerstats.gateway.badges;

import static org.peerstats.gateway.http.WireTime.seconds;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Visibility;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.http.ApiException;
import org.peerstats.gateway.http.Bounds;
import org.peerstats.gateway.http.ServiceUnavailableException;
import org.peerstats.gateway.query.EarnedBadgeQueries;
import org.peerstats.gateway.query.MentorStatsQueries;
import org.peerstats.gateway.query.ReadScope;
import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.badges.CommandOutcome;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.events.Limits;
import org.peerstats.streams.events.CommandStatus;
import org.peerstats.streams.lists.Page;
import org.peerstats.streams.stats.MentorState;

/**
 * Answers the earned-badges questions and carries out manual awards and revocations. Knows
 * nothing of HTTP: it takes the caller's {@link Principal} and throws {@link ApiException}.
 *
 * <p>An award or revocation is a command on {@code badge-commands}, applied by the topology (which
 * alone decides 409 and 404 there). The call then waits — at most {@link #DEFAULT_WAIT}, else 503
 * with {@code Retry-After} — for the command's outcome in the topology's outcome store, and, once
 * applied, for the global store to show the change, so that the caller's next read on this
 * instance sees its own write.
 */
public final class BadgeService {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    /**
     * What an award asks for; {@code awardedBy} and {@code note} may be null.
     *
     * @param idempotencyKey the client's {@code Idempotency-Key}: the same award sent again with it
     *                       is carried out once and answered as the first time
     */
    public record AwardRequest(String badgeDefinitionId, String peerMentorId, String awardedBy, String note,
                               Optional<String> idempotencyKey) {
    }

    /** The list's filters and page; {@code page} from 1. */
    public record ListQuery(Optional<String> peerMentorId, Optional<String> organisationId, boolean includeRevoked,
                            int page, int limit) {
    }

    private final EarnedBadgeQueries badges;
    private final MentorStatsQueries mentors;
    private final BadgeCommandPublisher commands;
    private final Clock clock;
    private final Duration wait;

    public BadgeService(EarnedBadgeQueries badges, MentorStatsQueries mentors, BadgeCommandPublisher commands,
                        Clock clock, Duration wait) {
        this.badges = badges;
        this.mentors = mentors;
        this.commands = commands;
        this.clock = clock;
        this.wait = wait;
    }

    /** Whose badge {@code earnedBadgeId} is, from the global copy every instance holds. */
    public Optional<String> mentorOf(String earnedBadgeId) {
        return badges.byId(earnedBadgeId).map(EarnedBadge::peerMentorId);
    }

    /**
     * The earned badges the caller may see that match the filters, ordered by {@code awarded_at}
     * then id, one page of them with the exact total.
     */
    public BadgeResponses.EarnedBadgePage list(Principal caller, ListQuery query) {
        ListedBadges listed = listedFor(caller, query);
        Page<EarnedBadge> page = badges.list(listed.organisationId(), listed.peerMentorId(), query.includeRevoked(),
                (long) (query.page() - 1) * query.limit(), query.limit());
        return new BadgeResponses.EarnedBadgePage(
                page.items().stream().map(BadgeResponses.EarnedBadgeSummary::of).toList(),
                new BadgeResponses.Pagination(query.page(), query.limit(), page.total()));
    }

    public BadgeResponses.EarnedBadgeDetail get(Principal caller, String earnedBadgeId) {
        return BadgeResponses.EarnedBadgeDetail.of(visibleBadge(caller, earnedBadgeId));
    }

    public BadgeResponses.Check check(ReadScope scope, Principal caller, Optional<String> peerMentorId,
                                      Optional<String> badgeDefinitionId) {
        String mentorId = peerMentorId.orElseThrow(() -> ApiException.badRequest("peer_mentor_id is required"));
        String definitionId = badgeDefinitionId
                .orElseThrow(() -> ApiException.badRequest("badge_definition_id is required"));
        MentorState mentor = mentors.visibleTo(scope, caller, mentorId);
        visibleDefinition(scope, definitionId, mentor);
        Optional<EarnedBadge> held = badges.held(mentorId, definitionId);
        return new BadgeResponses.Check(definitionId, mentorId, held.isPresent(),
                held.map(EarnedBadge::id).orElse(null),
                held.map(badge -> seconds(badge.awardedAt())).orElse(null));
    }

    /** Awards a badge by hand: the record as awarded, or 404 / 409 as the topology decides. */
    public BadgeResponses.EarnedBadgeDetail award(ReadScope scope, Principal caller, AwardRequest request) {
        String definitionId = required(request.badgeDefinitionId(), "badge_definition_id");
        String mentorId = required(request.peerMentorId(), "peer_mentor_id");
        visibleDefinition(scope, definitionId, mentors.visibleTo(scope, caller, mentorId));
        String awardedBy = request.awardedBy() != null ? request.awardedBy()
                : Bounds.line(caller.subject(), Limits.MAX_NAME_LENGTH, "awarded_by (your token's sub, as the body "
                        + "names no one)");
        Instant now = clock.instant();
        String commandId = request.idempotencyKey()
                .map(key -> awardCommandId(caller, mentorId, definitionId, key))
                .orElseGet(() -> UUID.randomUUID().toString());
        EarnedBadge awarded = execute(scope, mentorId, BadgeCommand.award(commandId, definitionId, awardedBy, request.note(),
                now), now);
        return BadgeResponses.EarnedBadgeDetail.of(awarded);
    }

    /**
     * The command id of an award sent with an {@code Idempotency-Key}: the same for the same
     * caller, mentor, definition and key, so that the topology, which applies a command id once
     * (and remembers its outcome for {@code BadgeProcessor.OUTCOME_RETENTION}), carries out a
     * repeated request once and the repeat is answered with the first one's outcome.
     */
    static String awardCommandId(Principal caller, String mentorId, String definitionId, String key) {
        String identity = String.join("\u0000", "award", caller.subject(), mentorId, definitionId, key);
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Revokes an earned badge by hand: the revocation, or 404 / 409 as the topology decides. */
    public BadgeResponses.Revocation revoke(ReadScope scope, Principal caller, String earnedBadgeId,
                                           String revokeReason) {
        EarnedBadge badge = visibleBadge(caller, earnedBadgeId);
        Instant now = clock.instant();
        EarnedBadge revoked = execute(scope, badge.peerMentorId(),
                BadgeCommand.revoke(UUID.randomUUID().toString(), earnedBadgeId, revokeReason, now), now);
        return BadgeResponses.Revocation.of(revoked);
    }

    private EarnedBadge execute(ReadScope scope, String mentorId, BadgeCommand command, Instant now) {
        Optional<CommandOutcome> earlier = badges.outcome(scope, mentorId, command.commandId());
        if (earlier.isPresent()) {
            // a repeat of a command already decided (the same Idempotency-Key): nothing is sent again
            return decided(earlier.get());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        commands.publish(mentorId, command, now);
        CommandOutcome outcome = awaitOutcome(scope, mentorId, command, deadline);
        if (outcome.status() == CommandStatus.APPLIED) {
            awaitGlobalStore(outcome.earnedBadge(), deadline);
        }
        return decided(outcome);
    }

    private static EarnedBadge decided(CommandOutcome outcome) {
        return switch (outcome.status()) {
            case APPLIED -> outcome.earnedBadge();
            case CONFLICT -> throw ApiException.conflict(outcome.message());
            case NOT_FOUND -> throw ApiException.notFound(outcome.message());
        };
    }

    private CommandOutcome awaitOutcome(ReadScope scope, String mentorId, BadgeCommand command, long deadline) {
        while (true) {
            Optional<CommandOutcome> outcome = badges.outcome(scope, mentorId, command.commandId());
            if (outcome.isPresent()) {
                return outcome.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ServiceUnavailableException("the " + command.type().wireName() + " (command "
                        + command.commandId() + ") was sent, but its outcome is not known after "
                        + wait.toSeconds() + " s; look the badge up before retrying", RETRY_AFTER);
            }
            pause();
        }
    }

    /** Waits until the global store shows {@code changed} (at most until the deadline; it lags only briefly). */
    private void awaitGlobalStore(EarnedBadge changed, long deadline) {
        while (System.nanoTime() - deadline < 0) {
            Optional<EarnedBadge> shown = badges.byId(changed.id());
            if (shown.isPresent() && shown.get().held() == changed.held()) {
                return;
            }
            pause();
        }
    }

    /** Which badges the caller may see, narrowed by the query's filters (403 for a filter beyond its reach). */
    /** The filters of a list, narrowed to what the caller may see. */
    private record ListedBadges(Optional<String> organisationId, Optional<String> peerMentorId) {
    }

    /**
     * The list the caller gets for the filters: a peer mentor's own badges, an organisation-bound
     * caller's organisation, or (for one who sees every organisation) just the filters; a filter
     * that asks for more than the caller may see is 403.
     */
    private static ListedBadges listedFor(Principal caller, ListQuery query) {
        if (caller.role() == Role.PEER_MENTOR) {
            if (query.peerMentorId().filter(id -> !id.equals(caller.peerMentorId())).isPresent()) {
                throw ApiException.forbidden("you may only see your own badges");
            }
            return new ListedBadges(query.organisationId(), Optional.of(caller.peerMentorId()));
        }
        if (Visibility.seesAllOrganisations(caller)) {
            return new ListedBadges(query.organisationId(), query.peerMentorId());
        }
        if (caller.organisationId() == null) {
            throw ApiException.forbidden("your token names no organisation");
        }
        query.organisationId().filter(org -> !org.equals(caller.organisationId())).ifPresent(org -> {
            throw ApiException.forbidden("you may only see badges of organisation '" + caller.organisationId() + "'");
        });
        return new ListedBadges(Optional.of(caller.organisationId()), query.peerMentorId());
    }

    /** The badge, or 404 — the same for a badge of a mentor the caller may not see as for an unknown id. */
    private EarnedBadge visibleBadge(Principal caller, String earnedBadgeId) {
        return badges.byId(earnedBadgeId)
                .filter(badge -> Visibility.canSeeMentor(caller, badge.peerMentorId(), badge.organisationId()))
                .orElseThrow(() -> ApiException.notFound("no earned badge '" + earnedBadgeId + "'"));
    }

    /** 404 for an unknown definition and for one of another organisation than the mentor's alike. */
    private void visibleDefinition(ReadScope scope, String definitionId, MentorState mentor) {
        if (Visibility.definitionFor(badges.definition(scope, definitionId), mentor.organisationId).isEmpty()) {
            throw ApiException.notFound("no badge definition '" + definitionId + "'");
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return value;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while waiting for the badge command", RETRY_AFTER);
        }
    }
}
