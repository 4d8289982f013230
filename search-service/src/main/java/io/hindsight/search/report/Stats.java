package io.hindsight.search.report;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;

/**
 * Summary of durations in minutes: count, median (middle value, or the mean of the two middle values), p90
 * (nearest rank: the smallest value at least 90% of the values are at or below) and mean. Null when count is 0.
 */
@RegisterForReflection
public record Stats(int count, Double medianMinutes, Double p90Minutes, Double meanMinutes) {

    public static Stats of(double[] minutes, int n) {
        if (n == 0) {
            return new Stats(0, null, null, null);
        }
        double[] v = Arrays.copyOf(minutes, n);
        Arrays.sort(v);
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        double p90 = v[(int) Math.ceil(0.9 * n) - 1];
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        return new Stats(n, round(median), round(p90), round(sum / n));
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }
}
