package org.matchup.core.evaluation;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.matchup.core.data.MatchupTableReader;

/**
 * How a fitted matchup model predicts a table, in one streaming pass over its rows (the draws-by-rows matrix is
 * never held): possession-weighted RMSE of the posterior mean prediction, log predictive density integrated over
 * the draws, R^2 against the table's own weighted mean, and coverage of the central 50 % and 90 % posterior
 * predictive intervals (from each row's probability integral transform, so no per-row quantiles are sorted); or,
 * when asked, PSIS-LOO on the same rows ({@link LeaveOneOut}) instead of the coverage.
 *
 * <p>Each row is outcome ~ normal(mu_s, sigma_s / sqrt(w)) under draw s. Not thread safe.
 *
 * @param rows rows scored
 * @param possessions sum of the rows' weights
 * @param rmse sqrt(sum w (y - yhat)^2 / sum w), yhat the mean of mu_s
 * @param r2 1 - sum w (y - yhat)^2 / sum w (y - ybar_w)^2
 * @param lpd sum over rows of log mean_s p(y_i | draw s)
 * @param lpdPerPossession lpd / possessions
 * @param coverage50 share of possessions whose outcome lies in its central 50 % predictive interval; NaN with LOO
 * @param coverage90 the same for 90 %
 * @param loo PSIS-LOO on these rows, or null when not asked for
 * @param pointwiseLoo pointwise elpd_loo in row order, or null
 */
public record PredictiveEvaluation(long rows, double possessions, double rmse, double r2, double lpd,
        double lpdPerPossession, double coverage50, double coverage90, LeaveOneOut.Summary loo,
        double[] pointwiseLoo) {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /**
     * Scores a table.
     *
     * @param predictor the fitted model's draws
     * @param table a matchup table
     * @param withLoo whether to compute PSIS-LOO as well (for the training table)
     * @return the scores
     * @throws IOException if the table cannot be read
     */
    public static PredictiveEvaluation of(MatchupPredictor predictor, Path table, boolean withLoo)
            throws IOException {
        int s = predictor.drawCount();
        double[] means = new double[s];
        double[] logLikelihood = new double[s];
        LeaveOneOut loo = withLoo ? new LeaveOneOut(s, 1) : null;
        double[] sums = new double[8]; // w, w y, w y^2, w (y - yhat)^2, lpd, w in50, w in90, rows
        double logDraws = Math.log(s);
        MatchupTableReader.read(table, (row, y, matchup, w, zOff, zDef) -> {
            predictor.means(matchup, zOff, zDef, means);
            double mean = 0;
            double pit = 0;
            double sqrtW = Math.sqrt(w);
            double halfLogW = 0.5 * Math.log(w);
            for (int d = 0; d < s; d++) {
                double z = (y - means[d]) * sqrtW / predictor.sigma(d);
                logLikelihood[d] = -HALF_LOG_TWO_PI - predictor.logSigma(d) + halfLogW - 0.5 * z * z;
                mean += means[d];
                if (loo == null) {
                    pit += STANDARD_NORMAL.cumulativeProbability(z);
                }
            }
            mean /= s;
            pit /= s;
            sums[0] += w;
            sums[1] += w * y;
            sums[2] += w * y * y;
            sums[3] += w * (y - mean) * (y - mean);
            sums[4] += LeaveOneOut.logSumExp(logLikelihood) - logDraws;
            sums[5] += pit >= 0.25 && pit <= 0.75 ? w : 0;
            sums[6] += pit >= 0.05 && pit <= 0.95 ? w : 0;
            sums[7] += 1;
            if (loo != null) {
                loo.add(logLikelihood);
            }
        });
        double w = sums[0];
        double ybar = sums[1] / w;
        double total = sums[2] - w * ybar * ybar;
        return new PredictiveEvaluation((long) sums[7], w, Math.sqrt(sums[3] / w), 1 - sums[3] / total, sums[4],
                sums[4] / w, loo == null ? sums[5] / w : Double.NaN, loo == null ? sums[6] / w : Double.NaN,
                loo == null ? null : loo.summary(),
                loo == null ? null : loo.pointwise());
    }
}
