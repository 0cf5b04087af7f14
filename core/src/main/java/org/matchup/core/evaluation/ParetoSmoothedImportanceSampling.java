package org.matchup.core.evaluation;

/**
 * Pareto smoothed importance sampling (PSIS) of one set of log importance ratios: the largest ratios are replaced
 * by the expected order statistics of a generalized Pareto distribution fitted to them, whose shape k-hat also
 * says how reliable the estimate is (Vehtari, Simpson, Gelman, Yao and Gabry 2024, "Pareto smoothed importance
 * sampling", JMLR 25(72), arXiv:1507.02646; the GPD fit of Zhang and Stephens 2009, Technometrics 51(3),
 * doi:10.1198/tech.2009.08017, with the weakly informative prior on k of the R package {@code loo}).
 *
 * <p>Stateless; thread safe.
 */
public final class ParetoSmoothedImportanceSampling {

    /** Fewest tail draws for which a GPD is fitted. */
    private static final int MIN_TAIL = 5;
    /** Grid points of the Zhang-Stephens fit beyond sqrt(n). */
    private static final int MIN_GRID = 30;
    /** Prior strength and centre of the weakly informative adjustment of k-hat (loo's "wip"). */
    private static final double PRIOR_COUNT = 10;
    private static final double PRIOR_K = 0.5;

    private ParetoSmoothedImportanceSampling() {
    }

    /**
     * Smoothed log weights and the Pareto shape.
     *
     * @param logWeights log importance weights, not normalised
     * @param k the estimated Pareto shape k-hat of the ratios' tail; infinite when it cannot be estimated
     */
    public record Result(double[] logWeights, double k) {
    }

    /**
     * The k-hat above which PSIS is unreliable for S draws: min(1 - 1 / log10(S), 0.7) (Vehtari et al. 2024).
     *
     * @param draws S
     * @return the threshold
     */
    public static double khatThreshold(int draws) {
        return Math.min(1 - 1 / Math.log10(draws), 0.7);
    }

    /**
     * Smooths log ratios with a tail of ceil(min(0.2 S, 3 sqrt(S / rEff))) draws.
     *
     * @param logRatios log importance ratios of S draws; not modified
     * @param rEff relative efficiency of the draws (1 for independent draws)
     * @return the smoothed log weights (truncated at the largest raw ratio) and k-hat
     */
    public static Result smooth(double[] logRatios, double rEff) {
        int s = logRatios.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logRatios) {
            max = Math.max(max, v);
        }
        double[] lw = new double[s];
        for (int i = 0; i < s; i++) {
            lw[i] = logRatios[i] - max;
        }
        int tail = (int) Math.ceil(Math.min(0.2 * s, 3 * Math.sqrt(s / rEff)));
        double k = Double.POSITIVE_INFINITY;
        if (tail >= MIN_TAIL && tail < s) {

            // The tail: the largest `tail` ratios in increasing order, and the cutoff just below them. A selection
            // finds the cutoff in linear time; only the tail is sorted.
            double[] copy = lw.clone();
            double cutoff = select(copy, s - tail - 1);
            int[] tailIndex = new int[tail];
            int found = 0;
            for (int i = 0; i < s && found < tail; i++) {
                if (lw[i] > cutoff) {
                    tailIndex[found++] = i;
                }
            }
            for (int i = 0; i < s && found < tail; i++) {
                if (lw[i] == cutoff) {
                    tailIndex[found++] = i; // ties at the cutoff fill the tail up, as a stable sort would
                }
            }
            final double[] values = lw;
            int[] order = java.util.stream.IntStream.of(tailIndex).boxed()
                    .sorted((a, b) -> Double.compare(values[a], values[b])).mapToInt(Integer::intValue).toArray();
            double lowest = lw[order[0]];
            double highest = lw[order[tail - 1]];
            if (highest - lowest > Math.ulp(1.0) / 100) {

                // Fit a GPD to the exceedances exp(lw) - exp(cutoff), in increasing order.
                double expCutoff = Math.exp(cutoff);
                double[] exceedances = new double[tail];
                for (int t = 0; t < tail; t++) {
                    exceedances[t] = Math.exp(lw[order[t]]) - expCutoff;
                }
                double[] fit = fitGeneralizedPareto(exceedances);
                k = fit[0];
                double sigma = fit[1];

                // Replace the tail by the GPD quantiles at (t - 1/2) / tail (Vehtari et al. 2024, eq. 3).
                if (Double.isFinite(k)) {
                    for (int t = 0; t < tail; t++) {
                        double p = (t + 0.5) / tail;
                        lw[order[t]] = Math.log(quantile(p, k, sigma) + expCutoff);
                    }
                }
            }
        }

