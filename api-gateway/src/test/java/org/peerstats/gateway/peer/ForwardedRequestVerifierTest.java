package org.peerstats.gateway.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstats.gateway.auth.AuthenticationException;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;

/**
 * The signer and the verifier: a request signed by one instance passes at the one it was sent
 * to, and not when any part it signs differs, when it was signed too long ago or ahead, or with
 * another key.
 */
class ForwardedRequestVerifierTest {

    private static final Instant NOW = Instant.parse("2026-03-14T10:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final Principal ADMIN = new Principal("kari", Role.ADMIN, "org-a", null);
    private static final PeerSignature KEY = signature("a-peer-secret-shared-by-every-instance");
    private static final List<String> HEADERS = List.of("Content-Type", "Accept", "X-Peerstats-Allow-Stale",
            "Idempotency-Key");

    /** The parts of the request every test starts from, by name; headers by their own names. */
    private static Map<String, String> parts() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("method", "POST");
        parts.put("path", "/api/v1/earned-badges");
        parts.put("query", "lang=nb");
        parts.put("body", "{\"badge_definition_id\":\"bdg-def-003\",\"peer_mentor_id\":\"pm-1\"}");
        parts.put("Content-Type", "application/json");
        parts.put("Accept", "application/json");
        parts.put("X-Peerstats-Allow-Stale", null);
        parts.put("Idempotency-Key", "award-1");
        parts.put("forwardedBy", "10.0.0.1:7070");
        parts.put("target", "10.0.0.2:7070");
        parts.put("signedAt", String.valueOf(NOW.toEpochMilli()));
        parts.put("principal", PrincipalHeader.encode(ADMIN));
        return parts;
    }

    private static ForwardedRequest request(Map<String, String> parts) {
        List<ForwardedRequest.Header> headers = new ArrayList<>();
        HEADERS.forEach(name -> headers.add(new ForwardedRequest.Header(name, parts.get(name))));
        return new ForwardedRequest(parts.get("method"), parts.get("path"), parts.get("query"),
                ForwardedRequest.sha256Hex(parts.get("body").getBytes(StandardCharsets.UTF_8)), headers,
                parts.get("forwardedBy"), parts.get("target"), parts.get("signedAt"), parts.get("principal"));
    }

    private static ForwardedRequest with(String part, String value) {
        Map<String, String> parts = parts();
        parts.put(part, value);
        return request(parts);
    }

