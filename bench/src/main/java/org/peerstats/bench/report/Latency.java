package org.peerstats.bench.report;

import org.HdrHistogram.Histogram;

/** The percentiles of a latency histogram recorded in microseconds, in milliseconds. */
public record Latency(long count, double p50Ms, double p90Ms, double p95Ms, double p99Ms, double p999Ms, double maxMs,
                      double meanMs) {

    public static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()),
                micros.getMean() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
