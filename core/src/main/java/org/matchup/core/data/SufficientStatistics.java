package org.matchup.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.matchup.core.model.StanData;

/**
 * Per-matchup sufficient statistics of the weighted normal regression of points per possession, computed in one
 * streaming pass over a matchup table.
 *
 * <p>Model: row {@code i} of matchup {@code j} has outcome {@code y_i ~ normal(mu_i, sigma / sqrt(w_i))} with
 * weight {@code w_i} = possessions and {@code mu_i = alpha[j] + z_off_i . beta_off[j] - z_def_i . beta_def[j]}.
 * With the regression row {@code x_i = [1, z_off_i, z_def_i]} (K = 17, the defence block entered with a PLUS
 * sign) and the coefficient vector {@code b_j = [alpha[j], beta_off[j], -beta_def[j]]}, the log likelihood of
 * matchup {@code j} is
 * <pre>
 *   -n_j/2 log(2 pi) - n_j log(sigma) + 1/2 sum log w_i - RSS_j(b_j) / (2 sigma^2),
 *   RSS_j(b) = sum w_i (y_i - x_i b)^2 = yWy_j - 2 b' xWy_j + b' xWx_j b,
 * </pre>
 * so it needs only {@code n_j}, {@code sum log w}, {@code yWy = sum w y^2}, {@code xWy = X'Wy} (K values) and
 * {@code xWx = X'WX} (K x K, symmetric), which this class holds for each of the 36 matchups. A model that uses
 * {@link #toStanData()} must negate its {@code beta_def} when it forms {@code b_j}.
 *
 * <p>A home-court term {@code eta h_i}, with {@code h_i} the venue code of the offence (+1/2 home, -1/2 away, 0 in a
 * table without an offense column), adds to the residual sum
 * <pre>
 *   RSS_j(b, eta) = RSS_j(b) - 2 eta hWy_j + 2 eta b' xWh_j + eta^2 hWh_j,
 * </pre>
 * so the class also holds {@code hWy = sum w h y}, {@code hWh = sum w h^2} and {@code xWh = X'Wh} (K values).
 *
 * <p>Every sum is accumulated with Neumaier's compensated summation (A. Neumaier, 1974, "Rundungsfehleranalyse
 * einiger Verfahren zur Summation endlicher Summen", ZAMM 54(1):39-51, doi:10.1002/zamm.19740540106); only the
 * upper triangle of {@code xWx} is accumulated and the lower one mirrored. The weighted mean and standard
 * deviation of the outcome use West's weighted update (D. H. D. West, 1979, "Updating mean and variance
 * estimates: an improved method", Commun. ACM 22(9):532-535, doi:10.1145/359146.359153).
 *
 * <p>Immutable; the arrays handed out are copies; thread safe.
 */
public final class SufficientStatistics {

    private static final int J = MatchupTableFormat.MATCHUP_COUNT;
    private static final int K = MatchupTableFormat.COEFFICIENT_COUNT;
    private static final int A = MatchupTableFormat.ARCHETYPE_COUNT;
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private final Path source;
    private final long[] rowCount;
    private final double[] weightSum;
    private final double[] logWeightSum;
    private final double[] yWy;
    /** xWy[j][k]. */
    private final double[][] xWy;
    /** xWx[j][k][l], both triangles filled. */
    private final double[][][] xWx;
    private final double[] hWy;
    private final double[] hWh;
    /** xWh[j][k]. */
    private final double[][] xWh;
    private final long venueRows;
    private final long rows;
    private final double possessions;
    private final double outcomeMean;
    private final double outcomeSd;
    private final double minOutcome;
    private final double maxOutcome;

