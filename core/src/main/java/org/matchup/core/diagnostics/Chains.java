package org.matchup.core.diagnostics;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Operations shared by the diagnostics on the draws of one quantity laid out as {@code double[chain][draw]}:
 * the shape check, the degenerate-input test, splitting chains in half, pooling, rank normalisation, folding and
 * R-compatible moments.
 *
 * <p>The transformations are those of Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), "Rank-normalization,
 * folding, and localization: An improved R-hat for assessing convergence of MCMC", Bayesian Analysis 16(2),
 * 667-718, doi:10.1214/20-BA1221, arXiv:1903.08008, in the form the R package {@code posterior} computes them.
 *
 * <p>Stateless; thread safe.
 */
final class Chains {

    /** Fewest draws per chain for which the diagnostics return a number rather than NaN. */
    static final int MIN_DRAWS_PER_CHAIN = 4;

    /**
     * Range below which draws count as constant: R's {@code .Machine$double.eps}, as in {@code posterior}'s
     * {@code is_constant}.
     */
    private static final double CONSTANT_TOLERANCE = Math.ulp(1.0);

    /** Blom's (1958) fractional offset for the normal scores of ranks. */
    private static final double BLOM_OFFSET = 3.0 / 8.0;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /** Normal scores of integer ranks for the last number of draws seen; see {@link #normalScores}. */
    private static volatile double[] scoreCache;

    private Chains() {
    }

    /**
     * Checks that the draws form a matrix: not null, no null chain, every chain of the same length.
     *
     * @param chains draws as [chain][draw]
     * @throws NullPointerException if {@code chains} or one of its chains is null
     * @throws IllegalArgumentException if the chains differ in length
     */
    static void requireRectangular(double[][] chains) {
        Objects.requireNonNull(chains, "chains");
        for (int c = 0; c < chains.length; c++) {
            if (chains[c] == null) {
                throw new NullPointerException("chains[" + c + "] is null");
            }
        }
        for (int c = 1; c < chains.length; c++) {
            if (chains[c].length != chains[0].length) {
                throw new IllegalArgumentException("chains must have equal lengths: chain " + c + " has "
                        + chains[c].length + " draws, chain 0 has " + chains[0].length);
            }
        }
    }

    /**
     * Tells whether a diagnostic of these draws is undefined: no chain, fewer than {@link #MIN_DRAWS_PER_CHAIN}
     * draws in a chain, a non-finite draw, or all draws (over every chain) equal.
     *
     * @param chains rectangular draws as [chain][draw]
     * @return true when the diagnostics should return NaN
     */
    static boolean isDegenerate(double[][] chains) {
        if (chains.length == 0 || chains[0].length < MIN_DRAWS_PER_CHAIN) {
            return true;
        }
        for (double[] chain : chains) {
            for (double x : chain) {
                if (!Double.isFinite(x)) {
                    return true;
                }
            }
        }
        return isConstant(chains);
    }

