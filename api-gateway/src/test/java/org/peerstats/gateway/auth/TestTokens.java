package org.peerstats.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared fixtures: a fixed clock, two secrets and a signer for hand-made claims. */
final class TestTokens {

    static final Instant NOW = Instant.parse("2026-03-14T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final byte[] SECRET = "test-secret-0123456789-abcdefghijklmnop".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_SECRET = "another-secret-0123456789-abcdefghijkl".getBytes(StandardCharsets.UTF_8);

    private TestTokens() {
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** Signs arbitrary claims with HS256, for tokens {@link TokenIssuer} would never make. */
    static String hs256(byte[] secret, JWTClaimsSet claims) throws JOSEException {
        return sign(new MACSigner(secret), new JWSHeader(JWSAlgorithm.HS256), claims);
    }

    static String sign(JWSSigner signer, JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