    private SufficientStatistics(Accumulator sums) {
        source = sums.source;
        rowCount = sums.rowCount.clone();
        weightSum = new double[J];
        logWeightSum = new double[J];
        yWy = new double[J];
        xWy = new double[J][K];
        xWx = new double[J][K][K];
        hWy = new double[J];
        hWh = new double[J];
        xWh = new double[J][K];
        for (int j = 0; j < J; j++) {
            double[] s = sums.sum[j];
            double[] c = sums.compensation[j];

            // Unpack [weight, log weight, yWy, xWy (K), xWx upper triangle row by row], adding the compensations.
            weightSum[j] = s[0] + c[0];
            logWeightSum[j] = s[1] + c[1];
            yWy[j] = s[2] + c[2];
            int slot = Accumulator.XWY_OFFSET;
            for (int k = 0; k < K; k++, slot++) {
                xWy[j][k] = s[slot] + c[slot];
            }
            for (int k = 0; k < K; k++) {
                for (int l = k; l < K; l++, slot++) {
                    xWx[j][k][l] = s[slot] + c[slot];
                    xWx[j][l][k] = xWx[j][k][l];
                }
            }
            hWy[j] = s[slot] + c[slot];
            slot++;
            hWh[j] = s[slot] + c[slot];
            slot++;
            for (int k = 0; k < K; k++, slot++) {
                xWh[j][k] = s[slot] + c[slot];
            }
        }
        venueRows = sums.venueRows;
        rows = sums.rows;
        possessions = sums.totalWeight + sums.totalWeightCompensation;
        outcomeMean = sums.mean;
        outcomeSd = Math.sqrt(Math.max(0, sums.weightedSquares / possessions));
        minOutcome = sums.minOutcome;
        maxOutcome = sums.maxOutcome;
    }

    /**
     * Computes the statistics of every row of a table in one pass.
     *
     * @param file a CSV or gzipped CSV matchup table
     * @return the statistics
     * @throws MatchupDataException if the file is missing or malformed (see {@link MatchupTableReader})
     * @throws IOException if reading fails for another reason
     */
    public static SufficientStatistics compute(Path file) throws IOException {
        return compute(file, 0);
    }

    /**
     * Computes the statistics of the first rows of a table in one pass.
     *
     * @param file a CSV or gzipped CSV matchup table
     * @param maxRows the most rows to use; 0 or less uses all
     * @return the statistics
     * @throws MatchupDataException if the file is missing or malformed (see {@link MatchupTableReader})
     * @throws IOException if reading fails for another reason
     */
    public static SufficientStatistics compute(Path file, long maxRows) throws IOException {
        Accumulator sums = new Accumulator(file);
        MatchupTableReader.read(file, maxRows, sums);
        return sums.finish();
    }

    /** @return the file the rows came from */
    public Path source() {
        return source;
    }

    /** @return the number of matchups, 36 */
    public int matchupCount() {
        return J;
    }

    /** @return the length K of the regression row {@code [1, z_off_0..7, z_def_0..7]}, 17 */
    public int coefficientCount() {
        return K;
    }

    /**
     * @param matchup the 0-based matchup index
     * @return the number of rows of the matchup, {@code n_j}
     */
    public long rowCount(int matchup) {
        return rowCount[checkMatchup(matchup)];
    }

    /**
     * @param matchup the 0-based matchup index
     * @return {@code sum w}, the possessions of the matchup
     */
    public double weightSum(int matchup) {
        return weightSum[checkMatchup(matchup)];
    }

    /**
     * @param matchup the 0-based matchup index
     * @return {@code sum log w}
     */
    public double logWeightSum(int matchup) {
        return logWeightSum[checkMatchup(matchup)];
    }

    /**
     * @param matchup the 0-based matchup index
     * @return {@code yWy = sum w y^2}
     */
    public double yWy(int matchup) {
        return yWy[checkMatchup(matchup)];
    }

    /**
     * @param matchup the 0-based matchup index
     * @return {@code X'Wy}, K values, a copy
     */
    public double[] xWy(int matchup) {
        return xWy[checkMatchup(matchup)].clone();
    }

    /**
     * @param matchup the 0-based matchup index
     * @return {@code X'WX}, K x K and symmetric, a copy
     */
    public double[][] xWx(int matchup) {
        double[][] copy = new double[K][];
        for (int k = 0; k < K; k++) {
            copy[k] = xWx[checkMatchup(matchup)][k].clone();
        }
        return copy;
    }

