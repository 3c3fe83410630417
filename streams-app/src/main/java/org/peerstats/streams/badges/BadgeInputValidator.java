package org.peerstats.streams.badges;

import static org.peerstats.streams.events.EventValidator.requirePresent;
import static org.peerstats.streams.events.Limits.requireAtMost;
import static org.peerstats.streams.events.Limits.optionalId;
import static org.peerstats.streams.events.Limits.requireId;
import static org.peerstats.streams.events.Limits.requireText;

import java.math.BigDecimal;
import java.util.Objects;
import org.peerstats.streams.events.InvalidEventException;
import org.peerstats.streams.events.Limits;

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
        requireId(criteria.metric(), "criteria.metric");
        if (BadgeMetric.fromWire(criteria.metric()).isEmpty()) {
            throw new InvalidEventException("unknown criteria.metric '" + criteria.metric() + "'; one of "
                    + BadgeMetric.wireNames());
        }
        requirePresent(criteria.min(), "criteria.min");
        if (criteria.min().compareTo(BigDecimal.ZERO) < 0) {
            throw new InvalidEventException("criteria.min must be at least 0, not " + criteria.min());
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
