package org.matchup.core.diagnostics;

/**
 * Effective sample size (ESS) and Monte Carlo standard error of the draws of one quantity from several chains,
 * given as {@code double[chain][draw]}.
 *
 * <p>Definitions are those of Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), "Rank-normalization, folding,
 * and localization: An improved R-hat for assessing convergence of MCMC", Bayesian Analysis 16(2), 667-718,
 * doi:10.1214/20-BA1221, arXiv:1903.08008, computed as the R package {@code posterior} computes them (its
 * {@code ess_basic}, {@code ess_bulk}, {@code ess_tail}, {@code ess_quantile}, {@code ess_mean} and
 * {@code mcse_mean}), including its details: the autocorrelations are combined over chains through the
 * multi-chain variance estimate {@code var+}; the sum is truncated by Geyer's (1992) initial positive sequence and
 * made monotone by his initial monotone sequence; the last positive even-lag autocorrelation is added once more
 * (the paper's improved estimate for antithetic chains); and {@code tau} is bounded below by
 * {@code 1 / log10(M N)}, capping the ESS at {@code M N log10(M N)}.
 *
 * <p>Geyer, C. J. (1992), "Practical Markov chain Monte Carlo", Statistical Science 7(4), 473-483,
 * doi:10.1214/ss/1177011137.
 *
 * <p>Degenerate input gives NaN, never an exception: no chain, fewer than four draws in a chain, a non-finite draw,
 * or all draws equal (as for Stan's {@code divergent__} in a run without divergences). A single chain that is
 * stuck while others move is not degenerate; it yields a small ESS, which is the warning it deserves. Chains of
 * unequal length are a usage error and throw.
 *
 * <p>Stateless; thread safe.
 */
public final class EffectiveSampleSize {

    /** Probabilities whose quantile ESS make up the tail-ESS. */
    private static final double TAIL_LOW = 0.05;
    private static final double TAIL_HIGH = 0.95;

    private EffectiveSampleSize() {
    }

    /**
     * Basic ESS on split chains, for the mean of the draws; {@code posterior::ess_basic(x)} and
     * {@code posterior::ess_mean(x)}.
     *
     * @param chains draws as [chain][draw]
     * @return the ESS, or NaN for degenerate input
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double basic(double[][] chains) {
        return basic(chains, true);
    }

    /**
     * Basic ESS, on split chains or on the chains as given; {@code posterior::ess_basic(x, split)}. The unsplit
     * form is the {@code N_Eff} that CmdStan's {@code stansummary} prints.
     *
     * @param chains draws as [chain][draw]
     * @param split whether to split every chain in half first
     * @return the ESS, or NaN for degenerate input
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double basic(double[][] chains, boolean split) {
        Chains.requireRectangular(chains);
        if (Chains.isDegenerate(chains)) {
            return Double.NaN;
        }
        return ess(split ? Chains.split(chains) : chains);
    }

    /**
     * ESS for the mean, the same as {@link #basic(double[][])}; {@code posterior::ess_mean}.
     *
     * @param chains draws as [chain][draw]
     * @return the ESS, or NaN for degenerate input
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double mean(double[][] chains) {
        return basic(chains, true);
    }

    /**
     * Bulk-ESS: the basic ESS of the rank-normalised split chains; {@code posterior::ess_bulk}.
     *
     * @param chains draws as [chain][draw]
     * @return the bulk-ESS, or NaN for degenerate input
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double bulk(double[][] chains) {
        Chains.requireRectangular(chains);
        if (Chains.isDegenerate(chains)) {
            return Double.NaN;
        }
        return ess(Chains.rankNormalize(Chains.split(chains)));
    }

    /**
     * Tail-ESS: the smaller of the quantile ESS at 5% and 95%; {@code posterior::ess_tail}.
     *
     * @param chains draws as [chain][draw]
     * @return the tail-ESS, or NaN for degenerate input or when an indicator is constant
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double tail(double[][] chains) {
        return Math.min(quantile(chains, TAIL_LOW), quantile(chains, TAIL_HIGH));
    }

    /**
     * ESS of the p-quantile: the basic ESS of the split indicator chains {@code I(x <= Q(p))}, Q the type-7
     * quantile of all draws; {@code posterior::ess_quantile}. For {@code p = 1} the probability is replaced by
     * {@code (S - 1/2) / S}, S the number of draws, as {@code posterior} does.
     *
     * @param chains draws as [chain][draw]
     * @param p probability in [0, 1]
     * @return the ESS, or NaN for degenerate input or a constant indicator
     * @throws IllegalArgumentException if the chains differ in length or {@code p} is outside [0, 1]
     */
    public static double quantile(double[][] chains, double p) {
        Chains.requireRectangular(chains);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability p must be in [0, 1], was " + p);
        }
        if (Chains.isDegenerate(chains)) {
            return Double.NaN;
        }
        double[] pooled = Chains.pool(chains);
        int s = pooled.length;
        double probability = p == 1 ? (s - 0.5) / s : p;
        double q = Quantiles.type7(pooled, probability);

