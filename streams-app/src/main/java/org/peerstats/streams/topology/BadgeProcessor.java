package org.peerstats.streams.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.BadgeInputValidator;
import org.peerstats.streams.badges.BadgeTransition;
import org.peerstats.streams.badges.BadgeUpdater;
import org.peerstats.streams.badges.CommandOutcome;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * Keeps the mentors' earned badges, in the sub-topology (and so the task) that holds the mentors'
 * stats, and forwards every change as a {@link BadgeTransition} keyed by peer_mentor_id:
 * <ul>
 *   <li>a mentor's stats changed: every definition that applies is evaluated for the mentor;</li>
 *   <li>a definition was added or changed (every task gets its own copy): it is kept in this task's
 *       definitions store and evaluated for every mentor of this task's partition;</li>
 *   <li>a manual command: applied or refused, and its outcome kept under (mentor, command_id) for
 *       the REST call that waits for it; a redelivered command (same id) is not applied again.
 *       Outcomes older than {@link #OUTCOME_RETENTION} of stream time are purged.</li>
 * </ul>
 * Every time written is a record timestamp (or stream time), never the wall clock.
 */
final class BadgeProcessor extends ContextualProcessor<String, BadgeInput, String, BadgeTransition> {

    /** How long (in stream time) a command's outcome is kept for the REST call waiting for it. */
    static final Duration OUTCOME_RETENTION = Duration.ofMinutes(15);
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final OrganisationZones zones;
    /** This task's definitions by id, a copy of its definitions store kept for every evaluation. */
    private final NavigableMap<String, BadgeDefinition> definitions = new TreeMap<>();
    private KeyValueStore<String, BadgeDefinition> definitionStore;
    private KeyValueStore<String, MentorState> mentorStates;
    private KeyValueStore<MentorScopedKey, CommandOutcome> outcomes;
    private BadgeUpdater updater;

    BadgeProcessor(OrganisationZones zones) {
        this.zones = zones;
    }

    @Override
    public void init(ProcessorContext<String, BadgeTransition> context) {
        super.init(context);
        definitionStore = context.getStateStore(StoreNames.BADGE_DEFINITIONS);
        mentorStates = context.getStateStore(StoreNames.MENTOR_STATS);
        outcomes = context.getStateStore(StoreNames.BADGE_COMMAND_OUTCOMES);
        updater = new BadgeUpdater(new KeyValueBadgeStore(context.getStateStore(StoreNames.BADGE_HOLDINGS),
                context.getStateStore(StoreNames.EARNED_BADGES)));
        definitions.clear();
        try (KeyValueIterator<String, BadgeDefinition> all = definitionStore.all()) {
            all.forEachRemaining(entry -> definitions.put(entry.key, entry.value));
        }
        context.schedule(PURGE_INTERVAL, PunctuationType.STREAM_TIME, this::purgeOutcomes);
    }

    @Override
    public void process(Record<String, BadgeInput> record) {
        Instant at = Instant.ofEpochMilli(record.timestamp());
        BadgeInput input = record.value();
        if (input instanceof BadgeInput.StatsChanged changed) {
            updater.onStatsChanged(changed.stats(), definitions.values(), at)
                    .forEach(transition -> forward(record, record.key(), transition));
        } else if (input instanceof BadgeInput.DefinitionChanged changed) {
            definitionChanged(record, changed.definition(), at);
        } else if (input instanceof BadgeInput.CommandReceived received) {
            command(record, received.command(), at);
        }
    }

    private void definitionChanged(Record<String, BadgeInput> record, BadgeDefinition definition, Instant at) {
        String id = record.key();
        if (definition == null) {
            if (definitions.remove(id) != null) {
                definitionStore.delete(id);
            }
            return;
        }
        if (definition.equals(definitions.get(id))) {
            return;
        }
        definitions.put(id, definition);
        definitionStore.put(id, definition);
        try (KeyValueIterator<String, MentorState> mentors = mentorStates.all()) {
            while (mentors.hasNext()) {
                KeyValue<String, MentorState> mentor = mentors.next();
                MentorState state = mentor.value;
                if (definition.appliesTo(state.organisationId)) {
                    MentorStats stats = state.toStats(mentor.key, at, zones.zoneOf(state.organisationId));
                    updater.onDefinitionChanged(stats, definition, at)
                            .ifPresent(transition -> forward(record, mentor.key, transition));
                }
            }
        }
    }

    private void command(Record<String, BadgeInput> record, BadgeCommand command, Instant at) {
        String mentorId = record.key();
        BadgeInputValidator.validateCommand(mentorId, command);
        MentorScopedKey outcomeKey = new MentorScopedKey(mentorId, command.commandId());
        if (outcomes.get(outcomeKey) != null) {
            return;
        }
        Optional<String> organisation = Optional.ofNullable(mentorStates.get(mentorId)).map(state -> state.organisationId);
        BadgeUpdater.CommandResult result = updater.apply(mentorId, organisation, command, definitions, at);
        outcomes.put(outcomeKey, result.outcome());
        result.transitions().forEach(transition -> forward(record, mentorId, transition));
    }

    private void forward(Record<String, BadgeInput> cause, String mentorId, BadgeTransition transition) {
        context().forward(cause.withKey(mentorId).withValue(transition));
    }

    private void purgeOutcomes(long streamTime) {
        Instant cutoff = Instant.ofEpochMilli(streamTime).minus(OUTCOME_RETENTION);
        List<MentorScopedKey> expired = new ArrayList<>();
        try (KeyValueIterator<MentorScopedKey, CommandOutcome> all = outcomes.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.decidedAt().isBefore(cutoff)) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(outcomes::delete);
    }
}
