package org.peerstats.streams.badges;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.peerstats.streams.events.CommandStatus;
import org.peerstats.streams.stats.DayChanges;
import org.peerstats.streams.stats.MentorStats;

/**
 * Applies the badge rules ({@link BadgeRules}) and the manual commands to one mentor's badges in
 * a {@link BadgeStore}, returning each change as a {@link BadgeTransition}. Every time it writes is
 * the timestamp of the record that caused the change, so re-processing the same input gives the
 * same ids, times and notifications. Each call touches only the mentor's holdings of the
 * definitions involved, never the mentor's whole badge history.
 */
public final class BadgeUpdater {

    /** The transitions a command caused, and its outcome for the REST call that waits for it. */
    public record CommandResult(CommandOutcome outcome, List<BadgeTransition> transitions) {
    }

    private final BadgeStore store;
    private final ActivityDays days;

    /** @param days the mentors' day buckets, which windowed criteria count in */
    public BadgeUpdater(BadgeStore store, ActivityDays days) {
        this.store = store;
        this.days = days;
    }

    /**
     * A mentor's stats changed, on the days in {@code changes}: evaluates every definition with
     * criteria that applies to the mentor's organisation, in the order given.
     */
    public List<BadgeTransition> onStatsChanged(MentorStats stats, DayChanges changes,
                                                Collection<BadgeDefinition> definitions, Instant at) {
        List<BadgeTransition> transitions = new ArrayList<>();
        for (BadgeDefinition definition : definitions) {
            if (definition.criteria() != null && definition.appliesTo(stats.organisationId())) {
                evaluate(definition, stats, holding(stats.peerMentorId(), definition.id()), changes, at)
                        .ifPresent(transitions::add);
            }
        }
        return transitions;
    }

    /**
     * A profile moved the mentor to another organisation: every earned badge of the mentor, held
     * or revoked, moves with it (so the new organisation's coordinators see them and the old one's
     * no longer do; no notification), then the definitions that apply there are evaluated. A badge
     * the old organisation's definitions awarded stays held: it was earned.
     */
    public List<BadgeTransition> onOrganisationChanged(MentorStats stats, Collection<BadgeDefinition> definitions,
                                                       Instant at) {
        List<BadgeTransition> transitions = new ArrayList<>();
        for (EarnedBadge badge : store.earnedBadges(stats.peerMentorId())) {
            if (!Objects.equals(badge.organisationId(), stats.organisationId())) {
                EarnedBadge moved = badge.inOrganisation(stats.organisationId());
                store.putEarnedBadge(moved);
                transitions.add(BadgeTransition.redisplayed(badge, moved));
            }
        }
        // The definitions that apply here may not have looked at this mentor's days yet.
        transitions.addAll(onStatsChanged(stats, DayChanges.UNKNOWN, definitions, at));
        return transitions;
    }

    /**
     * A definition is new or changed: evaluates it for this mentor, and when the mentor holds the
     * badge under an old name, description or icon, shows the new ones.
     */
    public Optional<BadgeTransition> onDefinitionChanged(MentorStats stats, BadgeDefinition definition, Instant at) {
        if (!definition.appliesTo(stats.organisationId())) {
            return Optional.empty();
        }
        BadgeHolding holding = holding(stats.peerMentorId(), definition.id());
        Optional<BadgeTransition> decided = evaluate(definition, stats, holding, DayChanges.UNKNOWN, at);
        if (decided.isPresent() || !holding.holds()) {
            return decided;
        }
        EarnedBadge held = store.earnedBadge(stats.peerMentorId(), holding.heldBadgeId()).orElseThrow();
        if (!definition.displayDiffersFrom(held)) {
            return Optional.empty();
        }
        EarnedBadge redisplayed = held.displayedAs(definition);
        store.putEarnedBadge(redisplayed);
        return Optional.of(BadgeTransition.redisplayed(held, redisplayed));
    }

    /**
     * Applies a manual award or revocation, or refuses it.
     *
     * @param mentorOrganisation the mentor's organisation, or empty when the mentor has no stats
     *                           (is not known)
     * @param definitions        the definitions in force, by id
     */
    public CommandResult apply(String mentorId, Optional<String> mentorOrganisation, BadgeCommand command,
                               Map<String, BadgeDefinition> definitions, Instant at) {
        return switch (command.type()) {
            case AWARD -> award(mentorId, mentorOrganisation, command, definitions, at);
            case REVOKE -> revoke(mentorId, command, at);
        };
    }

