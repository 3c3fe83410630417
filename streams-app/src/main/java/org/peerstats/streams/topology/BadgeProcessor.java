package org.peerstats.streams.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.BadgeTransition;
import org.peerstats.streams.badges.BadgeUpdater;
import org.peerstats.streams.badges.CommandOutcome;
import org.peerstats.streams.stats.MentorState;
import org.peerstats.streams.stats.MentorStats;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * Keeps the mentors' earned badges, in the task that holds the mentors' stats, and forwards every
 * change keyed by peer_mentor_id:
 * <ul>
 *   <li>a mentor's stats changed (an event, or a streak that lapsed at midnight): every definition
 *       in force that applies is evaluated for the mentor, a windowed criterion over the calendar
 *       periods of the days that changed (read from {@code daily-activity});</li>
 *   <li>a profile moved the mentor to another organisation: the mentor's earned badges move with
 *       it, and the definitions that apply there are evaluated;</li>
 *   <li>a definition changed ({@link DefinitionSyncProcessor} took it from the global store): a new
 *       or changed one is evaluated for every mentor of this task's partition, a deleted one
 *       awards nothing more (earned badges stay), a refused one goes to the dead-letter topic;</li>
 *   <li>a manual command: applied or refused, and its outcome kept under (mentor, command_id) for
 *       the REST call that waits for it; a redelivered command (same id) is not applied again.
 *       Outcomes older than {@link #OUTCOME_RETENTION} of stream time are purged.</li>
 * </ul>
 * Every time written to an earned badge is a record timestamp, never the wall clock.
 */
final class BadgeProcessor extends ContextualProcessor<String, BadgeInput, String, BadgeOutput> {

    /** How long (in stream time) a command's outcome is kept for the REST call waiting for it. */
    static final Duration OUTCOME_RETENTION = Duration.ofMinutes(15);
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final OrganisationZones zones;
    private final String definitionsTopic;
    /** The definitions in force in this task, by id: the in-force entries of {@code badge-definitions-state}. */
    private final NavigableMap<String, BadgeDefinition> definitions = new TreeMap<>();
    private KeyValueStore<String, MentorState> mentorStates;
    private KeyValueStore<MentorScopedKey, CommandOutcome> outcomes;
    private BadgeUpdater updater;
    private DeadLetterListener deadLetters;

    BadgeProcessor(OrganisationZones zones, String definitionsTopic) {
        this.zones = zones;
        this.definitionsTopic = definitionsTopic;
    }

    @Override
    public void init(ProcessorContext<String, BadgeOutput> context) {
        super.init(context);
        deadLetters = DeadLetterListener.from(context.appConfigs());
        mentorStates = context.getStateStore(StoreNames.MENTOR_STATS);
        outcomes = context.getStateStore(StoreNames.BADGE_COMMAND_OUTCOMES);
        updater = new BadgeUpdater(new KeyValueBadgeStore(context.getStateStore(StoreNames.BADGE_HOLDINGS),
                context.getStateStore(StoreNames.EARNED_BADGES)),
                new KeyValueActivityDays(context.getStateStore(StoreNames.DAILY_ACTIVITY)));
        definitions.clear();
        KeyValueStore<String, KnownDefinition> known = context.getStateStore(StoreNames.BADGE_DEFINITIONS);
        try (KeyValueIterator<String, KnownDefinition> all = known.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.definition() != null) {
                    definitions.put(entry.key, entry.value.definition());
                }
            });
        }
        context.schedule(PURGE_INTERVAL, PunctuationType.STREAM_TIME, this::purgeOutcomes);
    }

    @Override
    public void process(Record<String, BadgeInput> record) {
        Instant at = Instant.ofEpochMilli(record.timestamp());
        BadgeInput input = record.value();
        if (input instanceof BadgeInput.StatsChanged changed) {
            updater.onStatsChanged(changed.stats(), changed.days(), definitions.values(), at)
                    .forEach(transition -> forward(record.timestamp(), record.key(), transition));
        } else if (input instanceof BadgeInput.OrganisationChanged changed) {
            updater.onOrganisationChanged(changed.stats(), definitions.values(), at)
                    .forEach(transition -> forward(record.timestamp(), record.key(), transition));
        } else if (input instanceof BadgeInput.CommandReceived received) {
            command(record, received.command(), at);
        } else if (input instanceof BadgeInput.DefinitionChanged changed) {
            definitionChanged(record.key(), changed.change(), record.timestamp());
        } else {
            throw new IllegalStateException("no badge rule for " + input.getClass().getSimpleName());
        }
    }

    private void definitionChanged(String id, MentorInput.DefinitionChanged change, long timestamp) {
        if (change.refusal() != null) {
            deadLetter(id, change.refusal(), timestamp);
        } else if (change.definition() == null) {
            definitions.remove(id);
        } else {
            definitions.put(id, change.definition());
            evaluateForEveryMentor(change.definition(), timestamp);
        }
    }

    private void deadLetter(String id, MentorInput.Refusal refusal, long timestamp) {
        String message = String.valueOf(refusal.reason().getMessage());
        RecordHeaders headers = new RecordHeaders();
        headers.add("__streams.errors.topic", definitionsTopic.getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.exception", refusal.reason().getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.message", message.getBytes(StandardCharsets.UTF_8));
        context().forward(new Record<String, BadgeOutput>(id,
                new BadgeOutput.RefusedDefinition(refusal.originalValue()), timestamp, headers));
        deadLetters.deadLettered(definitionsTopic, "processing", message);
    }

    private void evaluateForEveryMentor(BadgeDefinition definition, long timestamp) {
        Instant at = Instant.ofEpochMilli(timestamp);
        try (KeyValueIterator<String, MentorState> mentors = mentorStates.all()) {
            while (mentors.hasNext()) {
                KeyValue<String, MentorState> mentor = mentors.next();
                MentorState state = mentor.value;
                if (definition.appliesTo(state.organisationId)) {
                    MentorStats stats = state.toStats(mentor.key, at, zones.zoneOf(state.organisationId));
                    updater.onDefinitionChanged(stats, definition, at)
                            .ifPresent(transition -> forward(timestamp, mentor.key, transition));
                }
            }
        }
    }

    private void command(Record<String, BadgeInput> record, BadgeCommand command, Instant at) {
        String mentorId = record.key();
        MentorScopedKey outcomeKey = new MentorScopedKey(mentorId, command.commandId());
        if (outcomes.get(outcomeKey) != null) {
            return;
        }
        Optional<String> organisation = Optional.ofNullable(mentorStates.get(mentorId)).map(state -> state.organisationId);
        BadgeUpdater.CommandResult result = updater.apply(mentorId, organisation, command, definitions, at);
        outcomes.put(outcomeKey, result.outcome());
        result.transitions().forEach(transition -> forward(record.timestamp(), mentorId, transition));
    }

    private void forward(long timestamp, String mentorId, BadgeTransition transition) {
        context().forward(new Record<String, BadgeOutput>(mentorId, new BadgeOutput.Changed(transition), timestamp));
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
