package org.peerstats.streams.stats;

import java.util.List;

/**
 * The stored form of a {@link DayBucket} (read and written on every activity event, range-read
 * for windowed counts). Version 1, 25 bytes whatever the day holds:
 *
 * <pre>
 * byte version | int activities | int sessions | int minutes | long latest epoch milli | int at latest
 * </pre>
 * Stores written before this codec hold JSON with every activity's time; {@link #decode} still
 * reads that, so their changelogs restore.
 */
public final class DayBucketCodec {

    private static final byte VERSION = 1;
    private static final String WHAT = "day bucket";

    private DayBucketCodec() {
    }

    public static byte[] encode(DayBucket bucket) {
        return BinaryForm.encode(WHAT, VERSION, 25, out -> {
            out.writeInt(bucket.activities());
            out.writeInt(bucket.sessions());
            out.writeInt(bucket.minutes());
            out.writeLong(bucket.latestMillis());
            out.writeInt(bucket.atLatest());
        });
    }

    /** @throws IllegalArgumentException when the bytes are neither this codec's form nor the former JSON */
    public static DayBucket decode(byte[] data) {
        if (LegacyJson.isJson(data)) {
            return LegacyJson.read(data, JsonDayBucket.class, WHAT).toBucket();
        }
        return BinaryForm.decode(WHAT, VERSION, data,
                in -> new DayBucket(in.readInt(), in.readInt(), in.readInt(), in.readLong(), in.readInt()));
    }

    /** The JSON form stores held before: every live activity's time, sorted. */
    record JsonDayBucket(List<Long> occurredAtMillis, int sessions, int minutes) {

        DayBucket toBucket() {
            return DayBucket.of(occurredAtMillis, sessions, minutes);
        }
    }
}
