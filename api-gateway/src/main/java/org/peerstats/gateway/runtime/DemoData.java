package org.peerstats.gateway.runtime;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.TrainingCompletionEvent;

/**
 * The sample data set of {@code peerstats run --demo}: two organisations, 36 mentors, about six
 * months of activity with streaks and gaps, ending yesterday. Generated from a fixed seed, with
 * ids that name the mentor and the day, so loading it again on the same day changes nothing.
 *
 * <p>Kari Nordmann ({@value #KARI}, {@value #OSLO}) has a 12-day streak up to yesterday, a
 * 42-day streak in the past and seven completed training modules.
 */
public final class DemoData {

    public static final String OSLO = "org-nhf-oslo";
    public static final String BERGEN = "org-lhl-bergen";
    public static final String KARI = "pm-kari-001";

    private static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
    private static final int HISTORY_DAYS = 180;
    private static final List<String> NAMES = List.of("ole", "ingrid", "lars", "nora", "jonas", "emma", "henrik",
            "sofie", "magnus", "ida", "sindre", "thea", "eirik", "maja", "anders", "sara", "kristian", "hanna",
            "mats", "live", "tobias", "vilde", "even", "mari", "sander", "julie", "fredrik", "tuva", "haakon",
            "amalie", "petter", "selma", "torbjorn", "frida", "vegard");
    private static final List<String> MODULES = List.of("mod-intro-001", "mod-active-listening-002",
            "mod-crisis-support-003", "mod-boundaries-004", "mod-group-dynamics-005", "mod-digital-wellbeing-006",
            "mod-self-care-007", "mod-advanced-mentoring-008");

    private DemoData() {
    }

    public static int mentorCount() {
        return NAMES.size() + 1;
    }

    /** Produces the data set and waits until the broker has it; returns the number of events. */
    public static int load(String bootstrapServers, Topics topics, Clock clock) {
        LocalDate yesterday = LocalDate.now(clock.withZone(ZONE)).minusDays(1);
        List<ActivityEvent> activities = activities(yesterday);
        List<TrainingCompletionEvent> trainings = trainings(yesterday);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<String, ActivityEvent> activityProducer = new KafkaProducer<>(config,
                topics.activities().keySerde().serializer(), topics.activities().valueSerde().serializer());
             KafkaProducer<String, TrainingCompletionEvent> trainingProducer = new KafkaProducer<>(config,
                     topics.trainingCompletions().keySerde().serializer(),
                     topics.trainingCompletions().valueSerde().serializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            activities.forEach(a -> sent.add(activityProducer.send(
                    new ProducerRecord<>(topics.activities().name(), a.peerMentorId(), a))));
            trainings.forEach(t -> sent.add(trainingProducer.send(
                    new ProducerRecord<>(topics.trainingCompletions().name(), t.peerMentorId(), t))));
            for (Future<RecordMetadata> result : sent) {
                result.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the demo data", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot load the demo data: " + e.getCause().getMessage(), e.getCause());
        }
        return activities.size() + trainings.size();
    }

    /** Every demo activity, for days up to {@code lastDay}, in a fixed order. */
    static List<ActivityEvent> activities(LocalDate lastDay) {
        Random random = new Random(20260326L);
        List<ActivityEvent> events = new ArrayList<>();
        kari(lastDay, random, events);
        for (int i = 0; i < NAMES.size(); i++) {
            String mentor = "pm-" + NAMES.get(i) + "-" + String.format("%03d", i + 2);
            String organisation = i % 2 == 0 ? OSLO : BERGEN;
            // Skewed: a few mentors are active most days, most only now and then.
            double dailyChance = i < 4 ? 0.8 : i < 12 ? 0.35 : 0.1;
            for (int back = HISTORY_DAYS; back >= 0; back--) {
                if (random.nextDouble() < dailyChance) {
                    events.add(activity(mentor, organisation, lastDay.minusDays(back), 0, random, 6));
                }
            }
        }
        return events;
    }

    private static void kari(LocalDate lastDay, Random random, List<ActivityEvent> events) {
        LocalDate longStreakStart = lastDay.minusDays(120);
        for (int day = 0; day < 42; day++) {
            events.add(activity(KARI, OSLO, longStreakStart.plusDays(day), 0, random, 9));
        }
        for (int back = 11; back >= 0; back--) {
            LocalDate date = lastDay.minusDays(back);
            events.add(activity(KARI, OSLO, date, 0, random, 9));
            if (back % 4 == 0) {
                events.add(activity(KARI, OSLO, date, 1, random, 9));
            }
        }
        for (int back = 70; back > 20; back -= 9) {
            events.add(activity(KARI, OSLO, lastDay.minusDays(back), 0, random, 9));
        }
    }

    static List<TrainingCompletionEvent> trainings(LocalDate lastDay) {
        List<TrainingCompletionEvent> events = new ArrayList<>();
        for (int m = 0; m < 7; m++) {
            events.add(new TrainingCompletionEvent(KARI, OSLO, MODULES.get(m),
                    lastDay.minusDays(150 - 20L * m).atTime(18, 0).atZone(ZONE).toInstant(), EventOp.UPSERT));
        }
        for (int i = 0; i < NAMES.size(); i++) {
            String mentor = "pm-" + NAMES.get(i) + "-" + String.format("%03d", i + 2);
            String organisation = i % 2 == 0 ? OSLO : BERGEN;
            for (int m = 0; m < (i * 3) % MODULES.size(); m++) {
                events.add(new TrainingCompletionEvent(mentor, organisation, MODULES.get(m),
                        lastDay.minusDays(170 - 15L * m).atTime(12, 0).atZone(ZONE).toInstant(), EventOp.UPSERT));
            }
        }
        return events;
    }

    private static ActivityEvent activity(String mentor, String organisation, LocalDate day, int n, Random random,
                                          int mentees) {
        ActivityType type = switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4, 5 -> ActivityType.SESSION;
            case 6, 7 -> ActivityType.PHONE_CALL;
            case 8 -> ActivityType.GROUP;
            default -> ActivityType.OTHER;
        };
        String mentee = type == ActivityType.GROUP ? null : "mentee-" + mentor.substring(3) + "-" + random.nextInt(mentees);
        ZonedDateTime at = day.atTime(LocalTime.of(8 + random.nextInt(12), random.nextInt(4) * 15)).atZone(ZONE);
        int minutes = 15 + 15 * random.nextInt(8);
        return new ActivityEvent(EventOp.UPSERT, "act-" + mentor + "-" + day + "-" + n, mentor, organisation, type,
                mentee, at.toInstant(), minutes);
    }
}
