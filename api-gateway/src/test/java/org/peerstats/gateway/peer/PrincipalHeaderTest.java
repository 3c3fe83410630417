package org.peerstats.gateway.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstats.gateway.auth.AuthenticationException;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;

class PrincipalHeaderTest {

    @Test
    void everyKindOfPrincipalReadsBackAsItWasWhateverItsIdsHold() {
        for (Principal principal : new Principal[] {
                new Principal("sys", Role.SYSTEM, null, null),
                new Principal("admin@org", Role.ADMIN, "org-a", null),
                new Principal("coord", Role.COORDINATOR, "org.with.dots~and~tildes", null),
                new Principal("pm-1", Role.PEER_MENTOR, "Ørsta og Volda", "pm-1"),
                new Principal("a=b;c", Role.PEER_MENTOR, null, "pm with spaces")}) {
            String header = PrincipalHeader.encode(principal);

            assertEquals(principal, PrincipalHeader.decode(header), header);
            assertTrue(header.matches("[A-Za-z0-9_.~-]+"), "plain ASCII for a header: " + header);
        }
    }

    @Test
    void aMissingIdIsNotAnEmptyOneNorCanOneFieldSpillIntoTheNext() {
        assertNotEquals(PrincipalHeader.encode(new Principal("a.b", Role.ADMIN, null, null)),
                PrincipalHeader.encode(new Principal("a", Role.ADMIN, "b", null)));
        assertNotEquals(PrincipalHeader.encode(new Principal("a", Role.ADMIN, null, "b")),
                PrincipalHeader.encode(new Principal("a", Role.ADMIN, "b", null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                 // no fields
            "c3lz.c3lzdGVt.~",                  // three fields
            "c3lz.c3lzdGVt.~.~.~",              // five fields
            "~.c3lzdGVt.~.~",                   // no subject
            "c3lz.~.~.~",                       // no role
            "c3lz.b3duZXI.~.~",                 // role "owner"
            "c3lz.cGVlcl9tZW50b3I.~.~",         // a peer_mentor without its id
            "c3lz.c3lzdGVt.b3JnLWE=.~",         // padding
            "c3lz.c3lzdGVt.b3Jn+WE.~",          // base64, not base64url
            "c3lz.c3lzdGVt.Y.~",                // one character: no byte
            "c3lz.c3lzdGVt.ICA.~",              // a blank organisation: never "every organisation"
            "c3lz.c3lzdGVt..~",                 // an empty organisation
            "c3lz.c3lzdGVt._w.~"                // 0xFF: not UTF-8
    })
    void aMalformedHeaderIsAnAuthenticationFailureNamingTheHeader(String header) {
        AuthenticationException refused = assertThrows(AuthenticationException.class,
                () -> PrincipalHeader.decode(header));

        assertTrue(refused.getMessage().startsWith("malformed " + ForwardedRequest.PRINCIPAL_HEADER + ": "),
                refused.getMessage());
    }

    @Test
    void theFixturesAboveSayWhatTheirCommentsSay() {
        assertEquals("system", decode("c3lzdGVt"));
        assertEquals("owner", decode("b3duZXI"));
        assertEquals("peer_mentor", decode("cGVlcl9tZW50b3I"));
        assertEquals("  ", decode("ICA"));
        assertEquals(new Principal("sys", Role.SYSTEM, "org-a", null), PrincipalHeader.decode("c3lz.c3lzdGVt.b3JnLWE.~"));
    }

    private static String decode(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }
}
