package org.matchup.cli;

import java.util.Arrays;

/**
 * The counts behind a rank plot (Vehtari, Gelman, Simpson, Carpenter and Bürkner 2021, "Rank-normalization,
 * folding, and localization: An improved R-hat for assessing convergence of MCMC", Bayesian Analysis 16(2),
 * 667-718, doi:10.1214/20-BA1221, arXiv:1903.08008): the draws of all chains are ranked together, ties getting
 * their average rank, and each chain's ranks are counted in equal bins of the rank range.
 *
 * <p>Stateless; thread safe.
 */
final class RankHistograms {

    /** Bins of a rank plot, as the paper's figures and bayesplot's {@code mcmc_rank_hist} use. */
    static final int DEFAULT_BINS = 20;

    private RankHistograms() {
    }

    /**
     * Counts each chain's pooled ranks in {@code bins} bins. With S draws in all, rank r (from 1 to S, possibly
     * a half for ties) falls in bin {@code floor((r - 1) bins / S)}, so bins are equal when S is a multiple of
     * {@code bins} and differ by one rank otherwise.
     *
     * @param draws the draws as [chain][draw]; chains may differ in length; NaN ranks above every number
     * @param bins the number of bins, at least 1
     * @return counts[chain][bin]; each chain's counts add up to its number of draws
     * @throws IllegalArgumentException if {@code bins} is below 1
     */
    static int[][] counts(double[][] draws, int bins) {
        if (!(bins >= 1)) {
            throw new IllegalArgumentException("bins must be at least 1, was " + bins);
        }
        double[] ranks = averageRanks(pool(draws));
        int total = ranks.length;

        // Bin of rank r: floor((r - 1) bins / S), in [0, bins) for r in [1, S].
        int[][] counts = new int[draws.length][bins];
        int offset = 0;
        for (int c = 0; c < draws.length; c++) {
            for (int i = 0; i < draws[c].length; i++) {
                int bin = (int) Math.floor((ranks[offset + i] - 1) * bins / total);
                counts[c][Math.min(bin, bins - 1)]++;
            }
            offset += draws[c].length;
        }
        return counts;
    }

    /**
     * Ranks from 1 in ascending order; tied values share the mean of the ranks they span, as R's
     * {@code rank(ties.method = "average")} does. The order is that of {@link Double#compare}, but -0.0 ties
     * with 0.0.
     *
     * @param values the values; not modified
     * @return rank of each value, in the values' order
     */
    static double[] averageRanks(double[] values) {
        double[] sorted = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            sorted[i] = normalised(values[i]);
        }
        Arrays.sort(sorted);

        // Values equal to v occupy sorted[lower .. upper - 1], that is ranks lower + 1 .. upper.
        double[] ranks = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = normalised(values[i]);
            int lower = firstIndex(sorted, v, false);
            int upper = firstIndex(sorted, v, true);
            ranks[i] = (lower + 1 + upper) / 2.0;
        }
        return ranks;
    }

    /** -0.0 as 0.0, so that the two tie as they do in arithmetic. */
    private static double normalised(double value) {
        return value == 0 ? 0.0 : value;
    }

    /** By binary search, the first index whose value is not below v, or with {@code pastTies} above v. */
    private static int firstIndex(double[] sorted, double v, boolean pastTies) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int order = Double.compare(sorted[mid], v);
            if (order < 0 || (pastTies && order == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * @param draws draws as [chain][draw]
     * @return all chains' draws in one array, chain after chain
     */
    static double[] pool(double[][] draws) {
        int total = 0;
        for (double[] chain : draws) {
            total += chain.length;
        }
        double[] pooled = new double[total];
        int offset = 0;
        for (double[] chain : draws) {
            System.arraycopy(chain, 0, pooled, offset, chain.length);
            offset += chain.length;
        }
        return pooled;
    }
}
