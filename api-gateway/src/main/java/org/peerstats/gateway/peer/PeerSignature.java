package org.peerstats.gateway.peer;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 of a {@link ForwardedRequest}'s canonical form under the instances' shared
 * {@link PeerKey}: what an instance proves with that it is a peer, in place of the caller's
 * bearer token, which it therefore never has to hand on.
 */
public final class PeerSignature {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    public PeerSignature(PeerKey key) {
        this.key = key.bytes();
    }

    /** The signature as it is sent: unpadded base64url. */
    public String sign(ForwardedRequest request) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(request));
    }

    /**
     * Whether {@code signature} is this key's signature of {@code request}, compared in constant
     * time so the answer's timing tells nothing about how much of a forgery was right.
     */
    public boolean matches(ForwardedRequest request, String signature) {
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64url) {
            return false;
        }
        return MessageDigest.isEqual(mac(request), presented);
    }

    private byte[] mac(ForwardedRequest request) {
        return hmacSha256(key, request.canonicalForm());
    }

    /** A Mac per call: one is not safe for concurrent use, and making one costs microseconds. */
    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has " + ALGORITHM, e);
        }
    }
}