    /** @return true when some row has a venue (the table has an offense column), so a home term is identified */
    public boolean hasVenue() {
        return venueRows > 0;
    }

    /**
     * @param matchup the 0-based matchup index
     * @return {@code hWy = sum w h y}, h the venue code
     */
    public double hWy(int matchup) {
        return hWy[checkMatchup(matchup)];
    }

    /**
     * @param matchup the 0-based matchup index
     * @return {@code hWh = sum w h^2}
     */
    public double hWh(int matchup) {
        return hWh[checkMatchup(matchup)];
    }

    /**
     * @param matchup the 0-based matchup index
     * @return {@code X'Wh}, K values, a copy
     */
    public double[] xWh(int matchup) {
        return xWh[checkMatchup(matchup)].clone();
    }

    /**
     * Weighted residual sum of squares of a matchup with a home-court term, from the quadratic form.
     *
     * @param matchup the 0-based matchup index
     * @param b the coefficients {@code [alpha, beta_off_0..7, -beta_def_0..7]}, K values
     * @param home the coefficient of the venue code (home minus away)
     * @return {@code sum w (y - x b - home h)^2}
     * @throws IllegalArgumentException if {@code b} does not have K values
     */
    public double residualSumOfSquares(int matchup, double[] b, double home) {
        double rss = residualSumOfSquares(matchup, b);
        double cross = 0;
        for (int k = 0; k < K; k++) {
            cross += b[k] * xWh[matchup][k];
        }
        return rss - 2 * home * hWy[matchup] + 2 * home * cross + home * home * hWh[matchup];
    }

    /**
     * Weighted residual sum of squares of a matchup for a coefficient vector, from the quadratic form.
     *
     * @param matchup the 0-based matchup index
     * @param b the coefficients {@code [alpha, beta_off_0..7, -beta_def_0..7]}, K values
     * @return {@code yWy - 2 b'xWy + b'xWx b = sum w (y - x b)^2}
     * @throws IllegalArgumentException if {@code b} does not have K values
     */
    public double residualSumOfSquares(int matchup, double[] b) {
        checkMatchup(matchup);
        if (b.length != K) {
            throw new IllegalArgumentException("b must have " + K + " coefficients, has " + b.length);
        }
        double[][] m = xWx[matchup];
        double[] v = xWy[matchup];
        double cross = 0;
        double quadratic = 0;
        for (int k = 0; k < K; k++) {
            cross += b[k] * v[k];
            double row = 0;
            for (int l = 0; l < K; l++) {
                row += m[k][l] * b[l];
            }
            quadratic += b[k] * row;
        }
        return yWy[matchup] - 2 * cross + quadratic;
    }

    /**
     * Log likelihood of the rows of one matchup under the weighted normal model, with every constant kept.
     *
     * @param matchup the 0-based matchup index
     * @param b the coefficients {@code [alpha, beta_off_0..7, -beta_def_0..7]}, K values
     * @param sigma the residual scale of one possession, positive
     * @return {@code -n/2 log(2 pi) - n log(sigma) + 1/2 sum log w - RSS(b) / (2 sigma^2)}
     * @throws IllegalArgumentException if {@code b} does not have K values or {@code sigma} is not positive
     */
    public double logLikelihood(int matchup, double[] b, double sigma) {
        return logLikelihood(matchup, b, 0, sigma);
    }

