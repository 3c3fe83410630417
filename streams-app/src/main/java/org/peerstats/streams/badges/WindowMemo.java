package org.peerstats.streams.badges;

/**
 * Which windowed parts of a definition's criteria some calendar period of the mentor reached at
 * the last evaluation, so the next one looks only at the periods its change touched: an unreached
 * part can only become reached in a period a raised day is in, and a reached one can only stop
 * being reached when a day is lowered. Kept in the mentor's {@link BadgeHolding}.
 *
 * @param criteriaFingerprint {@link #fingerprint} of the criteria it was computed for: a changed
 *                            definition makes the memo void (every period is looked at again)
 * @param reached             bit {@code i} set when part {@code i} of {@link BadgeCriteria#parts()}
 *                            is windowed and some period reached its minimum
 */
public record WindowMemo(int criteriaFingerprint, long reached) {

    boolean reached(int part) {
        return (reached & (1L << part)) != 0;
    }

    /**
     * A fingerprint of what the criteria count, stable across JVMs and releases (a record's
     * {@code hashCode} is not specified to be): metric, minimum and period of each part.
     */
    static int fingerprint(BadgeCriteria criteria) {
        int hash = 1;
        for (BadgeCriteria part : criteria.parts()) {
            hash = 31 * hash + String.valueOf(part.metric()).hashCode();
            hash = 31 * hash + (part.min() == null ? 0 : part.min().stripTrailingZeros().toPlainString().hashCode());
            hash = 31 * hash + String.valueOf(part.period()).hashCode();
        }
        return hash;
    }
}
