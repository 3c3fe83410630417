package org.peerstats.streams.badges;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Where one mentor stands with one definition: kept per (mentor, definition), so deciding needs
 * no scan of the mentor's earned-badge history.
 *
 * @param awards           how many times the definition was awarded to the mentor (numbers the ids)
 * @param heldBadgeId      the earned badge the mentor holds now, or {@code null}
 * @param awardedByRules   whether the held badge was awarded by the rules (only those are revoked
 *                         by the rules) rather than by hand
 * @param revokedByCommand whether the last earned badge was revoked by hand; the rules then do not
 *                         award it again (only a manual award does), so a deliberate revocation is
 *                         not undone by the mentor's next activity
 * @param windows          for a definition with windowed criteria, which parts some calendar
 *                         period reached at the last evaluation; {@code null} when not known
 */
public record BadgeHolding(
        String badgeDefinitionId,
        int awards,
        String heldBadgeId,
        boolean awardedByRules,
        boolean revokedByCommand,
        WindowMemo windows) {

    @JsonCreator
    public BadgeHolding {
    }

    public BadgeHolding(String badgeDefinitionId, int awards, String heldBadgeId, boolean awardedByRules,
                        boolean revokedByCommand) {
        this(badgeDefinitionId, awards, heldBadgeId, awardedByRules, revokedByCommand, null);
    }

    static BadgeHolding none(String badgeDefinitionId) {
        return new BadgeHolding(badgeDefinitionId, 0, null, false, false, null);
    }

    BadgeHolding withWindows(WindowMemo memo) {
        return new BadgeHolding(badgeDefinitionId, awards, heldBadgeId, awardedByRules, revokedByCommand, memo);
    }

    boolean holds() {
        return heldBadgeId != null;
    }

    int nextAwardNumber() {
        return awards + 1;
    }

    BadgeHolding awarded(String earnedBadgeId, boolean byRules) {
        return new BadgeHolding(badgeDefinitionId, awards + 1, earnedBadgeId, byRules, false, windows);
    }

    BadgeHolding revoked(boolean byCommand) {
        return new BadgeHolding(badgeDefinitionId, awards, null, false, byCommand, windows);
    }
}
