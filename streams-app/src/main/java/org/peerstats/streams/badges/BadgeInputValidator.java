package org.peerstats.streams.badges;

import static org.peerstats.streams.events.EventValidator.requirePresent;
import static org.peerstats.streams.events.Limits.requireAtMost;
import static org.peerstats.streams.events.Limits.optionalId;
import static org.peerstats.streams.events.Limits.requireId;
import static org.peerstats.streams.events.Limits.requireText;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.peerstats.streams.events.InvalidEventException;
import org.peerstats.streams.events.Limits;
import org.peerstats.streams.stats.CalendarPeriod;

/**
 * The rules a badge definition or command must follow beyond being parsable JSON. A record that
 * breaks one throws {@link InvalidEventException} before any state is touched, and the processing
 * exception handler sends its original bytes to the dead-letter topic.
 */
public final class BadgeInputValidator {

    private BadgeInputValidator() {
    }

    /** A definition (not a tombstone) from {@code badge-definitions}, keyed by its id. */
    public static void validateDefinition(String key, BadgeDefinition definition) {
        requirePresent(definition, "badge definition");
        requireId(definition.id(), "id");
        if (!Objects.equals(key, definition.id())) {
            throw new InvalidEventException("record key '" + key + "' is not the value's id '" + definition.id() + "'");
        }
        requireText(definition.name(), Limits.MAX_NAME_LENGTH, "name");
        requireAtMost(definition.description(), Limits.MAX_TEXT_LENGTH, "description");
        requireAtMost(definition.iconUrl(), Limits.MAX_TEXT_LENGTH, "icon_url");
        if (definition.organisationId() != null && definition.organisationId().isBlank()) {
            throw new InvalidEventException("organisation_id must be an organisation id or null (every organisation), "
                    + "not blank");
        }
        optionalId(definition.organisationId(), "organisation_id");
        requirePresent(definition.revocable(), "revocable");
        BadgeCriteria criteria = definition.criteria();
        if (criteria == null) {
            return;
        }
        if (criteria.allOf() == null) {
            validateSimple(criteria, "criteria");
            return;
        }
        if (criteria.metric() != null || criteria.min() != null || criteria.period() != null) {
            throw new InvalidEventException("criteria has all_of and metric/min/period: a combined criterion names "
                    + "its parts only, {\"all_of\":[{\"metric\":…,\"min\":…}, …]}");
        }
        if (criteria.allOf().isEmpty() || criteria.allOf().size() > BadgeCriteria.MAX_PARTS) {
            throw new InvalidEventException("criteria.all_of must have 1 to " + BadgeCriteria.MAX_PARTS
                    + " parts, not " + criteria.allOf().size());
        }
        for (int i = 0; i < criteria.allOf().size(); i++) {
            BadgeCriteria part = criteria.allOf().get(i);
            String field = "criteria.all_of[" + i + "]";
            requirePresent(part, field);
            if (part.allOf() != null) {
                throw new InvalidEventException(field + " is itself all_of: parts are simple criteria "
                        + "({\"metric\":…,\"min\":…}, optionally with a period), not nested");
            }
            validateSimple(part, field);
        }
    }

    /** {@code {"metric":…,"min":…}} with an optional period; {@code field} names it in messages. */
    private static void validateSimple(BadgeCriteria criteria, String field) {
        requireId(criteria.metric(), field + ".metric");
        Optional<BadgeMetric> metric = BadgeMetric.fromWire(criteria.metric());
        if (metric.isEmpty()) {
            throw new InvalidEventException("unknown " + field + ".metric '" + criteria.metric() + "'; one of "
                    + BadgeMetric.wireNames());
        }
        requirePresent(criteria.min(), field + ".min");
        if (criteria.min().compareTo(BigDecimal.ZERO) < 0) {
            throw new InvalidEventException(field + ".min must be at least 0, not " + criteria.min());
        }
        if (criteria.period() == null) {
            return;
        }
        if (CalendarPeriod.fromWire(criteria.period()).isEmpty()) {
            throw new InvalidEventException("unknown " + field + ".period '" + criteria.period() + "'; one of "
                    + CalendarPeriod.wireNames() + ", or no period for all time");
        }
        if (!metric.get().countsInPeriods()) {
            throw new InvalidEventException(field + ".metric '" + criteria.metric() + "' cannot have a period: only "
                    + BadgeMetric.periodWireNames() + " are counted per calendar period");
        }
    }

    /** A command from {@code badge-commands}, keyed by the mentor it is about. */
    public static void validateCommand(String key, BadgeCommand command) {
        requireId(key, "record key (peer_mentor_id)");
        requirePresent(command, "badge command");
        requireId(command.commandId(), "command_id");
        requirePresent(command.type(), "type");
        switch (command.type()) {
            case AWARD -> {
                requireId(command.badgeDefinitionId(), "badge_definition_id");
                requireText(command.awardedBy(), Limits.MAX_NAME_LENGTH, "awarded_by");
            }
            case REVOKE -> requireId(command.earnedBadgeId(), "earned_badge_id");
        }
        // Every field present keeps its bounds, also the ones this type does not use.
        optionalId(command.badgeDefinitionId(), "badge_definition_id");
        optionalId(command.earnedBadgeId(), "earned_badge_id");
        if (command.awardedBy() != null) {
            requireText(command.awardedBy(), Limits.MAX_NAME_LENGTH, "awarded_by");
        }
        requireAtMost(command.note(), Limits.MAX_TEXT_LENGTH, "note");
        requireAtMost(command.revokeReason(), Limits.MAX_TEXT_LENGTH, "revoke_reason");
    }
}
