package org.peerstats.gateway.peer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.peerstats.gateway.auth.AuthenticationException;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;

/**
 * How a forwarded request says whom the first instance verified: the {@link Principal}'s four
 * fields — subject, role claim, organisation id, peer mentor id — in that order, separated by
 * {@code .}, each the unpadded base64url of its UTF-8 text, or {@value #ABSENT} when it has none.
 *
 * <p>Neither separator nor {@value #ABSENT} is in the base64url alphabet, so no value can end a
 * field early or pass for a missing one, whatever characters ids hold; and the value is plain
 * ASCII, as a header must be. It is signed as sent ({@link ForwardedRequest}), so reading it
 * back cannot make of it anything the sender did not mean. Reading is as strict as reading a
 * token's claims: a malformed value is an {@link AuthenticationException} (401), never a 500.
 */
public final class PrincipalHeader {

    static final String ABSENT = "~";
    private static final String SEPARATOR = ".";
    private static final int FIELDS = 4;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    private PrincipalHeader() {
    }

    public static String encode(Principal principal) {
        return String.join(SEPARATOR, field(principal.subject()), field(principal.role().claim()),
                field(principal.organisationId()), field(principal.peerMentorId()));
    }

    /**
     * The principal {@code value} names: subject and a known role required, ids present only when
     * not blank (a blank organisation must never widen an admin to every organisation), a peer
     * mentor with its id.
     *
     * @throws AuthenticationException when {@code value} is not such an encoding
     */
    public static Principal decode(String value) {
        String[] fields = value.split(Pattern.quote(SEPARATOR), -1);
        if (fields.length != FIELDS) {
            throw malformed("expected " + FIELDS + " fields, got " + fields.length);
        }
        String subject = text(fields[0], "subject");
        String roleClaim = text(fields[1], "role");
        if (subject == null || roleClaim == null) {
            throw malformed("subject and role are required");
        }
        Role role = Role.fromClaim(roleClaim).orElseThrow(() -> malformed("unknown role"));
        String peerMentorId = text(fields[3], "peer mentor id");
        if (role == Role.PEER_MENTOR && peerMentorId == null) {
            throw malformed("a peer_mentor needs a peer mentor id");
        }
        return new Principal(subject, role, text(fields[2], "organisation id"), peerMentorId);
    }

    private static String field(String text) {
        return text == null ? ABSENT
                : Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The field's text, null when absent; blank text and anything but unpadded base64url of UTF-8 refused. */
    private static String text(String field, String name) {
        if (field.equals(ABSENT)) {
            return null;
        }
        if (!BASE64URL.matcher(field).matches()) {
            throw malformed(name + " is not base64url");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(field)))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw malformed(name + " is not base64url of UTF-8");
        }
        if (text.isBlank()) {
            throw malformed(name + " is blank");
        }
        return text;
    }

    private static AuthenticationException malformed(String why) {
        return new AuthenticationException("malformed " + ForwardedRequest.PRINCIPAL_HEADER + ": " + why);
    }
}
