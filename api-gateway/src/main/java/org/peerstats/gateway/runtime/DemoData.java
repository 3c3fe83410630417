package org.peerstats.gateway.runtime;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.Assignment;
import org.peerstats.streams.events.Certification;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.events.TrainingCompletionEvent;

/**
 * The sample data set of {@code peerstats run --demo}: two organisations, 36 mentors, about six
 * months of activity with streaks and gaps, ending yesterday. Generated from a fixed seed, with
 * ids that name the mentor and the day, so loading it again on the same day changes nothing.
 *
 * <p>Kari Nordmann ({@value #KARI}, {@value #OSLO}) has a 12-day streak up to yesterday, a
 * 42-day streak in the past and seven completed training modules.
 *
 * <p>Every mentor has a profile (a few paused or inactive); most have a certification far from
 * expiry, some expire within the warning window, some have expired, a few have none; mentors
 * support contacts through open and closed assignments. Kari's certification expires 665 days from
 * today and she has two open assignments, as in the peer-mentor-bloc contract.
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
    /** Surnames for {@link #NAMES}, in the same order. */
    private static final List<String> SURNAMES = List.of("Hansen", "Johansen", "Olsen", "Larsen", "Andersen",
            "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg",
            "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
            "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide",
            "Knutsen", "Martinsen");
    private static final Map<String, String> FIRST_NAME_SPELLING = Map.of("torbjorn", "Torbjørn", "haakon", "Håkon");
    private static final List<String> CONTACTS = List.of("Per Olsen", "Liv Svendsen", "Nils Berg", "Astrid Lunde",
            "Bjørn Aas", "Randi Fjeld", "Eva Strand", "Geir Moen", "Marit Nygaard", "Terje Vik", "Solveig Bakke",
            "Odd Sunde", "Hilde Nes", "Arne Lie", "Gunn Tveit", "Rolf Hauge", "Berit Lien", "Kjell Foss");
    private static final List<String> MODULES = List.of("mod-intro-001", "mod-active-listening-002",
            "mod-crisis-support-003", "mod-boundaries-004", "mod-group-dynamics-005", "mod-digital-wellbeing-006",
            "mod-self-care-007", "mod-advanced-mentoring-008");

    private DemoData() {
    }

    public static int mentorCount() {
        return NAMES.size() + 1;
    }

    /** Produces the data set and waits until the broker has it; returns the number of events. */
    public static int load(KafkaClients clients, Topics topics, Clock clock) {
        LocalDate yesterday = LocalDate.now(clock.withZone(ZONE)).minusDays(1);
        List<ActivityEvent> activities = activities(yesterday);
        List<TrainingCompletionEvent> trainings = trainings(yesterday);
        List<MentorProfile> profiles = profiles();
        List<Certification> certifications = certifications(yesterday.plusDays(1));
        List<Assignment> assignments = assignments();
        Map<String, Object> config = clients.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 20));
        try (KafkaProducer<String, ActivityEvent> activityProducer = new KafkaProducer<>(config,
                topics.activities().keySerde().serializer(), topics.activities().valueSerde().serializer());
             KafkaProducer<String, TrainingCompletionEvent> trainingProducer = new KafkaProducer<>(config,
                     topics.trainingCompletions().keySerde().serializer(),
                     topics.trainingCompletions().valueSerde().serializer());
             KafkaProducer<byte[], byte[]> detailProducer = new KafkaProducer<>(config, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            activities.forEach(a -> sent.add(activityProducer.send(
                    new ProducerRecord<>(topics.activities().name(), a.peerMentorId(), a))));
            trainings.forEach(t -> sent.add(trainingProducer.send(
                    new ProducerRecord<>(topics.trainingCompletions().name(), t.peerMentorId(), t))));
            sent.addAll(sendAll(detailProducer, topics.mentorProfiles(), profiles, MentorProfile::peerMentorId));
            sent.addAll(sendAll(detailProducer, topics.certifications(), certifications, Certification::peerMentorId));
            sent.addAll(sendAll(detailProducer, topics.assignments(), assignments, Assignment::assignmentId));
            for (Future<RecordMetadata> result : sent) {
                result.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the demo data", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot load the demo data: " + e.getCause().getMessage(), e.getCause());
        }
        return activities.size() + trainings.size() + profiles.size() + certifications.size() + assignments.size();
    }

    private static <V> List<Future<RecordMetadata>> sendAll(KafkaProducer<byte[], byte[]> producer,
            Topics.Topic<String, V> topic, List<V> values, Function<V, String> key) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (V value : values) {
            sent.add(producer.send(new ProducerRecord<>(topic.name(),
                    topic.keySerde().serializer().serialize(topic.name(), key.apply(value)),
                    topic.valueSerde().serializer().serialize(topic.name(), value))));
        }
        return sent;
    }

    /** A profile for every demo mentor, two of them paused and two inactive. */
    static List<MentorProfile> profiles() {
        List<MentorProfile> profiles = new ArrayList<>();
        profiles.add(new MentorProfile(KARI, OSLO, "Kari Nordmann", "kari.nordmann@frivillig.no", "active", false));
        for (int i = 0; i < NAMES.size(); i++) {
            String first = FIRST_NAME_SPELLING.getOrDefault(NAMES.get(i),
                    NAMES.get(i).substring(0, 1).toUpperCase(Locale.ROOT) + NAMES.get(i).substring(1));
            String surname = SURNAMES.get(i);
            String domain = i % 3 == 2 ? "example.org" : "frivillig.no";
            String email = ascii(NAMES.get(i) + "." + surname) + "@" + domain;
            String status = i == 7 || i == 20 ? "inactive" : "active";
            profiles.add(new MentorProfile(mentorId(i), organisation(i), first + " " + surname, email, status,
                    i == 4 || i == 15));
        }
        return profiles;
    }

    /**
     * Certifications as of {@code today}: Kari's 665 days out; some mentors' within the 90-day warning
     * window, some already expired, two mentors without one, the rest far out.
     */
    static List<Certification> certifications(LocalDate today) {
        List<Certification> certifications = new ArrayList<>();
        certifications.add(certification(KARI, today.plusDays(665)));
        for (int i = 0; i < NAMES.size(); i++) {
            if (i % 13 == 12) {
                continue;
            }
            int days = i % 9 == 1 ? 10 + i : i % 11 == 5 ? -(5 + i) : 180 + (i * 37) % 700;
            certifications.add(certification(mentorId(i), today.plusDays(days)));
        }
        return certifications;
    }

    /** Open and closed assignments: Kari has two open and one closed; the others up to three open. */
    static List<Assignment> assignments() {
        List<Assignment> assignments = new ArrayList<>();
        assignments.add(new Assignment("assign_001aa", KARI, "Per Olsen", Assignment.OPEN));
        assignments.add(new Assignment("assign_002bb", KARI, "Liv Svendsen", Assignment.OPEN));
        assignments.add(new Assignment("assign_003cc", KARI, "Nils Berg", "closed"));
        for (int i = 0; i < NAMES.size(); i++) {
            String mentor = mentorId(i);
            for (int k = 0; k < i % 4; k++) {
                assignments.add(new Assignment("assign-" + mentor.substring(3) + "-" + k, mentor,
                        CONTACTS.get((i * 3 + k) % CONTACTS.size()), Assignment.OPEN));
            }
            if (i % 3 == 0) {
                assignments.add(new Assignment("assign-" + mentor.substring(3) + "-closed", mentor,
                        CONTACTS.get((i * 5 + 7) % CONTACTS.size()), "closed"));
            }
        }
        return assignments;
    }

    private static Certification certification(String mentorId, LocalDate expiry) {
        return new Certification(mentorId, expiry.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static String mentorId(int i) {
        return "pm-" + NAMES.get(i) + "-" + String.format("%03d", i + 2);
    }

    private static String organisation(int i) {
        return i % 2 == 0 ? OSLO : BERGEN;
    }

    private static String ascii(String name) {
        return name.toLowerCase(Locale.ROOT).replace("ø", "o").replace("å", "a").replace("æ", "ae");
    }

    /** Every demo activity, for days up to {@code lastDay}, in a fixed order. */
    static List<ActivityEvent> activities(LocalDate lastDay) {
        Random random = new Random(20260326L);
        List<ActivityEvent> events = new ArrayList<>();
        kari(lastDay, random, events);
        for (int i = 0; i < NAMES.size(); i++) {
            String mentor = mentorId(i);
            String organisation = organisation(i);
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
            String mentor = mentorId(i);
            String organisation = organisation(i);
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
