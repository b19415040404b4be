package dev.neonoauth.benchmarks.load;

import java.util.Arrays;

/** Latency samples in nanoseconds; percentiles by sorting (nearest rank). Thread-safe; no HdrHistogram needed. */
public final class Percentiles {
    private long[] samples = new long[1024];
    private int size;

    public synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public synchronized int count() {
        return size;
    }

    /** The p-th percentile (0 < p <= 100) in milliseconds, nearest-rank; NaN without samples. */
    public synchronized double millis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }
}