    /**
     * Tells whether all draws are equal within R's machine epsilon, as {@code posterior}'s {@code is_constant}.
     * Written so that a NaN draw makes the result true.
     *
     * @param chains draws as [chain][draw]
     * @return true when max - min is below the tolerance or undefined
     */
    static boolean isConstant(double[][] chains) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] chain : chains) {
            for (double x : chain) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        return !(Math.abs(max - min) >= CONSTANT_TOLERANCE);
    }

    /**
     * Splits every chain into its first and second half, doubling the number of chains. For an odd length the
     * middle draw is dropped, as {@code posterior}'s {@code .split_chains} does.
     *
     * @param chains rectangular draws as [chain][draw], at least two draws per chain
     * @return new array as [2 * chain + half][draw]
     */
    static double[][] split(double[][] chains) {
        int n = chains[0].length;
        int half = n / 2;
        double[][] halves = new double[2 * chains.length][];
        for (int c = 0; c < chains.length; c++) {
            halves[2 * c] = Arrays.copyOfRange(chains[c], 0, half);
            halves[2 * c + 1] = Arrays.copyOfRange(chains[c], n - half, n);
        }
        return halves;
    }

    /**
     * @param chains draws as [chain][draw]
     * @return all draws in one array, chain after chain
     */
    static double[] pool(double[][] chains) {
        int total = 0;
        for (double[] chain : chains) {
            total += chain.length;
        }
        double[] pooled = new double[total];
        int offset = 0;
        for (double[] chain : chains) {
            System.arraycopy(chain, 0, pooled, offset, chain.length);
            offset += chain.length;
        }
        return pooled;
    }

    /**
     * Rank-normalises draws: replaces each draw by the normal score of its rank among all draws of all chains,
     * {@code z = Phi^-1((r - 3/8) / (S + 1/4))}, where tied draws share their average rank.
     *
     * @param chains finite draws as [chain][draw]
     * @return new array of the same shape holding the normal scores
     */
    static double[][] rankNormalize(double[][] chains) {
        double[] pooled = pool(chains);
        int s = pooled.length;

        // Average ranks over the pooled draws: r in 1..S, ties share the mean of their positions. A draw's tied
        // block in the sorted copy runs from its first to its last occurrence, found by binary search; adding
        // 0.0 makes -0.0 and 0.0 one value, as == sees them.
        double[] sorted = new double[s];
        for (int i = 0; i < s; i++) {
            sorted[i] = pooled[i] + 0.0;
        }
        Arrays.sort(sorted);
        double[] rank = new double[s];
        for (int i = 0; i < s; i++) {
            double v = pooled[i] + 0.0;
            int first = firstAtLeast(sorted, v);
            int last = firstAbove(sorted, v, first);
            rank[i] = (first + 1 + last) / 2.0;
        }

        // Normal scores: z = Phi^-1((r - c) / (S - 2c + 1)) with Blom's c = 3/8 (Vehtari et al. 2021, rank
        // normalisation).
        double[] integerRankScores = normalScores(s);
        double denominator = s - 2 * BLOM_OFFSET + 1;
        double[][] z = new double[chains.length][];
        int offset = 0;
        for (int c = 0; c < chains.length; c++) {
            z[c] = new double[chains[c].length];
            for (int i = 0; i < chains[c].length; i++) {
                double r = rank[offset + i];
                z[c][i] = r == Math.rint(r) ? integerRankScores[(int) r - 1]
                        : STANDARD_NORMAL.inverseCumulativeProbability((r - BLOM_OFFSET) / denominator);
            }
            offset += chains[c].length;
        }
        return z;
    }

    /**
     * The normal scores of the integer ranks 1..S, shared by every quantity with S draws (the last S asked for is
     * kept: a summary asks for one S over and over). The array is never written after publication.
     */
    private static double[] normalScores(int s) {
        double[] cached = scoreCache;
        if (cached != null && cached.length == s) {
            return cached;
        }
        double denominator = s - 2 * BLOM_OFFSET + 1;
        double[] scores = new double[s];
        for (int r = 1; r <= s; r++) {
            scores[r - 1] = STANDARD_NORMAL.inverseCumulativeProbability((r - BLOM_OFFSET) / denominator);
        }
        scoreCache = scores;
        return scores;
    }

    /** Index of the first element of ascending {@code sorted} that is at least {@code v}. */
    private static int firstAtLeast(double[] sorted, double v) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < v) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Index of the first element of ascending {@code sorted}, from {@code from} on, that exceeds {@code v}. */
    private static int firstAbove(double[] sorted, double v, int from) {
        int low = from;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= v) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * Folds draws around their pooled median, {@code zeta = |theta - median(theta)|}, the transformation behind
     * the tail R-hat of Vehtari et al. (2021).
     *
     * @param chains finite draws as [chain][draw]
     * @return new array of the same shape holding the folded draws
     */
    static double[][] fold(double[][] chains) {
        double median = Quantiles.median(pool(chains));
        double[][] folded = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            folded[c] = new double[chains[c].length];
            for (int i = 0; i < chains[c].length; i++) {
                folded[c][i] = Math.abs(chains[c][i] - median);
            }
        }
        return folded;
    }

    /**
     * Mean with one refinement pass, as R's {@code mean}: sum / n, then corrected by the mean residual.
     *
     * @param x values
     * @return their mean; NaN for no values
     */
    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double mean = sum / x.length;
        double residual = 0;
        for (double v : x) {
            residual += v - mean;
        }
        return mean + residual / x.length;
    }

    /**
     * Sample variance with denominator n - 1, as R's {@code var}.
     *
     * @param x values
     * @return their variance; NaN for fewer than two values
     */
    static double variance(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double mean = mean(x);
        double sumOfSquares = 0;
        for (double v : x) {
            double d = v - mean;
            sumOfSquares += d * d;
        }
        return sumOfSquares / (x.length - 1);
    }
}
