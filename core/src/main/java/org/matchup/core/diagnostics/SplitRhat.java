package org.matchup.core.diagnostics;

/**
 * Potential scale reduction factor R-hat of the draws of one quantity from several chains, given as
 * {@code double[chain][draw]}: the classic split R-hat and the rank-normalised bulk and tail forms whose maximum
 * Stan reports.
 *
 * <p>Definitions are those of Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), "Rank-normalization, folding,
 * and localization: An improved R-hat for assessing convergence of MCMC", Bayesian Analysis 16(2), 667-718,
 * doi:10.1214/20-BA1221, arXiv:1903.08008, building on Gelman and Rubin (1992), "Inference from iterative
 * simulation using multiple sequences", Statistical Science 7(4), 457-472, doi:10.1214/ss/1177011136; they are
 * computed as the R package {@code posterior} computes them ({@code rhat_basic} and {@code rhat}).
 *
 * <p>Degenerate input gives NaN, never an exception: no chain, fewer than four draws in a chain, a non-finite draw,
 * or all draws equal (as for Stan's {@code divergent__} in a run without divergences). A single chain that is
 * stuck while others move is not degenerate; it yields a large R-hat, which is the warning it deserves. Chains of
 * unequal length are a usage error and throw.
 *
 * <p>Stateless; thread safe.
 */
public final class SplitRhat {

    private SplitRhat() {
    }

    /**
     * Classic split R-hat on the draws as they are (no ranks); {@code posterior::rhat_basic(x)}.
     *
     * @param chains draws as [chain][draw]
     * @return R-hat, or NaN for degenerate input
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double basic(double[][] chains) {
        return basic(chains, true);
    }

    /**
     * Classic R-hat on split chains or on the chains as given; {@code posterior::rhat_basic(x, split)}. Without
     * splitting, a single chain gives NaN.
     *
     * @param chains draws as [chain][draw]
     * @param split whether to split every chain in half first
     * @return R-hat, or NaN for degenerate input
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double basic(double[][] chains, boolean split) {
        Chains.requireRectangular(chains);
        if (Chains.isDegenerate(chains)) {
            return Double.NaN;
        }
        return potentialScaleReduction(split ? Chains.split(chains) : chains);
    }

    /**
     * Bulk R-hat: the classic R-hat of the rank-normalised split chains.
     *
     * @param chains draws as [chain][draw]
     * @return bulk R-hat, or NaN for degenerate input
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double bulk(double[][] chains) {
        Chains.requireRectangular(chains);
        if (Chains.isDegenerate(chains)) {
            return Double.NaN;
        }
        return potentialScaleReduction(Chains.rankNormalize(Chains.split(chains)));
    }

    /**
     * Tail R-hat: the classic R-hat of the rank-normalised split chains of the draws folded around their median,
     * {@code |theta - median(theta)|}.
     *
     * @param chains draws as [chain][draw]
     * @return tail R-hat, or NaN for degenerate input or when the folded draws are all equal
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double tail(double[][] chains) {
        Chains.requireRectangular(chains);
        if (Chains.isDegenerate(chains)) {
            return Double.NaN;
        }
        return potentialScaleReduction(Chains.rankNormalize(Chains.split(Chains.fold(chains))));
    }

    /**
     * R-hat as Stan and {@code posterior::rhat} report it: the larger of {@link #bulk} and {@link #tail}.
     *
     * @param chains draws as [chain][draw]
     * @return R-hat, or NaN if either part is NaN
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double rhat(double[][] chains) {
        return Math.max(bulk(chains), tail(chains));
    }

    /**
     * R-hat of chains used as they are, {@code posterior}'s internal {@code .rhat}.
     *
     * @param chains finite draws as [chain][draw], rectangular
     * @return sqrt(var+ / W), or NaN when all draws are equal
     */
    private static double potentialScaleReduction(double[][] chains) {
        if (Chains.isConstant(chains)) {
            return Double.NaN;
        }
        int m = chains.length;
        int n = chains[0].length;

        // Chain means and within-chain variances s_m^2.
        double[] chainMeans = new double[m];
        double within = 0;
        for (int c = 0; c < m; c++) {
            chainMeans[c] = Chains.mean(chains[c]);
            within += Chains.variance(chains[c]);
        }

        // W = mean_m s_m^2 and B = N var(chain means) (Gelman and Rubin 1992; Vehtari et al. 2021).
        within /= m;
        double between = n * Chains.variance(chainMeans);

        // R-hat = sqrt(var+ / W) with var+ = (N - 1)/N W + B/N.
        return Math.sqrt((between / within + n - 1) / n);
    }
}
