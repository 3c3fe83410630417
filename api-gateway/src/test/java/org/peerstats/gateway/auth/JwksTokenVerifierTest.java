package org.peerstats.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.peerstats.gateway.auth.TestTokens.CLOCK;
import static org.peerstats.gateway.auth.TestTokens.NOW;
import static org.peerstats.gateway.auth.TestTokens.SECRET;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real JWKS endpoint: the JDK's HTTP server on a free local port. */
class JwksTokenVerifierTest {

    private final AtomicInteger jwksRequests = new AtomicInteger();
    private RSAKey signingKey;
    private HttpServer server;
    private URL jwksUrl;

    @BeforeEach
    void serveJwks() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("key-1").generate();
        byte[] body = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            jwksRequests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        jwksUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json").toURL();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static JWTClaimsSet systemClaims() {
        return new JWTClaimsSet.Builder()
                .subject("svc-notifications")
                .claim("role", "system")
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))))
                .build();
    }

    private String rs256(RSAKey key) throws Exception {
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build();
        return TestTokens.sign(new RSASSASigner(key), header, systemClaims());
    }

    @Test
    void tokenSignedWithAPublishedKeyVerifies() throws Exception {
        var verifier = JwtTokenVerifier.jwks(jwksUrl, CLOCK);

        assertEquals(new Principal("svc-notifications", Role.SYSTEM, null, null), verifier.verify(rs256(signingKey)));
    }

    @Test
    void keySetIsFetchedOnceForManyTokens() throws Exception {
        var verifier = JwtTokenVerifier.jwks(jwksUrl, CLOCK);
        var token = rs256(signingKey);

        verifier.verify(token);
        verifier.verify(token);

        assertEquals(1, jwksRequests.get());
    }

    @Test
    void tokenSignedWithAnUnpublishedKeyIsRejected() throws Exception {
        var impostor = new RSAKeyGenerator(2048).keyID("key-1").generate();

        var e = assertThrows(AuthenticationException.class,
                () -> JwtTokenVerifier.jwks(jwksUrl, CLOCK).verify(rs256(impostor)));
        assertEquals("invalid signature", e.getMessage());
    }

    @Test
    void hs256TokenIsRejectedByAJwksVerifier() throws Exception {
        var token = TestTokens.hs256(SECRET, systemClaims());

        var e = assertThrows(AuthenticationException.class, () -> JwtTokenVerifier.jwks(jwksUrl, CLOCK).verify(token));
        assertEquals("unsupported algorithm or unknown key", e.getMessage());
    }

    @Test
    void unreachableKeySetIsUnavailableNotUnauthenticated() throws Exception {
        var token = rs256(signingKey);
        server.stop(0);

        var e = assertThrows(VerificationUnavailableException.class,
                () -> JwtTokenVerifier.jwks(jwksUrl, CLOCK).verify(token));
        assertEquals("signing keys unavailable", e.getMessage());
    }
}
