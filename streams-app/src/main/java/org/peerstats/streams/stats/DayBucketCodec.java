package org.peerstats.streams.stats;

/**
 * The stored form of a {@link DayBucket} (read and written on every activity event, range-read
 * for windowed counts). Version 1:
 *
 * <pre>
 * byte version | int sessions | int minutes | int n | long first epoch milli | (n - 1) × int gap ms
 * </pre>
 * The times are sorted and lie within one local day, so each after the first is stored as its
 * distance in milliseconds from the one before. Stores written before this codec hold JSON;
 * {@link #decode} still reads that, so their changelogs restore.
 */
public final class DayBucketCodec {

    private static final byte VERSION = 1;
    private static final String WHAT = "day bucket";

    private DayBucketCodec() {
    }

    public static byte[] encode(DayBucket bucket) {
        return BinaryForm.encode(WHAT, VERSION, 16 + 4 * bucket.activities(), out -> {
            out.writeInt(bucket.sessions());
            out.writeInt(bucket.minutes());
            long[] times = bucket.occurredAtMillis().stream().mapToLong(Long::longValue).toArray();
            out.writeInt(times.length);
            for (int i = 0; i < times.length; i++) {
                if (i == 0) {
                    out.writeLong(times[0]);
                } else {
                    out.writeInt(Math.toIntExact(times[i] - times[i - 1]));
                }
            }
        });
    }

    /** @throws IllegalArgumentException when the bytes are neither this codec's form nor the former JSON */
    public static DayBucket decode(byte[] data) {
        if (LegacyJson.isJson(data)) {
            return LegacyJson.read(data, DayBucket.class, WHAT);
        }
        return BinaryForm.decode(WHAT, VERSION, data, in -> {
            int sessions = in.readInt();
            int minutes = in.readInt();
            int count = in.readInt();
            if (count < 0 || count > in.available()) {
                throw new IllegalArgumentException("day bucket claims " + count + " activities");
            }
            Long[] times = new Long[count];
            for (int i = 0; i < count; i++) {
                times[i] = i == 0 ? in.readLong() : times[i - 1] + in.readInt();
            }
            return new DayBucket(java.util.Arrays.asList(times), sessions, minutes);
        });
    }
}