        // Indicator chains I(theta <= Q(p)) (Vehtari et al. 2021, quantile ESS).
        double[][] indicator = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            indicator[c] = new double[chains[c].length];
            for (int i = 0; i < chains[c].length; i++) {
                indicator[c][i] = chains[c][i] <= q ? 1 : 0;
            }
        }
        return ess(Chains.split(indicator));
    }

    /**
     * Monte Carlo standard error of the mean, {@code sd(x) / sqrt(ess_mean(x))} with sd over all draws;
     * {@code posterior::mcse_mean}.
     *
     * @param chains draws as [chain][draw]
     * @return the MCSE, or NaN for degenerate input
     * @throws IllegalArgumentException if the chains differ in length
     */
    public static double mcseMean(double[][] chains) {
        double ess = mean(chains);
        if (Double.isNaN(ess)) {
            return Double.NaN;
        }
        return Math.sqrt(Chains.variance(Chains.pool(chains))) / Math.sqrt(ess);
    }

    /**
     * The ESS of {@code posterior}'s internal {@code .ess}, on chains already split or transformed as wanted.
     *
     * @param chains finite draws as [chain][draw], rectangular
     * @return M N / tau-hat, or NaN when a chain has fewer than three draws or all draws are equal
     */
    static double ess(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        if (n < 3 || Chains.isConstant(chains)) {
            return Double.NaN;
        }

        // Autocovariances gamma_{t,m} of every chain, averaged over chains.
        double[] meanAutocovariance = new double[n];
        double[] chainMeans = new double[m];
        for (int c = 0; c < m; c++) {
            double[] gamma = Autocovariance.of(chains[c]);
            for (int t = 0; t < n; t++) {
                meanAutocovariance[t] += gamma[t];
            }
            chainMeans[c] = Chains.mean(chains[c]);
        }
        for (int t = 0; t < n; t++) {
            meanAutocovariance[t] /= m;
        }

        // W: mean within-chain variance; var+ = (N - 1)/N W + B/N, with B/N the variance of the chain means.
        double w = meanAutocovariance[0] * n / (n - 1);
        double varPlus = w * (n - 1) / n;
        if (m > 1) {
            varPlus += Chains.variance(chainMeans);
        }

        // rho-hat_t = 1 - (W - mean_m gamma_{t,m}) / var+, summed in pairs P_k = rho_{2k} + rho_{2k+1} while the
        // pairs stay positive (Geyer's initial positive sequence).
        double[] rho = new double[n];
        int t = 0;
        double rhoEven = 1;
        double rhoOdd = 1 - (w - meanAutocovariance[1]) / varPlus;
        rho[0] = rhoEven;
        rho[1] = rhoOdd;
        while (t < n - 5 && rhoEven + rhoOdd > 0) {
            t += 2;
            rhoEven = 1 - (w - meanAutocovariance[t]) / varPlus;
            rhoOdd = 1 - (w - meanAutocovariance[t + 1]) / varPlus;
            if (rhoEven + rhoOdd >= 0) {
                rho[t] = rhoEven;
                rho[t + 1] = rhoOdd;
            }
        }
        int maxT = t;

        // The last even-lag autocorrelation, if positive, enters the improved estimate below.
        if (rhoEven > 0) {
            rho[maxT] = rhoEven;
        }

        // Geyer's initial monotone sequence: no pair may exceed the one before it.
        t = 0;
        while (t <= maxT - 4) {
            t += 2;
            if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
                rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
                rho[t + 1] = rho[t];
            }
        }

        // tau-hat = -1 + 2 sum_{t < maxT} rho_t + rho_maxT (Vehtari et al. 2021, improved truncated estimate).
        // posterior sums rho_hat_t[1:max_t] in R, which for max_t = 0 is the one-element rho_0, not an empty sum;
        // kept for agreement (reached only for chains of at most five draws or lag-1 autocorrelation <= -1).
        double sum = 0;
        for (int k = 0; k < maxT; k++) {
            sum += rho[k];
        }
        if (maxT == 0) {
            sum = rho[0];
        }
        double tau = -1 + 2 * sum + rho[maxT];

        // Lower bound tau >= 1 / log10(M N): the ESS never exceeds M N log10(M N).
        double draws = (double) m * n;
        tau = Math.max(tau, 1 / Math.log10(draws));
        return draws / tau;
    }
}
