package org.peerstats.gateway.peer;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.peerstats.gateway.auth.JwtSecrets;

/**
 * The key instances sign forwarded requests with ({@link PeerSignature}); every instance of an
 * application must have the same one, or each refuses the others' forwards.
 *
 * <p>{@code PEERSTATS_PEER_SECRET} wins. Without it the key is derived from the JWT secret —
 * the HMAC-SHA256 of {@value #DERIVATION_LABEL} keyed with it — so instances that already share
 * {@code PEERSTATS_JWT_SECRET} forward to each other with no new setting. Derived, not the JWT
 * secret itself: a peer signature and a token signature are then made with different keys, and
 * one never tells anything about the other's. In JWKS mode the JWT secret is usually the
 * development one in the data directory, of this instance only: {@link #source()} says so, for
 * the caller to warn that forwarding needs {@code PEERSTATS_PEER_SECRET}.
 */
public final class PeerKey {

    /** As for HS256: a key at least as long as the HMAC-SHA256 output. */
    public static final int MIN_SECRET_BYTES = 32;

    static final String DERIVATION_LABEL = "peerstats peer-forwarding key v1";

    /** Where the key came from. */
    public enum Source {
        /** {@code PEERSTATS_PEER_SECRET} */
        PEER_SECRET,
        /** derived from {@code PEERSTATS_JWT_SECRET} */
        JWT_SECRET,
        /** derived from the development secret in the data directory: this instance's own */
        DEVELOPMENT_SECRET
    }

    private final byte[] bytes;
    private final Source source;

    private PeerKey(byte[] bytes, Source source) {
        this.bytes = bytes;
        this.source = source;
    }

    /**
     * @throws IllegalArgumentException when the configured secret is shorter than
     *                                  {@link #MIN_SECRET_BYTES} bytes
     */
    public static PeerKey resolve(Optional<String> peerSecret, JwtSecrets jwt) {
        if (peerSecret.isPresent()) {
            return configured(peerSecret.get());
        }
        byte[] derived = PeerSignature.hmacSha256(jwt.secret(), DERIVATION_LABEL.getBytes(StandardCharsets.US_ASCII));
        return new PeerKey(derived, jwt.isDevelopmentSecret() ? Source.DEVELOPMENT_SECRET : Source.JWT_SECRET);
    }

    /**
     * The key {@code PEERSTATS_PEER_SECRET} gives: the UTF-8 bytes of the text.
     *
     * @throws IllegalArgumentException when they are fewer than {@link #MIN_SECRET_BYTES}
     */
    public static PeerKey configured(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("PEERSTATS_PEER_SECRET must be at least " + MIN_SECRET_BYTES
                    + " bytes, got " + bytes.length);
        }
        return new PeerKey(bytes, Source.PEER_SECRET);
    }

    public Source source() {
        return source;
    }

    /** A copy of the key's bytes. */
    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "PeerKey[****, source=" + source + "]";
    }
}
