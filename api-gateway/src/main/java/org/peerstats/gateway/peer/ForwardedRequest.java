package org.peerstats.gateway.peer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Everything about a forwarded request that its signature covers, and the one byte form the
 * signature is computed over ({@link #canonicalForm()}): the sender builds it from the request it
 * sends, the receiver from the request it received — with itself as {@code target} — and the two
 * agree only when nothing that changes the request's meaning was altered on the way.
 *
 * <p>The form starts with {@value #VERSION}, so a later form can never be read as this one, and
 * writes each part as its UTF-8 length in bytes, {@code :}, the bytes and a newline, or
 * {@code ~} and a newline for a part the request does not have. Lengths make
 * it unambiguous whatever the parts hold (a path or header cannot spill into the next part), and
 * an absent header is not an empty one. Headers are written as name and value, in the order the
 * caller gives, so sender and receiver must name the same headers.
 *
 * @param method      the HTTP method
 * @param path        the path as sent, not decoded
 * @param query       the raw query, without {@code ?}; empty when there is none (the two mean the same)
 * @param bodySha256  lowercase hex of the body's SHA-256 ({@link #sha256Hex})
 * @param headers     the headers that change what the request means, absent ones with a null value
 * @param forwardedBy the sending instance's {@code host:port}
 * @param target      the receiving instance's {@code host:port} (its {@code application.server}): a
 *                    request received by one instance is worth nothing at another
 * @param signedAt    when it was signed, epoch milliseconds as sent; null when a request received has none
 * @param principal   the caller the sender verified, as {@link PrincipalHeader} wrote it; null when
 *                    the route at the sender is public
 */
public record ForwardedRequest(String method, String path, String query, String bodySha256, List<Header> headers,
                               String forwardedBy, String target, String signedAt, String principal) {

    /** The sending instance's {@code host:port}; its presence makes a request a forwarded one. */
    public static final String FORWARDED_BY_HEADER = "X-Peerstats-Forwarded-By";
    /** {@link #signedAt}. */
    public static final String SIGNED_AT_HEADER = "X-Peerstats-Forwarded-At";
    /** {@link #principal}. */
    public static final String PRINCIPAL_HEADER = "X-Peerstats-Forwarded-Principal";
    /** The unpadded base64url of the HMAC-SHA256 of the {@link #canonicalForm()}. */
    public static final String SIGNATURE_HEADER = "X-Peerstats-Forwarded-Signature";

    static final String VERSION = "peerstats-forward-v1";
    private static final byte[] ABSENT = {'~'};

    /** One header of the request by name, with its value or null when the request has none. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
        }
    }

    public ForwardedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        Objects.requireNonNull(bodySha256, "bodySha256");
        headers = List.copyOf(headers);
        Objects.requireNonNull(forwardedBy, "forwardedBy");
        Objects.requireNonNull(target, "target");
    }

    public byte[] canonicalForm() {
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        part(form, VERSION);
        part(form, method);
        part(form, path);
        part(form, query);
        part(form, bodySha256);
        for (Header header : headers) {
            part(form, header.name());
            part(form, header.value());
        }
        part(form, forwardedBy);
        part(form, target);
        part(form, signedAt);
        part(form, principal);
        return form.toByteArray();
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void part(ByteArrayOutputStream form, String value) {
        if (value == null) {
            form.writeBytes(ABSENT);
        } else {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            form.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            form.writeBytes(bytes);
        }
        form.write('\n');
    }
}
