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
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real JWKS endpoint: the JDK's HTTPS server on a free local port, with a self-signed
 * certificate that only this test's client trusts.
 */
class JwksTokenVerifierTest {

    private static final String ISSUER = "https://idp.example.org";
    private static final TokenRules RULES = new TokenRules(Optional.of(ISSUER), Optional.of("peerstats"),
            TokenRules.DEFAULT_MAX_LIFETIME);

    @TempDir
    static Path tlsDir;
    private static SelfSignedTls tls;
    private static SSLSocketFactory trusting;

    private final AtomicInteger jwksRequests = new AtomicInteger();
    private RSAKey signingKey;
    private HttpsServer server;
    private URL jwksUrl;

    @BeforeAll
    static void certificate() throws Exception {
        tls = SelfSignedTls.create(tlsDir);
        trusting = tls.trustingClient();
    }

    @BeforeEach
    void serveJwks() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("key-1").generate();
        byte[] body = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server.createContext("/.well-known/jwks.json", exchange -> {
            jwksRequests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        jwksUrl = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json").toURL();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static JWTClaimsSet systemClaims() {
        return new JWTClaimsSet.Builder()
                .subject("svc-notifications")
                .claim("role", "system")
                .issuer(ISSUER)
                .audience("peerstats")
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))))
                .build();
    }

    private String rs256(RSAKey key) throws Exception {
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build();
        return TestTokens.sign(new RSASSASigner(key), header, systemClaims());
    }

    @Test
    void tokenSignedWithAPublishedKeyVerifies() throws Exception {
        var verifier = verifier();

        assertEquals(new Principal("svc-notifications", Role.SYSTEM, null, null), verifier.verify(rs256(signingKey)));
    }

    private JwtTokenVerifier verifier() {
        return JwtTokenVerifier.jwks(jwksUrl, RULES, CLOCK, trusting);
    }

    @Test
    void aServerTheJvmDoesNotTrustGivesNoKeys() throws Exception {
        var token = rs256(signingKey);

        var e = assertThrows(VerificationUnavailableException.class,
                () -> JwtTokenVerifier.jwks(jwksUrl, RULES, CLOCK).verify(token));
        assertEquals("signing keys unavailable", e.getMessage());
        assertEquals(0, jwksRequests.get(), "the TLS handshake failed before any request");
    }

    @Test
    void aTokenForAnotherClientOfTheSameProviderIsRefused() throws Exception {
        var claims = new JWTClaimsSet.Builder(systemClaims()).audience("another-client").build();
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build();
        var token = TestTokens.sign(new RSASSASigner(signingKey), header, claims);

        var e = assertThrows(AuthenticationException.class, () -> verifier().verify(token));
        assertEquals("wrong audience", e.getMessage());
    }

    @Test
    void keySetIsFetchedOnceForManyTokens() throws Exception {
        var verifier = verifier();
        var token = rs256(signingKey);

        verifier.verify(token);
        verifier.verify(token);

        assertEquals(1, jwksRequests.get());
    }

    @Test
    void tokenSignedWithAnUnpublishedKeyIsRejected() throws Exception {
        var impostor = new RSAKeyGenerator(2048).keyID("key-1").generate();

        var e = assertThrows(AuthenticationException.class,
                () -> verifier().verify(rs256(impostor)));
        assertEquals("invalid signature", e.getMessage());
    }

    @Test
    void hs256TokenIsRejectedByAJwksVerifier() throws Exception {
        var token = TestTokens.hs256(SECRET, systemClaims());

        var e = assertThrows(AuthenticationException.class, () -> verifier().verify(token));
        assertEquals("unsupported algorithm or unknown key", e.getMessage());
    }

    @Test
    void unreachableKeySetIsUnavailableNotUnauthenticated() throws Exception {
        var token = rs256(signingKey);
        server.stop(0);

        var e = assertThrows(VerificationUnavailableException.class,
                () -> verifier().verify(token));
        assertEquals("signing keys unavailable", e.getMessage());
    }
}
