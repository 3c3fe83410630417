package org.peerstats.gateway.auth;

import java.util.Objects;

/**
 * Who is calling, as established from a verified token. What a principal may see is
 * {@link Visibility}'s to decide.
 *
 * @param subject        the token's {@code sub}
 * @param role           the token's {@code role}
 * @param organisationId the token's {@code organisation_id}, or null
 * @param peerMentorId   the token's {@code peer_mentor_id}, or null; required for
 *                       {@link Role#PEER_MENTOR}
 */
public record Principal(String subject, Role role, String organisationId, String peerMentorId) {

    public Principal {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(role, "role");
        if (role == Role.PEER_MENTOR && peerMentorId == null) {
            throw new IllegalArgumentException("a peer_mentor principal needs a peerMentorId");
        }
    }
}