        // Truncate at the largest raw ratio (0 after the shift), then shift back.
        for (int i = 0; i < s; i++) {
            lw[i] = Math.min(lw[i], 0) + max;
        }
        return new Result(lw, k);
    }

    /**
     * Zhang and Stephens (2009) posterior-mean estimate of the generalized Pareto parameters, with loo's
     * weakly informative adjustment k = (n k + 10 x 0.5) / (n + 10).
     *
     * @param x positive exceedances, in increasing order
     * @return {k, sigma}
     */
    static double[] fitGeneralizedPareto(double[] x) {
        int n = x.length;
        int m = MIN_GRID + (int) Math.floor(Math.sqrt(n));
        double prior = 3;
        double firstQuartile = x[(int) Math.floor(n / 4.0 + 0.5) - 1];

        // Grid of theta = -k / sigma and its profile log-likelihood (Zhang and Stephens 2009, section 2).
        double[] theta = new double[m];
        double[] logLikelihood = new double[m];
        double maxLogLikelihood = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            theta[j] = 1 / x[n - 1] + (1 - Math.sqrt(m / (j + 0.5))) / prior / firstQuartile;
            double kj = 0;
            for (double v : x) {
                kj += Math.log1p(-theta[j] * v);
            }
            kj /= n;
            logLikelihood[j] = n * (Math.log(-theta[j] / kj) - kj - 1);
            maxLogLikelihood = Math.max(maxLogLikelihood, logLikelihood[j]);
        }

        // Posterior mean of theta with weights proportional to the likelihood.
        double weightSum = 0;
        double thetaHat = 0;
        for (int j = 0; j < m; j++) {
            double w = Math.exp(logLikelihood[j] - maxLogLikelihood);
            weightSum += Double.isNaN(w) ? 0 : w;
            thetaHat += Double.isNaN(w) ? 0 : w * theta[j];
        }
        thetaHat /= weightSum;
        double k = 0;
        for (double v : x) {
            k += Math.log1p(-thetaHat * v);
        }
        k /= n;
        double sigma = -k / thetaHat;

        // k > 0 is a heavy tail here (theta-hat < 0); loo's "wip" prior pulls k towards 0.5 with the weight of
        // 10 observations.
        k = (n * k + PRIOR_COUNT * PRIOR_K) / (n + PRIOR_COUNT);
        return new double[] {Double.isNaN(k) ? Double.POSITIVE_INFINITY : k, sigma};
    }

    /**
     * The element that would be at {@code rank} (0-based) if {@code x} were sorted; reorders {@code x}
     * (Hoare's quickselect with a middle pivot).
     */
    static double select(double[] x, int rank) {
        int low = 0;
        int high = x.length - 1;
        while (low < high) {
            double pivot = x[(low + high) >>> 1];
            int i = low;
            int j = high;
            while (i <= j) {
                while (x[i] < pivot) {
                    i++;
                }
                while (x[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = x[i];
                    x[i] = x[j];
                    x[j] = t;
                    i++;
                    j--;
                }
            }
            if (rank <= j) {
                high = j;
            } else if (rank >= i) {
                low = i;
            } else {
                return x[rank];
            }
        }
        return x[rank];
    }

    /** Quantile of the generalized Pareto distribution with shape k and scale sigma (location 0). */
    static double quantile(double p, double k, double sigma) {
        return sigma * Math.expm1(-k * Math.log1p(-p)) / k;
    }
}
