package org.peerstats.gateway.peer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.peerstats.gateway.auth.AuthenticationException;
import org.peerstats.gateway.auth.Principal;

/**
 * What the receiving instance accepts as a forwarded request: one signed with the peer key
 * ({@link PeerSignature}) within {@code window} of this instance's clock, either way. The window
 * bounds how long a request captured on its way stays usable (within it, a copy sent to the same
 * instance again passes: that is what TLS between the instances is for); it must cover the
 * longest a forward can be on its way — the forwarding instance gives up after its forward
 * timeout — and the skew between the instances' clocks.
 *
 * <p>Every refusal is an {@link AuthenticationException} saying what is wrong, checked in the
 * order: signature and time present, time readable and within the window, signature right, then
 * the principal readable. A request the sender received on a public route carries no principal.
 */
public final class ForwardedRequestVerifier {

    private static final Pattern EPOCH_MILLIS = Pattern.compile("[0-9]{1,18}");

    private final PeerSignature signature;
    private final Duration window;
    private final Clock clock;

    public ForwardedRequestVerifier(PeerSignature signature, Duration window, Clock clock) {
        this.signature = signature;
        this.window = window;
        this.clock = clock;
    }

    public Duration window() {
        return window;
    }

    /**
     * @param request   the request as received, with this instance as its target
     * @param presented the {@value ForwardedRequest#SIGNATURE_HEADER} header, or null
     * @return the caller the sending instance verified; empty when it sent no principal
     * @throws AuthenticationException when the request is not one a peer signed just now
     */
    public Optional<Principal> verify(ForwardedRequest request, String presented) {
        if (presented == null || presented.isBlank()) {
            throw refused("without " + ForwardedRequest.SIGNATURE_HEADER);
        }
        if (request.signedAt() == null) {
            throw refused("without " + ForwardedRequest.SIGNED_AT_HEADER);
        }
        requireWithinWindow(request.signedAt());
        if (!signature.matches(request, presented.trim())) {
            throw refused("whose signature does not match (a request changed on its way, sent to another "
                    + "instance than it was signed for, or signed with another peer key)");
        }
        return Optional.ofNullable(request.principal()).map(PrincipalHeader::decode);
    }

    private void requireWithinWindow(String signedAt) {
        if (!EPOCH_MILLIS.matcher(signedAt).matches()) {
            throw new AuthenticationException(ForwardedRequest.SIGNED_AT_HEADER + " must be epoch milliseconds");
        }
        Duration off = Duration.between(Instant.ofEpochMilli(Long.parseLong(signedAt)), clock.instant()).abs();
        if (off.compareTo(window) > 0) {
            throw new AuthenticationException(ForwardedRequest.SIGNED_AT_HEADER + " is " + off.toSeconds()
                    + " s from this instance's clock; a forwarded request is accepted within " + window.toSeconds()
                    + " s");
        }
    }

    private static AuthenticationException refused(String why) {
        return new AuthenticationException("a request marked " + ForwardedRequest.FORWARDED_BY_HEADER + " " + why);
    }
}
