package org.matchup.core.evaluation;

/**
 * PSIS-LOO, accumulated one observation at a time so that the draws-by-observations log-likelihood matrix is
 * never held: for each observation the caller passes its S log-likelihood values, and this keeps only the
 * pointwise results (Vehtari, Gelman and Gabry 2017, "Practical Bayesian model evaluation using leave-one-out
 * cross-validation and WAIC", Statistics and Computing 27, doi:10.1007/s11222-016-9696-4; Pareto k thresholds of
 * Vehtari et al. 2024).
 *
 * <p>Not thread safe: one thread adds the observations; {@link #pointwise} may run on any thread.
 */
public final class LeaveOneOut {

    private final int draws;
    private final double rEff;
    private final double threshold;
    private double[] pointwise = new double[1024];
    private double lpd;
    private int count;
    private int good;
    private int bad;
    private int veryBad;
    private double maxK = Double.NEGATIVE_INFINITY;

    /**
     * @param draws S, the number of posterior draws per observation
     * @param rEff relative efficiency of the draws, 1 for independent draws
     */
    public LeaveOneOut(int draws, double rEff) {
        if (!(rEff > 0)) {
            throw new IllegalArgumentException("rEff must be positive, got " + rEff);
        }
        this.draws = draws;
        this.rEff = rEff;
        this.threshold = ParetoSmoothedImportanceSampling.khatThreshold(draws);
    }

    /**
     * Adds one observation.
     *
     * @param logLikelihood its log likelihood under each draw, S values; not modified
     */
    public void add(double[] logLikelihood) {
        if (logLikelihood.length != draws) {
            throw new IllegalArgumentException("expected " + draws + " log-likelihood values, got "
                    + logLikelihood.length);
        }
        add(pointwise(logLikelihood, rEff));
    }

    /**
     * One observation's PSIS-LOO terms, computed without touching an accumulator (so observations can be
     * computed on several threads and then added in order).
     *
     * @param elpd log leave-one-out predictive density of the observation
     * @param lpd log of its mean likelihood over the draws
     * @param k the Pareto k-hat of its importance ratios
     */
    public record Pointwise(double elpd, double lpd, double k) {
    }

    /**
     * @param logLikelihood the observation's log likelihood under each draw; not modified
     * @param rEff relative efficiency of the draws
     * @return its PSIS-LOO terms
     */
    public static Pointwise pointwise(double[] logLikelihood, double rEff) {
        int draws = logLikelihood.length;

        // Importance ratios of leaving the observation out are 1 / p(y_i | theta_s).
        double[] logRatios = new double[draws];
        for (int s = 0; s < draws; s++) {
            logRatios[s] = -logLikelihood[s];
        }
        ParetoSmoothedImportanceSampling.Result psis = ParetoSmoothedImportanceSampling.smooth(logRatios, rEff);

        // elpd_i = log sum_s w_s p(y_i | theta_s) - log sum_s w_s (Vehtari et al. 2017, eq. 10).
        double[] lw = psis.logWeights();
        double[] weighted = new double[draws];
        for (int s = 0; s < draws; s++) {
            weighted[s] = lw[s] + logLikelihood[s];
        }
        return new Pointwise(logSumExp(weighted) - logSumExp(lw), logSumExp(logLikelihood) - Math.log(draws),
                psis.k());
    }

    /**
     * Adds one observation computed by {@link #pointwise}.
     *
     * @param observation its terms
     */
    public void add(Pointwise observation) {
        lpd += observation.lpd();
        if (count == pointwise.length) {
            pointwise = java.util.Arrays.copyOf(pointwise, 2 * count);
        }
        pointwise[count++] = observation.elpd();
        double k = observation.k();
        maxK = Math.max(maxK, k);
        if (k <= threshold) {
            good++;
        } else if (k <= 1) {
            bad++;
        } else {
            veryBad++;
        }
    }

    /**
     * The totals.
     *
     * @param elpdLoo expected log pointwise predictive density, summed
     * @param se its standard error, sqrt(n var(elpd_i))
     * @param pLoo effective number of parameters, lpd - elpd_loo
     * @param observations n
     * @param goodK observations with k-hat at most the threshold
     * @param badK observations with k-hat above the threshold but at most 1
     * @param veryBadK observations with k-hat above 1
     * @param maxK the largest k-hat
     * @param kThreshold min(1 - 1 / log10(S), 0.7)
     */
    public record Summary(double elpdLoo, double se, double pLoo, int observations, int goodK, int badK,
            int veryBadK, double maxK, double kThreshold) {
    }

    /** @return the totals so far */
    public Summary summary() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += pointwise[i];
        }
        return new Summary(sum, Math.sqrt(count * variance(pointwise, count)), lpd - sum, count, good, bad, veryBad,
                maxK, threshold);
    }

    /** @return the pointwise elpd_i in the order added, a copy */
    public double[] pointwise() {
        return java.util.Arrays.copyOf(pointwise, count);
    }

    /**
     * The difference of two models' elpd on the same observations and its standard error,
     * sqrt(n var(elpd_i^a - elpd_i^b)) (Vehtari et al. 2017, section 5.2).
     *
     * @param a pointwise elpd of one model
     * @param b pointwise elpd of the other, same observations in the same order
     * @return {difference a - b, se}
     */
    public static double[] difference(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("pointwise elpd of " + a.length + " and " + b.length
                    + " observations");
        }
        double[] d = new double[a.length];
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
            sum += d[i];
        }
        return new double[] {sum, Math.sqrt(a.length * variance(d, d.length))};
    }

    static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private static double variance(double[] x, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i];
        }
        mean /= n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            squares += (x[i] - mean) * (x[i] - mean);
        }
        return squares / (n - 1);
    }
}