    private CommandResult award(String mentorId, Optional<String> mentorOrganisation, BadgeCommand command,
                                Map<String, BadgeDefinition> definitions, Instant at) {
        if (mentorOrganisation.isEmpty()) {
            return refused(command, mentorId, CommandStatus.NOT_FOUND,
                    "no peer mentor '" + mentorId + "' (a mentor is known once it has statistics)", at);
        }
        String organisation = mentorOrganisation.get();
        BadgeDefinition definition = definitions.get(command.badgeDefinitionId());
        if (definition == null) {
            return refused(command, mentorId, CommandStatus.NOT_FOUND,
                    "no badge definition '" + command.badgeDefinitionId() + "'", at);
        }
        if (!definition.appliesTo(organisation)) {
            // in the words used for an unknown definition: another organisation's does not exist for the caller
            return refused(command, mentorId, CommandStatus.NOT_FOUND,
                    "no badge definition '" + definition.id() + "'", at);
        }
        BadgeHolding holding = holding(mentorId, definition.id());
        if (holding.holds()) {
            return refused(command, mentorId, CommandStatus.CONFLICT, "peer mentor '" + mentorId
                    + "' already holds '" + definition.name() + "' (earned badge " + holding.heldBadgeId() + ")", at);
        }
        BadgeTransition awarded = award(mentorId, organisation, definition, holding, command.awardedBy(),
                command.note(), false, at);
        return new CommandResult(CommandOutcome.applied(command, mentorId, awarded.badge(), at), List.of(awarded));
    }

    private CommandResult revoke(String mentorId, BadgeCommand command, Instant at) {
        Optional<EarnedBadge> found = store.earnedBadge(mentorId, command.earnedBadgeId());
        if (found.isEmpty()) {
            return refused(command, mentorId, CommandStatus.NOT_FOUND,
                    "no earned badge '" + command.earnedBadgeId() + "' of peer mentor '" + mentorId + "'", at);
        }
        EarnedBadge badge = found.get();
        if (!badge.held()) {
            return refused(command, mentorId, CommandStatus.CONFLICT,
                    "earned badge '" + badge.id() + "' was already revoked at " + badge.revokedAt(), at);
        }
        BadgeTransition revoked = revoke(badge, command.revokeReason(), true, at);
        return new CommandResult(CommandOutcome.applied(command, mentorId, revoked.badge(), at), List.of(revoked));
    }

    private Optional<BadgeTransition> evaluate(BadgeDefinition definition, MentorStats stats, BadgeHolding known,
                                               DayChanges changes, Instant at) {
        BadgeRules.Evaluation evaluation = BadgeRules.decide(definition, stats, known, changes, days);
        BadgeHolding holding = known;
        if (evaluation.memo() != null && !evaluation.memo().equals(known.windows())) {
            holding = known.withWindows(evaluation.memo());
            store.putHolding(stats.peerMentorId(), holding);
        }
        BadgeRules.Decision decision = evaluation.decision();
        return switch (decision.action()) {
            case NONE -> Optional.empty();
            case AWARD -> Optional.of(award(stats.peerMentorId(), stats.organisationId(), definition, holding,
                    EarnedBadge.SYSTEM, null, true, at));
            case REVOKE -> Optional.of(revoke(
                    store.earnedBadge(stats.peerMentorId(), holding.heldBadgeId()).orElseThrow(),
                    decision.reason(), false, at));
        };
    }

    private BadgeTransition award(String mentorId, String organisation, BadgeDefinition definition,
                                  BadgeHolding holding, String awardedBy, String note, boolean byRules, Instant at) {
        String id = EarnedBadgeIds.earnedBadgeId(mentorId, definition.id(), holding.nextAwardNumber());
        EarnedBadge badge = new EarnedBadge(id, definition.id(), mentorId, organisation, definition.name(),
                definition.description(), definition.iconUrl(), at, awardedBy, note, null, null);
        store.putEarnedBadge(badge);
        store.putHolding(mentorId, holding.awarded(id, byRules));
        return BadgeTransition.awarded(badge);
    }

    private BadgeTransition revoke(EarnedBadge badge, String reason, boolean byCommand, Instant at) {
        EarnedBadge revoked = badge.revoked(at, reason);
        store.putEarnedBadge(revoked);
        store.putHolding(badge.peerMentorId(), holding(badge.peerMentorId(), badge.badgeDefinitionId()).revoked(byCommand));
        return BadgeTransition.revoked(badge, revoked);
    }

    private BadgeHolding holding(String mentorId, String definitionId) {
        return store.holding(mentorId, definitionId).orElseGet(() -> BadgeHolding.none(definitionId));
    }

    private static CommandResult refused(BadgeCommand command, String mentorId, CommandStatus status,
                                         String message, Instant at) {
        return new CommandResult(CommandOutcome.refused(command, mentorId, status, message, at), List.of());
    }
}
