package org.matchup.core.diagnostics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Sample quantiles by R's default definition, type 7 of Hyndman and Fan (1996), "Sample quantiles in statistical
 * packages", The American Statistician 50(4), 361-365, doi:10.2307/2684934: with the draws sorted as
 * {@code x[1] <= ... <= x[n]}, {@code h = 1 + (n - 1) p} and {@code Q(p) = x[floor(h)] + (h - floor(h))
 * (x[floor(h) + 1] - x[floor(h)])}. The arithmetic follows R's {@code quantile.default} step for step, so the
 * results agree with R to the last bit for finite input.
 *
 * <p>Stateless; thread safe.
 */
public final class Quantiles {

    private Quantiles() {
    }

    /**
     * Type-7 quantile of unsorted values; the input is not modified.
     *
     * @param values the sample
     * @param p probability in [0, 1]
     * @return the quantile; NaN when there are no values or one of them is NaN
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or NaN
     */
    public static double type7(double[] values, double p) {
        return type7Sorted(sortedCopy(values), p);
    }

    /**
     * Type-7 quantiles of unsorted values at several probabilities, sorting once; the input is not modified.
     *
     * @param values the sample
     * @param probabilities probabilities in [0, 1]
     * @return one quantile per probability, NaN where {@link #type7(double[], double)} would give NaN
     * @throws IllegalArgumentException if a probability is outside [0, 1] or NaN
     */
    public static double[] type7(double[] values, double... probabilities) {
        Objects.requireNonNull(probabilities, "probabilities");
        double[] sorted = sortedCopy(values);
        double[] result = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            result[i] = type7Sorted(sorted, probabilities[i]);
        }
        return result;
    }

    /**
     * Type-7 quantile of values already sorted in ascending order, as {@link Arrays#sort(double[])} leaves them
     * (NaN last).
     *
     * @param sorted the sample, ascending
     * @param p probability in [0, 1]
     * @return the quantile; NaN when there are no values or one of them is NaN
     * @throws IllegalArgumentException if {@code p} is outside [0, 1] or NaN
     */
    public static double type7Sorted(double[] sorted, double p) {
        Objects.requireNonNull(sorted, "sorted");
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability p must be in [0, 1], was " + p);
        }
        int n = sorted.length;
        if (n == 0 || Double.isNaN(sorted[n - 1])) {
            return Double.NaN;
        }

        // One-based index h = 1 + (n - 1) p and its integer neighbours (Hyndman and Fan 1996, type 7).
        double index = 1 + (n - 1) * p;
        double lo = Math.floor(index);
        double hi = Math.ceil(index);
        double qLo = sorted[(int) lo - 1];
        double qHi = sorted[(int) hi - 1];

        // Interpolate only where R does, so that equal neighbours (and infinite ones) are returned unchanged.
        if (index > lo && qHi != qLo) {
            double h = index - lo;
            return (1 - h) * qLo + h * qHi;
        }
        return qLo;
    }

    /**
     * Median as R's {@code median}: the middle value, or the mean of the two middle values.
     *
     * @param values the sample; not modified
     * @return the median; NaN when there are no values or one of them is NaN
     */
    public static double median(double[] values) {
        double[] sorted = sortedCopy(values);
        int n = sorted.length;
        if (n == 0 || Double.isNaN(sorted[n - 1])) {
            return Double.NaN;
        }
        int half = n / 2;
        return n % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }

    private static double[] sortedCopy(double[] values) {
        Objects.requireNonNull(values, "values");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
