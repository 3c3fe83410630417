package org.peerstats.gateway.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.MutableClock;
import org.peerstats.gateway.ServiceHarness;
import org.peerstats.gateway.auth.Role;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.Assignment;
import org.peerstats.streams.events.Certification;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.serde.Json;

/**
 * The peer-mentor-bloc endpoints of the whole service on a real embedded KRaft broker: profiles,
 * certifications, assignments and activities produced with a real producer, the five routes called
 * over real HTTP. "Now" starts at 2026-03-26 10:00 UTC (11:00 in Oslo) and moves only when a test
 * moves it, by minutes.
 */
class MentorDetailIntegrationTest {

    private static final Instant START = Instant.parse("2026-03-26T10:00:00Z");
    private static final String BLOC = "/api/v1/peer-mentor-bloc";
    private static final String OSLO = "org-nhf-oslo";
    private static final String BERGEN = "org-lhl-bergen";
    private static final String LIST_ORG = "org-it-list";
    private static final String KARI = "pm-kari-001";

    @TempDir
    static Path dataDir;
    private static ServiceHarness harness;
    private static final MutableClock CLOCK = new MutableClock(START);
    private static String admin;
    private static int profileCount;

    @BeforeAll
    static void start() {
        harness = ServiceHarness.onOwnBroker(dataDir, "peerstats-detail-it", CLOCK);
        admin = harness.token(Role.ADMIN, null, null);
        seed();
        // Profiles, certifications and the re-keyed assignments travel different paths: wait until
        // every seeded mentor is listed with its certification and its open assignments counted.
        JsonNode seeded = harness.awaitGet(BLOC + "?limit=100", admin,
                r -> r.status() == 200 && everythingSeededIsListed(r.json())).json();
        assertEquals(profileCount, seeded.at("/pagination/total").asInt());
        assertEquals(true, everythingSeededIsListed(seeded), seeded::toString);
        harness.awaitGet("/api/v1/peer-mentor-stats/" + KARI + "/activity-count", admin,
                r -> r.hasField("activity_count", 5));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static void seed() {
        profile(KARI, OSLO, "Kari Nordmann", "kari.nordmann@frivillig.no", "active", false);
        certification(KARI, "2028-01-20T00:00:00Z");
        assignment("assign_001aa", KARI, "Per Olsen", "open");
        assignment("assign_002bb", KARI, "Liv Svendsen", "open");
        assignment("assign_003cc", KARI, "Nils Berg", "closed");
        activity("mar-02", ActivityType.SESSION, "2026-03-02T10:00:00Z");
        activity("mar-10", ActivityType.SESSION, "2026-03-10T10:00:00Z");
        activity("mar-20", ActivityType.PHONE_CALL, "2026-03-20T10:00:00Z");
        activity("mar-25", ActivityType.SESSION, "2026-03-25T17:20:00Z");
        activity("feb-27", ActivityType.SESSION, "2026-02-27T10:00:00Z");

        profile("pm-list-kari", LIST_ORG, "Kari Nordmann", "kari@example.org", "active", false);
        certification("pm-list-kari", "2028-01-20T00:00:00Z");
        assignment("assign_l1", "pm-list-kari", "Per Olsen", "open");
        assignment("assign_l2", "pm-list-kari", "Liv Svendsen", "open");
        profile("pm-list-ola", LIST_ORG, "Ola Hansen", "ola@example.org", "active", true);
        certification("pm-list-ola", "2026-05-10T00:00:00Z");
        assignment("assign_l3", "pm-list-ola", "Kåre Lie", "open");
        profile("pm-list-ingrid", LIST_ORG, "Ingrid Berg", "ingrid@example.org", "inactive", false);
        certification("pm-list-ingrid", "2026-03-16T00:00:00Z");
        profile("pm-list-anne-2", LIST_ORG, "Anne Dahl", "anne.dahl@example.org", "active", false);
        profile("pm-list-anne-1", LIST_ORG, "Anne Dahl", "anne.d@example.org", "active", false);

        profile("pm-auth-oslo", OSLO, "Ingrid Solberg", "ingrid.solberg@frivillig.no", "active", false);
        profile("pm-lars-101", BERGEN, "Lars Johansen", "lars.johansen@frivillig.no", "active", false);
        certification("pm-lars-101", "2026-06-01T00:00:00Z");
        // Parts of a mentor without a profile: unknown, never an empty "loaded".
        certification("pm-ghost", "2027-01-01T00:00:00Z");
        assignment("assign_g1", "pm-ghost", "Per Olsen", "open");
    }

    private static void profile(String id, String organisation, String name, String email, String status,
                                boolean paused) {
        harness.send(topics().mentorProfiles(), id, new MentorProfile(id, organisation, name, email, status, paused),
                START);
        profileCount++;
    }

    private static void certification(String mentorId, String expiry) {
        harness.send(topics().certifications(), mentorId, new Certification(mentorId, Instant.parse(expiry)), START);
    }

    private static void assignment(String id, String mentorId, String contact, String status) {
        harness.send(topics().assignments(), id, new Assignment(id, mentorId, contact, status), CLOCK.instant());
    }

    private static void activity(String id, ActivityType type, String occurredAt) {
        harness.send(new ActivityEvent(EventOp.UPSERT, id, KARI, OSLO, type, "mentee-1", Instant.parse(occurredAt), 30),
                START);
    }

    private static boolean everythingSeededIsListed(JsonNode list) {
        if (list.at("/pagination/total").asInt() != profileCount) {
            return false;
        }
        Map<String, Integer> openAssignments = Map.of(KARI, 2, "pm-list-kari", 2, "pm-list-ola", 1);
        List<String> certified = List.of(KARI, "pm-list-kari", "pm-list-ola", "pm-list-ingrid", "pm-lars-101");
        return openAssignments.entrySet().stream().allMatch(expected ->
                        listItem(list, expected.getKey()).path("open_assignment_count").asInt() == expected.getValue())
                && certified.stream().allMatch(mentor -> listItem(list, mentor).path("days_until_expiry").isInt());
    }

    private static Topics topics() {
        return harness.topics;
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode ok(ServiceHarness.Response response) {
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    private static void assertError(int status, String code, ServiceHarness.Response response) {
        assertEquals(status, response.status(), response.body());
        JsonNode error = response.json().get("error");
        assertEquals(status, error.get("status").asInt(), response.body());
        assertEquals(code, error.get("code").asText(), response.body());
        assertEquals(3, error.size(), response.body());
    }

    private static JsonNode listItem(JsonNode page, String mentorId) {
        for (JsonNode item : page.get("data")) {
            if (item.get("mentor_id").asText().equals(mentorId)) {
                return item;
            }
        }
        throw new AssertionError(mentorId + " is not in " + page);
    }

    @Test
    void loadThenAClosedAssignmentThenRefreshThenClearFollowTheStateMachine() {
        String kari = BLOC + "/" + KARI;
        Instant loadTime = CLOCK.instant();

        assertEquals(json("{\"mentor_id\":\"" + KARI + "\",\"state\":\"loading\",\"dispatched_at\":\"" + loadTime
                + "\"}"), ok(harness.post(BLOC, admin, "{\"event\":\"LoadMentorDetail\",\"mentor_id\":\"" + KARI
                + "\"}")));

        JsonNode loaded = ok(harness.get(kari, admin));
        assertEquals(json("""
                {"mentor_id":"pm-kari-001","state":"loaded",
                 "profile":{"full_name":"Kari Nordmann","email":"kari.nordmann@frivillig.no","org_id":"org-nhf-oslo",
                            "status":"active","is_paused":false},
                 "certification":{"expiry_date":"2028-01-20T00:00:00Z","days_until_expiry":665,
                                  "is_within_warning_window":false},
                 "activity_summary":{"total_sessions":3,"total_activities":4,"period":"month"},
                 "active_assignments":[{"assignment_id":"assign_001aa","contact_name":"Per Olsen","status":"open"},
                                       {"assignment_id":"assign_002bb","contact_name":"Liv Svendsen","status":"open"}],
                 "loaded_at":"2026-03-26T10:00:00Z"}"""), loaded);

        // An assignment closes: the dashboard follows at once, the loaded snapshot waits for a refresh.
        assignment("assign_001aa", KARI, "Per Olsen", "closed");
        String osloList = BLOC + "?organisation_id=" + OSLO;
        harness.awaitGet(osloList, admin, r -> r.status() == 200
                && listItem(r.json(), KARI).get("open_assignment_count").asInt() == 1);
        assertEquals(loaded, ok(harness.get(kari, admin)));

        CLOCK.advance(Duration.ofMinutes(5));
        Instant refreshTime = CLOCK.instant();
        assertEquals(json("{\"mentor_id\":\"" + KARI + "\",\"state\":\"refreshing\",\"previous_loaded_at\":\""
                        + loadTime + "\",\"refresh_dispatched_at\":\"" + refreshTime + "\"}"),
                ok(harness.put(kari, admin, "{\"event\":\"RefreshMentorDetail\"}")));

        JsonNode refreshed = ok(harness.get(kari, admin));
        assertEquals(json("[{\"assignment_id\":\"assign_002bb\",\"contact_name\":\"Liv Svendsen\",\"status\":\"open\"}]"),
                refreshed.get("active_assignments"));
        assertEquals("2026-03-26T10:05:00Z", refreshed.get("loaded_at").asText());
        assertEquals("loaded", listItem(ok(harness.get(osloList, admin)), KARI).get("state").asText());

        assertEquals(json("{\"cleared\":true,\"mentor_id\":\"" + KARI + "\"}"), ok(harness.delete(kari, admin)));
        assertEquals("cleared", listItem(ok(harness.get(osloList, admin)), KARI).get("state").asText());

        CLOCK.advance(Duration.ofMinutes(5));
        JsonNode reloaded = ok(harness.get(kari, admin));
        assertEquals("loaded", reloaded.get("state").asText());
        assertEquals("2026-03-26T10:10:00Z", reloaded.get("loaded_at").asText());
        assertEquals(refreshed.get("active_assignments"), reloaded.get("active_assignments"));
        assertEquals("loaded", listItem(ok(harness.get(osloList, admin)), KARI).get("state").asText());
    }

    @Test
    void theDashboardListIsFilteredSortedByNameThenIdAndPaginatedWithExactTotals() {
        String list = BLOC + "?organisation_id=" + LIST_ORG;
        JsonNode all = ok(harness.get(list, admin));
        assertEquals(json("""
                {"data":[
                  {"mentor_id":"pm-list-anne-1","state":"initial","full_name":"Anne Dahl","status":"active",
                   "open_assignment_count":0,"days_until_expiry":null,"is_within_warning_window":null},
                  {"mentor_id":"pm-list-anne-2","state":"initial","full_name":"Anne Dahl","status":"active",
                   "open_assignment_count":0,"days_until_expiry":null,"is_within_warning_window":null},
                  {"mentor_id":"pm-list-ingrid","state":"initial","full_name":"Ingrid Berg","status":"inactive",
                   "open_assignment_count":0,"days_until_expiry":-10,"is_within_warning_window":true},
                  {"mentor_id":"pm-list-kari","state":"initial","full_name":"Kari Nordmann","status":"active",
                   "open_assignment_count":2,"days_until_expiry":665,"is_within_warning_window":false},
                  {"mentor_id":"pm-list-ola","state":"initial","full_name":"Ola Hansen","status":"active",
                   "open_assignment_count":1,"days_until_expiry":45,"is_within_warning_window":true}],
                 "pagination":{"page":1,"limit":20,"total":5}}"""), all);

        JsonNode active = ok(harness.get(list + "&status=active", admin));
        assertEquals(4, active.at("/pagination/total").asInt());
        assertEquals(List.of("pm-list-anne-1", "pm-list-anne-2", "pm-list-kari", "pm-list-ola"), ids(active));

        JsonNode secondPage = ok(harness.get(list + "&limit=2&page=2", admin));
        assertEquals(List.of("pm-list-ingrid", "pm-list-kari"), ids(secondPage));
        assertEquals(json("{\"page\":2,\"limit\":2,\"total\":5}"), secondPage.get("pagination"));
        JsonNode lastPage = ok(harness.get(list + "&limit=2&page=3", admin));
        assertEquals(List.of("pm-list-ola"), ids(lastPage));
        JsonNode pastTheEnd = ok(harness.get(list + "&limit=2&page=4", admin));
        assertEquals(List.of(), ids(pastTheEnd));
        assertEquals(5, pastTheEnd.at("/pagination/total").asInt());

        // A coordinator's list is its own organisation's; admin without organisation and system see all.
        assertEquals(all, ok(harness.get(BLOC, harness.token(Role.COORDINATOR, LIST_ORG, null))));
        assertEquals(profileCount, ok(harness.get(BLOC + "?limit=100", harness.token(Role.SYSTEM, null, null)))
                .at("/pagination/total").asInt());
    }

    @Test
    void getOfAMentorNeverLoadedLoadsItFirst() {
        JsonNode detail = ok(harness.get(BLOC + "/pm-lars-101", admin));

        assertEquals("loaded", detail.get("state").asText());
        assertEquals(CLOCK.instant().toString(), detail.get("loaded_at").asText());
        assertEquals(json("{\"expiry_date\":\"2026-06-01T00:00:00Z\",\"days_until_expiry\":67,"
                + "\"is_within_warning_window\":true}"), detail.get("certification"));
        assertEquals(json("{\"total_sessions\":0,\"total_activities\":0,\"period\":\"month\"}"),
                detail.get("activity_summary"));
        assertEquals(json("[]"), detail.get("active_assignments"));
    }

    @Test
    void anUnknownMentorIs404OnEveryRouteEvenWithPartsButNoProfile() {
        for (String mentor : List.of("pm-nobody", "pm-ghost")) {
            assertError(404, "not_found", harness.get(BLOC + "/" + mentor, admin));
            assertError(404, "not_found", harness.post(BLOC, admin,
                    "{\"event\":\"LoadMentorDetail\",\"mentor_id\":\"" + mentor + "\"}"));
            assertError(404, "not_found", harness.put(BLOC + "/" + mentor, admin,
                    "{\"event\":\"RefreshMentorDetail\"}"));
            assertError(404, "not_found", harness.delete(BLOC + "/" + mentor, admin));
        }
        assertEquals("no peer mentor 'pm-ghost'",
                harness.get(BLOC + "/pm-ghost", admin).json().at("/error/message").asText());
    }

    @Test
    void anUnknownEventABodyThatIsNotJsonAndBadParametersAre400() {
        String auth = BLOC + "/pm-auth-oslo";
        assertError(400, "bad_request", harness.post(BLOC, admin, "not json"));
        assertEquals("the body is not JSON", harness.post(BLOC, admin, "not json").json().at("/error/message").asText());
        ServiceHarness.Response unknown = harness.post(BLOC, admin,
                "{\"event\":\"ReloadEverything\",\"mentor_id\":\"pm-auth-oslo\"}");
        assertError(400, "bad_request", unknown);
        assertEquals("unknown event 'ReloadEverything'; the events are LoadMentorDetail, RefreshMentorDetail and "
                + "ClearMentorDetail", unknown.json().at("/error/message").asText());
        assertError(400, "bad_request", harness.post(BLOC, admin,
                "{\"event\":\"RefreshMentorDetail\",\"mentor_id\":\"pm-auth-oslo\"}"));
        assertError(400, "bad_request", harness.post(BLOC, admin, "{\"event\":\"LoadMentorDetail\"}"));
        assertError(400, "bad_request", harness.put(auth, admin, "{\"event\":\"LoadMentorDetail\"}"));
        assertError(400, "bad_request", harness.put(auth, admin, "[]"));
        assertError(400, "bad_request", harness.put(auth, admin, null));
        assertError(400, "bad_request", harness.put(auth, admin,
                "{\"event\":\"RefreshMentorDetail\",\"mentor_id\":\"pm-someone-else\"}"));
        assertError(400, "bad_request", harness.get(BLOC + "?limit=101", admin));
        assertError(400, "bad_request", harness.get(BLOC + "?page=0", admin));
    }

    @Test
    void idsAndTheStatusOverTheirBoundsAre400NamingTheLimitBeforeAnyCommandIsSentAndAtTheBoundTheyPass() {
        String over = "m".repeat(101);
        String commands = topics().mentorDetailCommands().name();
        long sentBefore = harness.endOffsetTotal(commands);

        assertTooLong("mentor_id", 100, harness.get(BLOC + "/" + over, admin));
        assertTooLong("mentor_id", 100, harness.put(BLOC + "/" + over, admin, "{\"event\":\"RefreshMentorDetail\"}"));
        assertTooLong("mentor_id", 100, harness.delete(BLOC + "/" + over, admin));
        assertTooLong("mentor_id", 100, harness.post(BLOC, admin, loadBody(over)));
        assertTooLong("organisation_id", 100, harness.get(BLOC + "?organisation_id=" + "o".repeat(101), admin));
        assertTooLong("status", 50, harness.get(BLOC + "?status=" + "s".repeat(51), admin));
        assertEquals(sentBefore, harness.endOffsetTotal(commands), "no command was sent for a request over a bound");

        String atBound = "m".repeat(100);
        assertError(404, "not_found", harness.get(BLOC + "/" + atBound, admin));
        assertError(404, "not_found", harness.put(BLOC + "/" + atBound, admin, "{\"event\":\"RefreshMentorDetail\"}"));
        assertError(404, "not_found", harness.delete(BLOC + "/" + atBound, admin));
        assertError(404, "not_found", harness.post(BLOC, admin, loadBody(atBound)));
        assertEquals(0, ok(harness.get(BLOC + "?organisation_id=" + "o".repeat(100), admin))
                .at("/pagination/total").asInt(-1));
        assertEquals(0, ok(harness.get(BLOC + "?organisation_id=" + LIST_ORG + "&status=" + "s".repeat(50), admin))
                .at("/pagination/total").asInt(-1));
    }

    private static String loadBody(String mentorId) {
        return Json.mapper().createObjectNode().put("event", "LoadMentorDetail").put("mentor_id", mentorId).toString();
    }

    /** 400, with the message naming the field, its length and the limit. */
    private static void assertTooLong(String field, int limit, ServiceHarness.Response response) {
        assertError(400, "bad_request", response);
        assertEquals(field + " is " + (limit + 1) + " characters long; the limit is " + limit,
                response.json().at("/error/message").asText());
    }

    @Test
    void aTokenIsNeededAndOnlyTheMentorsOrganisationTheMentorItselfAndSystemGetInOthersSeeNoSuchMentor() {
        String mentor = "pm-auth-oslo";
        String path = BLOC + "/" + mentor;
        String loadBody = "{\"event\":\"LoadMentorDetail\",\"mentor_id\":\"" + mentor + "\"}";
        String refreshBody = "{\"event\":\"RefreshMentorDetail\"}";

        assertError(401, "unauthorized", harness.get(BLOC, null));
        assertError(401, "unauthorized", harness.get(path, null));
        assertError(401, "unauthorized", harness.post(BLOC, null, loadBody));
        assertError(401, "unauthorized", harness.put(path, null, refreshBody));
        assertError(401, "unauthorized", harness.delete(path, null));

        // another organisation's mentor answers as a mentor that does not exist, for every verb
        String bergenCoordinator = harness.token(Role.COORDINATOR, BERGEN, null);
        ServiceHarness.Response unknown = harness.get(BLOC + "/pm-nobody", bergenCoordinator);
        assertError(404, "not_found", unknown);
        String asUnknown = unknown.body().replace("pm-nobody", mentor);
        assertEquals(asUnknown, harness.get(path, bergenCoordinator).body());
        assertEquals(asUnknown, harness.post(BLOC, bergenCoordinator, loadBody).body());
        assertEquals(asUnknown, harness.put(path, bergenCoordinator, refreshBody).body());
        assertEquals(asUnknown, harness.delete(path, bergenCoordinator).body());
        assertEquals(asUnknown, harness.get(path, harness.token(Role.ADMIN, BERGEN, null)).body());
        assertError(403, "forbidden", harness.get(BLOC + "?organisation_id=" + OSLO, bergenCoordinator));

        String self = harness.token(Role.PEER_MENTOR, OSLO, mentor);
        assertEquals(mentor, ok(harness.get(path, self)).get("mentor_id").asText());
        assertEquals("refreshing", ok(harness.put(path, self, refreshBody)).get("state").asText());
        assertEquals(harness.get(BLOC + "/pm-nobody", self).body().replace("pm-nobody", KARI),
                harness.get(BLOC + "/" + KARI, self).body(), "another mentor, to a peer mentor, as no mentor");
        assertError(404, "not_found", harness.get(BLOC + "/" + KARI, self));
        assertError(403, "forbidden", harness.get(BLOC, self));

        String osloCoordinator = harness.token(Role.COORDINATOR, OSLO, null);
        assertEquals("loading", ok(harness.post(BLOC, osloCoordinator, loadBody)).get("state").asText());
        assertEquals("Ingrid Solberg", ok(harness.get(path, osloCoordinator)).at("/profile/full_name").asText());
        assertEquals(json("{\"cleared\":true,\"mentor_id\":\"" + mentor + "\"}"),
                ok(harness.delete(path, harness.token(Role.SYSTEM, null, null))));
        assertEquals(List.of("pm-lars-101"), ids(ok(harness.get(BLOC + "?organisation_id=" + BERGEN, admin))));
    }

    @Test
    void withTheMentorDetailPublicSettingOnlyOneMentorsDetailIsReadableWithoutAToken(@TempDir Path publicDir) {
        // Topics of its own: a second application writing the shared detail topic would overwrite the
        // documents the main instance's global store serves with its own half-built ones.
        try (ServiceHarness open = new ServiceHarness(harness.bootstrapServers(), publicDir,
                "peerstats-detail-public-" + UUID.randomUUID(), Clock.fixed(START, ZoneOffset.UTC),
                Map.of("PEERSTATS_MENTOR_DETAIL_PUBLIC", "true", "PEERSTATS_TOPIC_PREFIX", "public.peerstats."))) {
            open.send(open.topics.mentorProfiles(), "pm-lars-101", new MentorProfile("pm-lars-101", BERGEN,
                    "Lars Johansen", "lars.johansen@frivillig.no", "active", false), START);
            String lars = BLOC + "/pm-lars-101";
            String admin = open.token(Role.ADMIN, null, null);
            JsonNode bergen = open.awaitGet(BLOC + "?organisation_id=" + BERGEN, admin,
                    r -> r.status() == 200 && r.json().at("/pagination/total").asInt() == 1).json();
            assertEquals("pm-lars-101", bergen.at("/data/0/mentor_id").asText());
            String commands = open.topics.mentorDetailCommands().name();
            long commandsBefore = open.endOffsetTotal(commands);

            // anonymous: the one GET, which loads the never-loaded mentor once, then reads its snapshot
            assertEquals("loaded", ok(open.get(lars, null)).get("state").asText());
            assertEquals("loaded", ok(open.get(lars, null)).get("state").asText());
            assertEquals(commandsBefore + 1, open.endOffsetTotal(commands), "two anonymous GETs, one load");
            assertError(401, "unauthorized", open.get(BLOC + "?organisation_id=" + BERGEN, null));
            assertError(401, "unauthorized", open.post(BLOC, null,
                    "{\"event\":\"LoadMentorDetail\",\"mentor_id\":\"pm-lars-101\"}"));
            assertError(401, "unauthorized", open.put(lars, null, "{\"event\":\"RefreshMentorDetail\"}"));
            assertError(401, "unauthorized", open.delete(lars, null));
            assertEquals(commandsBefore + 1, open.endOffsetTotal(commands), "no anonymous write sent anything");

            // with a token the writes work as ever
            assertEquals(json("{\"cleared\":true,\"mentor_id\":\"pm-lars-101\"}"), ok(open.delete(lars, admin)));
            assertError(401, "unauthorized", open.get("/api/v1/peer-mentor-stats/" + KARI, null));
        }
    }

    @Test
    void theApiDescriptionHasTheFiveRoutes() {
        JsonNode paths = ok(harness.get("/openapi.json", null)).get("paths");
        assertEquals(List.of("get", "post"), fieldNames(paths.get(BLOC)));
        assertEquals(List.of("get", "put", "delete"), fieldNames(paths.get(BLOC + "/{mentor_id}")));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(item -> ids.add(item.get("mentor_id").asText()));
        return ids;
    }
}