    /**
     * Log likelihood of the rows of one matchup under the weighted normal model with a home-court term.
     *
     * @param matchup the 0-based matchup index
     * @param b the coefficients {@code [alpha, beta_off_0..7, -beta_def_0..7]}, K values
     * @param home the coefficient of the venue code (home minus away)
     * @param sigma the residual scale of one possession, positive
     * @return {@code -n/2 log(2 pi) - n log(sigma) + 1/2 sum log w - RSS(b, home) / (2 sigma^2)}
     * @throws IllegalArgumentException if {@code b} does not have K values or {@code sigma} is not positive
     */
    public double logLikelihood(int matchup, double[] b, double home, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be positive: " + sigma);
        }
        double n = rowCount(matchup);
        double rss = residualSumOfSquares(matchup, b, home);
        return -0.5 * n * LOG_TWO_PI - n * Math.log(sigma) + 0.5 * logWeightSum[matchup]
                - rss / (2 * sigma * sigma);
    }

    /** @return the number of rows over all matchups */
    public long rows() {
        return rows;
    }

    /** @return the possessions (sum of weights) over all matchups */
    public double possessions() {
        return possessions;
    }

    /** @return the number of matchups with at least one row */
    public int matchupsPresent() {
        int present = 0;
        for (long n : rowCount) {
            present += n > 0 ? 1 : 0;
        }
        return present;
    }

    /** @return the possession-weighted mean outcome, {@code sum w y / sum w} (pooled points per possession) */
    public double outcomeMean() {
        return outcomeMean;
    }

    /** @return the possession-weighted standard deviation of the outcome, {@code sum w (y - mean)^2 / sum w} */
    public double outcomeSd() {
        return outcomeSd;
    }

    /** @return the smallest outcome */
    public double minOutcome() {
        return minOutcome;
    }

    /** @return the largest outcome */
    public double maxOutcome() {
        return maxOutcome;
    }

    /** @return true when every row has the same outcome, as a placeholder column would */
    public boolean isOutcomeConstant() {
        return minOutcome == maxOutcome;
    }

    /**
     * Refuses a constant outcome column.
     *
     * @throws MatchupDataException if every row has the same outcome
     */
    public void checkOutcomeVaries() {
        if (isOutcomeConstant()) {
            throw MatchupTableValidator.constantOutcome(source, minOutcome);
        }
    }

    /**
     * Data for a Stan model that works from the sufficient statistics. Its data block reads (a model without a
     * home term declares only the first seven)
     * <pre>
     *   int&lt;lower=1&gt; J;                  // 36 matchups
     *   int&lt;lower=1&gt; K;                  // 17 = 1 + 8 + 8
     *   array[J] real&lt;lower=0&gt; row_count; // n_j, real so that it enters the likelihood without a cast
     *   array[J] real log_weight_sum;      // sum log w
     *   array[J] real&lt;lower=0&gt; yy;        // sum w y^2
     *   array[J] vector[K] xy;             // X'Wy, given with dims (J, K)
     *   array[J] matrix[K, K] xx;          // X'WX, given with dims (J, K, K), symmetric
     *   int&lt;lower=0, upper=1&gt; H;          // 1 when the table has venues, so that a home term is identified
     *   array[J] real hy;                  // sum w h y
     *   array[J] real&lt;lower=0&gt; hh;        // sum w h^2
     *   array[J] vector[K] xh;             // X'Wh, given with dims (J, K)
     * </pre>
     * Matchup {@code j} of Stan (1-based) is matchup index {@code j - 1} here. Values are row-major.
     *
     * @return the data {@code J, K, row_count, log_weight_sum, yy, xy, xx, H, hy, hh, xh}
     */
    public StanData toStanData() {
        double[] rowCountReal = new double[J];
        double[] xy = new double[J * K];
        double[] xx = new double[J * K * K];
        double[] xh = new double[J * K];
        for (int j = 0; j < J; j++) {
            rowCountReal[j] = rowCount[j];
            System.arraycopy(xWy[j], 0, xy, j * K, K);
            System.arraycopy(xWh[j], 0, xh, j * K, K);
            for (int k = 0; k < K; k++) {
                System.arraycopy(xWx[j][k], 0, xx, (j * K + k) * K, K);
            }
        }
        return StanData.builder()
                .integer("J", J)
                .integer("K", K)
                .real("row_count", rowCountReal, J)
                .real("log_weight_sum", logWeightSum, J)
                .real("yy", yWy, J)
                .real("xy", xy, J, K)
                .real("xx", xx, J, K, K)
                .integer("H", hasVenue() ? 1 : 0)
                .real("hy", hWy, J)
                .real("hh", hWh, J)
                .real("xh", xh, J, K)
                .build();
    }

    private static int checkMatchup(int matchup) {
        if (matchup < 0 || matchup >= J) {
            throw new IllegalArgumentException("matchup index must be in 0.." + (J - 1) + ": " + matchup);
        }
        return matchup;
    }

    /**
     * Accumulates rows into compensated sums; the row visitor behind {@link #compute} and
     * {@link MatchupRows#sufficientStatistics()}. Not thread safe.
     */
    static final class Accumulator implements MatchupRowVisitor {

        /** Slot of the first X'Wy entry; slots 0, 1, 2 are sum w, sum log w and yWy. */
        static final int XWY_OFFSET = 3;
        /** Slots per matchup: the three scalars, X'Wy, the upper triangle of X'WX, hWy, hWh and X'Wh. */
        static final int SLOTS = XWY_OFFSET + K + K * (K + 1) / 2 + 2 + K;

        private final Path source;
        private final long[] rowCount = new long[J];
        /** sum[j][slot] and compensation[j][slot]: Neumaier's running sum and its lost low-order part. */
        private final double[][] sum = new double[J][SLOTS];
        private final double[][] compensation = new double[J][SLOTS];
        /** The regression row of the current row, reused. */
        private final double[] x = new double[K];
        private long rows;
        private long venueRows;
        private double totalWeight;
        private double totalWeightCompensation;
        private double mean;
        private double weightedSquares;
        private double minOutcome = Double.POSITIVE_INFINITY;
        private double maxOutcome = Double.NEGATIVE_INFINITY;

        Accumulator(Path source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        @Override
        public void visit(long row, double outcome, int matchup, double weight, double home, double[] zOff,
                double[] zDef) {

            // Regression row x = [1, z_off, z_def].
            x[0] = 1;
            System.arraycopy(zOff, 0, x, 1, A);
            System.arraycopy(zDef, 0, x, 1 + A, A);

            // Scalars of the matchup.
            double[] s = sum[matchup];
            double[] c = compensation[matchup];
            rowCount[matchup]++;
            add(s, c, 0, weight);
            add(s, c, 1, Math.log(weight));
            add(s, c, 2, weight * outcome * outcome);

            // X'Wy, then the upper triangle of X'WX row by row.
            int slot = XWY_OFFSET;
            double wy = weight * outcome;
            for (int k = 0; k < K; k++, slot++) {
                add(s, c, slot, x[k] * wy);
            }
            for (int k = 0; k < K; k++) {
                double wxk = weight * x[k];
                for (int l = k; l < K; l++, slot++) {
                    add(s, c, slot, wxk * x[l]);
                }
            }

            // hWy, hWh and X'Wh; a row without a venue adds zeros.
            double wh = weight * home;
            add(s, c, slot++, wh * outcome);
            add(s, c, slot++, wh * home);
            for (int k = 0; k < K; k++, slot++) {
                add(s, c, slot, wh * x[k]);
            }
            venueRows += home != 0 ? 1 : 0;

            // Totals: West's weighted update of mean and sum of squared deviations.
            rows++;
            double previousWeight = totalWeight + totalWeightCompensation;
            double t = totalWeight + weight;
            totalWeightCompensation += Math.abs(totalWeight) >= weight
                    ? (totalWeight - t) + weight : (weight - t) + totalWeight;
            totalWeight = t;
            double delta = outcome - mean;
            double r = delta * weight / (previousWeight + weight);
            mean += r;
            weightedSquares += previousWeight * delta * r;
            minOutcome = Math.min(minOutcome, outcome);
            maxOutcome = Math.max(maxOutcome, outcome);
        }

        /** Neumaier's compensated addition of {@code v} to slot {@code i}. */
        private static void add(double[] s, double[] c, int i, double v) {
            double t = s[i] + v;
            c[i] += Math.abs(s[i]) >= Math.abs(v) ? (s[i] - t) + v : (v - t) + s[i];
            s[i] = t;
        }

        SufficientStatistics finish() {
            return new SufficientStatistics(this);
        }
    }
}
