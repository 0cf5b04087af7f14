package org.matchup.core.diagnostics;

import java.util.Arrays;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Monte Carlo standard errors (MCSE) of the mean, standard deviation and quantiles of the draws of one quantity
 * from several chains, given as {@code double[chain][draw]}, as defined with the ESS of
 * {@link EffectiveSampleSize} by Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), "Rank-normalization,
 * folding, and localization: An improved R-hat for assessing convergence of MCMC", Bayesian Analysis 16(2),
 * 667-718, doi:10.1214/20-BA1221, arXiv:1903.08008 (Section 4.3 and the code published with the paper).
 *
 * <p>Degenerate input (see {@link EffectiveSampleSize}) gives NaN. Stateless; thread safe.
 */
public final class MonteCarloStandardError {

    /** Normal probabilities one standard deviation either side of the median: Phi(-1) and Phi(1). */
    private static final double LOWER = 0.15865525393145707;
    private static final double UPPER = 0.8413447460685429;

    private MonteCarloStandardError() {
    }

    /**
     * MCSE of the mean: {@code sd / sqrt(ESS_mean)}.
     *
     * @param chains draws as [chain][draw]
     * @return the MCSE, or NaN for degenerate input
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double mean(double[][] chains) {
        return EffectiveSampleSize.mcseMean(chains);
    }

    /**
     * MCSE of the standard deviation, assuming approximate normality of the draws and using Stirling's
     * approximation of the chi distribution's moments: {@code sd * sqrt(e (1 - 1/n)^(n - 1) - 1)} with
     * {@code n = ESS_sd = min(ESS_mean(x), ESS_mean(x^2))}.
     *
     * @param chains draws as [chain][draw]
     * @return the MCSE, or NaN for degenerate input
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double sd(double[][] chains) {
        Chains.requireRectangular(chains);
        if (Chains.isDegenerate(chains)) {
            return Double.NaN;
        }
        double[][] squares = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            squares[c] = Arrays.stream(chains[c]).map(v -> v * v).toArray();
        }

        // ESS of the sd: the smaller of the ESS of x and of x^2.
        double n = Math.min(EffectiveSampleSize.mean(chains), EffectiveSampleSize.mean(squares));
        if (!(n > 1)) {
            return Double.NaN;
        }
        double sd = Math.sqrt(Chains.variance(Chains.pool(chains)));
        return sd * Math.sqrt(Math.E * Math.pow(1 - 1 / n, n - 1) - 1);
    }

    /**
     * MCSE of the p-quantile: half the distance between the order statistics that bound a central interval of
     * probability 0.68 for the quantile, from the Beta(ESS p + 1, ESS (1 - p) + 1) distribution of the fraction
     * of draws below it, with ESS the quantile ESS ({@link EffectiveSampleSize#quantile}).
     *
     * @param chains draws as [chain][draw]
     * @param p probability in [0, 1]
     * @return the MCSE, or NaN for degenerate input or a constant indicator
     * @throws IllegalArgumentException if the chains differ in length or {@code p} is outside [0, 1]
     */
    public static double quantile(double[][] chains, double p) {
        double ess = EffectiveSampleSize.quantile(chains, p);
        if (Double.isNaN(ess)) {
            return Double.NaN;
        }
        BetaDistribution beta = BetaDistribution.of(ess * p + 1, ess * (1 - p) + 1);
        double[] sorted = Chains.pool(chains);
        Arrays.sort(sorted);
        int s = sorted.length;

        // 1-based order statistics round(a S), clamped to 1..S; rint rounds half to even as R's round does.
        int lower = (int) Math.max(Math.rint(beta.inverseCumulativeProbability(LOWER) * s), 1);
        int upper = (int) Math.min(Math.rint(beta.inverseCumulativeProbability(UPPER) * s), s);
        return (sorted[upper - 1] - sorted[lower - 1]) / 2;
    }
}
