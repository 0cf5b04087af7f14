package org.matchup.core.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.matchup.core.data.MatchupRowVisitor;
import org.matchup.core.data.MatchupTableFormat;
import org.matchup.core.data.MatchupTableReader;

/**
 * How a fitted matchup model predicts a table, in one streaming pass over its rows (the draws-by-rows matrix is
 * never held): possession-weighted RMSE of the posterior mean prediction, log predictive density integrated over
 * the draws, R^2 against the table's own weighted mean, and coverage of the central 50 % and 90 % posterior
 * predictive intervals (from each row's probability integral transform, so no per-row quantiles are sorted); or,
 * when asked, PSIS-LOO on the same rows ({@link LeaveOneOut}) instead of the coverage.
 *
 * <p>Each row is outcome ~ normal(mu_s, sigma_s / sqrt(w)) under draw s. Rows are scored in parallel on the
 * common fork-join pool, in batches; the totals are added in row order and so do not depend on the threads.
 * Immutable.
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
        Scorer scorer = new Scorer(predictor, withLoo);
        MatchupTableReader.read(table, scorer);
        scorer.flush();
        double[] sums = scorer.sums;
        double w = sums[0];
        double ybar = sums[1] / w;
        double total = sums[2] - w * ybar * ybar;
        LeaveOneOut loo = scorer.loo;
        return new PredictiveEvaluation((long) sums[7], w, Math.sqrt(sums[3] / w), 1 - sums[3] / total, sums[4],
                sums[4] / w, loo == null ? sums[5] / w : Double.NaN, loo == null ? sums[6] / w : Double.NaN,
                loo == null ? null : loo.summary(), loo == null ? null : loo.pointwise());
    }

    /**
     * Collects rows in batches, scores each batch's rows in parallel (each row alone), then adds the results in
     * row order, so the totals do not depend on the threads. Not thread safe itself.
     */
    private static final class Scorer implements MatchupRowVisitor {
        private static final int BATCH = 512;
        private static final int A = MatchupTableFormat.ARCHETYPE_COUNT;

        private final MatchupPredictor predictor;
        private final LeaveOneOut loo;
        /** w, w y, w y^2, w (y - yhat)^2, lpd, w in 50 %, w in 90 %, rows. */
        private final double[] sums = new double[8];
        private final double[] y = new double[BATCH];
        private final double[] w = new double[BATCH];
        private final int[] matchup = new int[BATCH];
        private final double[] home = new double[BATCH];
        private final double[][] zOff = new double[BATCH][A];
        private final double[][] zDef = new double[BATCH][A];
        private int size;

        Scorer(MatchupPredictor predictor, boolean withLoo) {
            this.predictor = predictor;
            this.loo = withLoo ? new LeaveOneOut(predictor.drawCount(), 1) : null;
        }

        @Override
        public void visit(long row, double outcome, int matchupIndex, double weight, double venue, double[] off,
                double[] def) {
            y[size] = outcome;
            w[size] = weight;
            matchup[size] = matchupIndex;
            home[size] = venue;
            System.arraycopy(off, 0, zOff[size], 0, A);
            System.arraycopy(def, 0, zDef[size], 0, A);
            if (++size == BATCH) {
                flush();
            }
        }

        void flush() {
            RowScore[] scores = new RowScore[size];
            IntStream.range(0, size).parallel().forEach(i -> scores[i] = score(i));
            for (int i = 0; i < size; i++) {
                RowScore r = scores[i];
                sums[0] += w[i];
                sums[1] += w[i] * y[i];
                sums[2] += w[i] * y[i] * y[i];
                sums[3] += w[i] * (y[i] - r.mean()) * (y[i] - r.mean());
                sums[4] += r.lpd();
                sums[5] += r.pit() >= 0.25 && r.pit() <= 0.75 ? w[i] : 0;
                sums[6] += r.pit() >= 0.05 && r.pit() <= 0.95 ? w[i] : 0;
                sums[7] += 1;
                if (loo != null) {
                    loo.add(r.loo());
                }
            }
            size = 0;
        }

        /** One row under every draw: its predictive mean, log predictive density, PIT and LOO terms. */
        private RowScore score(int i) {
            int s = predictor.drawCount();
            double[] means = new double[s];
            double[] logLikelihood = new double[s];
            predictor.means(matchup[i], zOff[i], zDef[i], home[i], means);
            double sqrtW = Math.sqrt(w[i]);
            double halfLogW = 0.5 * Math.log(w[i]);
            double mean = 0;
            double pit = 0;
            for (int d = 0; d < s; d++) {
                double z = (y[i] - means[d]) * sqrtW / predictor.sigma(d);
                logLikelihood[d] = -HALF_LOG_TWO_PI - predictor.logSigma(d) + halfLogW - 0.5 * z * z;
                mean += means[d];
                if (loo == null) {
                    pit += STANDARD_NORMAL.cumulativeProbability(z);
                }
            }
            LeaveOneOut.Pointwise pointwise = loo == null ? null : LeaveOneOut.pointwise(logLikelihood, 1);
            double lpd = pointwise != null ? pointwise.lpd() : LeaveOneOut.logSumExp(logLikelihood) - Math.log(s);
            return new RowScore(mean / s, lpd, pit / s, pointwise);
        }
    }

    /** What one row contributes. */
    private record RowScore(double mean, double lpd, double pit, LeaveOneOut.Pointwise loo) {
    }
}
