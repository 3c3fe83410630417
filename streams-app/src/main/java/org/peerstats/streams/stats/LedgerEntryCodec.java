package org.peerstats.streams.stats;

import java.time.LocalDate;
import org.peerstats.streams.events.ActivityType;

/**
 * The stored form of a {@link LedgerEntry} (one per activity ever counted, read and written on
 * every activity event). Version 1:
 *
 * <pre>
 * byte version | boolean deleted | opt-string organisation | opt-string type (wire name)
 * opt-string mentee | opt-instant occurred at | int duration minutes | opt-int epoch day
 * </pre>
 * Strings, instants and "opt" (a presence byte first) as in {@link BinaryForm}. Stores written
 * before this codec hold JSON; {@link #decode} still reads that, so their changelogs restore.
 */
public final class LedgerEntryCodec {

    private static final byte VERSION = 1;
    private static final String WHAT = "ledger entry";

    private LedgerEntryCodec() {
    }

    public static byte[] encode(LedgerEntry entry) {
        return BinaryForm.encode(WHAT, VERSION, 64, out -> {
            out.writeBoolean(entry.deleted());
            BinaryForm.writeOptionalString(out, entry.organisationId());
            BinaryForm.writeOptionalString(out, entry.type() == null ? null : entry.type().wireName());
            BinaryForm.writeOptionalString(out, entry.menteeId());
            BinaryForm.writeOptionalInstant(out, entry.occurredAt());
            out.writeInt(entry.durationMinutes());
            out.writeBoolean(entry.day() != null);
            if (entry.day() != null) {
                out.writeInt(Math.toIntExact(entry.day().toEpochDay()));
            }
        });
    }

    /** @throws IllegalArgumentException when the bytes are neither this codec's form nor the former JSON */
    public static LedgerEntry decode(byte[] data) {
        if (LegacyJson.isJson(data)) {
            return LegacyJson.read(data, LedgerEntry.class, WHAT);
        }
        return BinaryForm.decode(WHAT, VERSION, data, in -> {
            boolean deleted = in.readBoolean();
            String organisationId = BinaryForm.readOptionalString(in);
            String type = BinaryForm.readOptionalString(in);
            String menteeId = BinaryForm.readOptionalString(in);
            var occurredAt = BinaryForm.readOptionalInstant(in);
            int durationMinutes = in.readInt();
            LocalDate day = in.readBoolean() ? LocalDate.ofEpochDay(in.readInt()) : null;
            return new LedgerEntry(organisationId, type == null ? null : ActivityType.fromWireName(type), menteeId,
                    occurredAt, durationMinutes, day, deleted);
        });
    }
}