    private static ForwardedRequestVerifier verifierAt(Instant now) {
        return new ForwardedRequestVerifier(KEY, WINDOW, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static PeerSignature signature(String secret) {
        return new PeerSignature(PeerKey.configured(secret));
    }

    @Test
    void aRequestSignedByAPeerGivesThePrincipalItNames() {
        ForwardedRequest sent = request(parts());

        assertEquals(Optional.of(ADMIN), verifierAt(NOW).verify(request(parts()), KEY.sign(sent)));
    }

    @Test
    void aRequestFromAPublicRouteNamesNoPrincipalAndIsSignedAllTheSame() {
        ForwardedRequest anonymous = with("principal", null);

        assertEquals(Optional.empty(), verifierAt(NOW).verify(anonymous, KEY.sign(anonymous)));
        assertRefused(with("principal", null), KEY.sign(request(parts())), "signature does not match");
    }

    static Stream<Arguments> everySignedPartChanged() {
        return Stream.of(
                arguments("method", "DELETE"),
                arguments("path", "/api/v1/earned-badges/eb-1"),
                arguments("path", "/api/v1/earned-badges/"),
                arguments("query", "lang=en"),
                arguments("query", ""),
                arguments("body", "{\"badge_definition_id\":\"bdg-def-003\",\"peer_mentor_id\":\"pm-2\"}"),
                arguments("body", ""),
                arguments("Content-Type", "text/plain"),
                arguments("Content-Type", null),
                arguments("Accept", "text/html"),
                arguments("X-Peerstats-Allow-Stale", "true"),
                arguments("X-Peerstats-Allow-Stale", ""),
                arguments("Idempotency-Key", "award-2"),
                arguments("Idempotency-Key", null),
                arguments("forwardedBy", "10.0.0.9:7070"),
                arguments("target", "10.0.0.3:7070"),
                arguments("signedAt", String.valueOf(NOW.plusMillis(1).toEpochMilli())),
                arguments("principal", PrincipalHeader.encode(new Principal("ola", Role.ADMIN, "org-a", null))),
                arguments("principal", PrincipalHeader.encode(new Principal("kari", Role.SYSTEM, "org-a", null))),
                arguments("principal", PrincipalHeader.encode(new Principal("kari", Role.ADMIN, null, null))),
                arguments("principal", PrincipalHeader.encode(new Principal("kari", Role.ADMIN, "org-b", null))),
                arguments("principal", PrincipalHeader.encode(new Principal("kari", Role.ADMIN, "org-a", "pm-1"))),
                arguments("principal", null));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everySignedPartChanged")
    void aRequestWithAnySignedPartChangedIsRefused(String part, String value) {
        String signed = KEY.sign(request(parts()));

        assertRefused(with(part, value), signed, "signature does not match");
    }

    @Test
    void thePartsCannotBeShiftedFromOneIntoTheNext() {
        Map<String, String> shifted = parts();
        shifted.put("path", "/api/v1/earned-badges?lang=nb");
        shifted.put("query", "");

        assertRefused(request(shifted), KEY.sign(request(parts())), "signature does not match");
    }

    @Test
    void aRequestSignedWithinTheWindowEitherWayIsTakenAndOneOutsideItIsNot() {
        ForwardedRequest sent = request(parts());
        String signed = KEY.sign(sent);

        assertEquals(Optional.of(ADMIN), verifierAt(NOW.plus(WINDOW)).verify(sent, signed));
        assertEquals(Optional.of(ADMIN), verifierAt(NOW.minus(WINDOW)).verify(sent, signed));
        AuthenticationException late = assertThrows(AuthenticationException.class,
                () -> verifierAt(NOW.plus(WINDOW).plusSeconds(1)).verify(sent, signed));
        assertEquals(ForwardedRequest.SIGNED_AT_HEADER + " is 31 s from this instance's clock; a forwarded request "
                + "is accepted within 30 s", late.getMessage());
        assertThrows(AuthenticationException.class, () -> verifierAt(NOW.minus(WINDOW).minusSeconds(1))
                .verify(sent, signed), "signed ahead of this clock by more than the window");
    }

    @Test
    void aTimeThatIsNotEpochMillisecondsIsRefusedBeforeAnythingElse() {
        for (String time : new String[] {"", "-1", "+1", "1.5", "2026-03-14T10:00:00Z", "9".repeat(19)}) {
            ForwardedRequest sent = with("signedAt", time);
            assertRefused(sent, KEY.sign(sent), ForwardedRequest.SIGNED_AT_HEADER + " must be epoch milliseconds");
        }
    }

    @Test
    void aRequestWithoutSignatureOrTimeIsRefusedSayingWhichIsMissing() {
        ForwardedRequest sent = request(parts());
        assertRefused(sent, null, "without " + ForwardedRequest.SIGNATURE_HEADER);
        assertRefused(sent, " ", "without " + ForwardedRequest.SIGNATURE_HEADER);
        ForwardedRequest untimed = with("signedAt", null);
        assertRefused(untimed, KEY.sign(untimed), "without " + ForwardedRequest.SIGNED_AT_HEADER);
    }

    @Test
    void aSignatureMadeWithAnotherKeyOrThatIsNoSignatureIsRefused() {
        ForwardedRequest sent = request(parts());
        String otherKey = signature("another-peer-secret-of-32-bytes-or-more").sign(sent);

        assertRefused(sent, otherKey, "signature does not match");
        assertRefused(sent, "not+base64url/", "signature does not match");
        assertRefused(sent, KEY.sign(sent).substring(1), "signature does not match");
    }

    @Test
    void aMalformedPrincipalSignedByAPeerIsAnAuthenticationFailureNotACrash() {
        ForwardedRequest malformed = with("principal", "a.b.c");

        assertRefused(malformed, KEY.sign(malformed), "malformed " + ForwardedRequest.PRINCIPAL_HEADER);
    }

    private static void assertRefused(ForwardedRequest received, String signature, String because) {
        AuthenticationException refused = assertThrows(AuthenticationException.class,
                () -> verifierAt(NOW).verify(received, signature));
        assertTrue(refused.getMessage().contains(because), refused.getMessage());
    }
}
