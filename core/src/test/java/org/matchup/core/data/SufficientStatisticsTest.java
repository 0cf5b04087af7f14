package org.matchup.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.matchup.core.data.MatchupTables.header;
import static org.matchup.core.data.MatchupTables.row;
import static org.matchup.core.data.MatchupTables.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.model.StanData;

/**
 * Tests of {@link SufficientStatistics}: definitions on a hand-made table, the counts that the data README states
 * for the real training table, agreement with {@link MatchupRows}, and the quadratic form against direct sums.
 */
class SufficientStatisticsTest {

    private static final int J = 36;
    private static final int K = 17;

    /** Statistics and rows of the whole real training table, read once. */
    private static SufficientStatistics train;
    private static MatchupRows trainRows;

    @TempDir
    Path dir;

    @BeforeAll
    static void readTrainingTable() throws IOException {
        train = SufficientStatistics.compute(MatchupTables.trainTable());
        trainRows = MatchupRows.read(MatchupTables.trainTable(), 0);
    }

    /** The regression row [1, z_off, z_def] of row i, built independently of the accumulator. */
    private static double[] regressionRow(double[][] zOff, double[][] zDef, int i) {
        double[] x = new double[K];
        x[0] = 1;
        for (int a = 0; a < 8; a++) {
            x[1 + a] = zOff[i][a];
            x[9 + a] = zDef[i][a];
        }
        return x;
    }

    @Test
    void smallTableMatchesTheDefinitions() throws IOException {
        Path file = write(dir, "small.csv", header(true),
                row("1.5", "0", "4", 0.5, -1.0),
                row("0.25", "0", "0.5", -0.75, 2.0),
                row("2", "35", "3", 1.25, 0.0),
                row("-1", "0", "2", 0.0, 0.5));
        MatchupRows rows = MatchupRows.read(file, 0);
        double[] y = rows.outcome();
        double[] w = rows.weight();
        int[] matchup = rows.matchup();
        double[][] zOff = rows.zOff();
        double[][] zDef = rows.zDef();

        SufficientStatistics stats = SufficientStatistics.compute(file);

        for (int j : new int[] {0, 1, 35}) {
            long n = 0;
            double weightSum = 0;
            double logWeightSum = 0;
            double yy = 0;
            double[] xy = new double[K];
            double[][] xx = new double[K][K];
            for (int i = 0; i < rows.rowCount(); i++) {
                if (matchup[i] - 1 != j) {
                    continue;
                }
                double[] x = regressionRow(zOff, zDef, i);
                n++;
                weightSum += w[i];
                logWeightSum += Math.log(w[i]);
                yy += w[i] * y[i] * y[i];
                for (int k = 0; k < K; k++) {
                    xy[k] += w[i] * x[k] * y[i];
                    for (int l = 0; l < K; l++) {
                        xx[k][l] += w[i] * x[k] * x[l];
                    }
                }
            }
            assertEquals(n, stats.rowCount(j));
            assertEquals(weightSum, stats.weightSum(j), 1e-14);
            assertEquals(logWeightSum, stats.logWeightSum(j), 1e-14);
            assertEquals(yy, stats.yWy(j), 1e-14);
            assertArrayEquals(xy, stats.xWy(j), 1e-14);
            for (int k = 0; k < K; k++) {
                assertArrayEquals(xx[k], stats.xWx(j)[k], 1e-14, "xWx row " + k + " of matchup " + j);
            }
        }

        // Totals: weighted mean and population SD by the textbook two-pass formulas.
        double totalWeight = 0;
        double weightedOutcome = 0;
        for (int i = 0; i < y.length; i++) {
            totalWeight += w[i];
            weightedOutcome += w[i] * y[i];
        }
        double mean = weightedOutcome / totalWeight;
        double squares = 0;
        for (int i = 0; i < y.length; i++) {
            squares += w[i] * (y[i] - mean) * (y[i] - mean);
        }
        assertEquals(4, stats.rows());
        assertEquals(9.5, stats.possessions());
        assertEquals(mean, stats.outcomeMean(), 1e-15);
        assertEquals(Math.sqrt(squares / totalWeight), stats.outcomeSd(), 1e-15);
        assertEquals(-1.0, stats.minOutcome());
        assertEquals(2.0, stats.maxOutcome());
        assertFalse(stats.isOutcomeConstant());
        assertEquals(2, stats.matchupsPresent());
    }

    @Test
    void logLikelihoodIsTheSumOfNormalLogDensities() throws IOException {
        Path file = write(dir, "small.csv", header(true),
                row("1.5", "4", "4", 0.5, -1.0),
                row("0.25", "4", "0.5", -0.75, 2.0),
                row("-1", "4", "2", 0.0, 0.5));
        MatchupRows rows = MatchupRows.read(file, 0);
        double[] b = {1.0, 0.1, -0.2, 0.3, 0.0, 0.05, -0.1, 0.2, 0.15, -0.3, 0.2, 0.1, 0.0, -0.05, 0.1, 0.2, -0.1};
        double sigma = 1.3;

        // Direct: sum of log normal(y | x b, sigma / sqrt(w)).
        double direct = 0;
        double[] y = rows.outcome();
        double[] w = rows.weight();
        for (int i = 0; i < y.length; i++) {
            double[] x = regressionRow(rows.zOff(), rows.zDef(), i);
            double mu = 0;
            for (int k = 0; k < K; k++) {
                mu += x[k] * b[k];
            }
            double scale = sigma / Math.sqrt(w[i]);
            double z = (y[i] - mu) / scale;
            direct += -0.5 * Math.log(2 * Math.PI) - Math.log(scale) - 0.5 * z * z;
        }

        assertEquals(direct, SufficientStatistics.compute(file).logLikelihood(4, b, sigma), 1e-12);
    }

    @Test
    void realTrainingTableMatchesTheReadme() {
        // Counts and moments from /work/shared/data/nba/README.md ("Row counts, outcome and checks").
        assertEquals(127664, train.rows());
        assertEquals(497182.0, train.possessions());
        assertEquals(1.0711, train.outcomeMean(), 5e-5);
        assertEquals(0.6098, train.outcomeSd(), 5e-5);
        assertEquals(36, train.matchupsPresent());
        assertFalse(train.isOutcomeConstant());

        // Matchup coverage table: rows, possessions and pooled points per possession.
        long[][] rowsAndPossessions = {{0, 7078, 30924}, {7, 4908, 18591}, {21, 3724, 14127}, {35, 1532, 5767}};
        double[] pointsPerPossession = {1.1001, 1.0598, 1.0655, 1.0565};
        for (int m = 0; m < rowsAndPossessions.length; m++) {
            int j = (int) rowsAndPossessions[m][0];
            assertEquals(rowsAndPossessions[m][1], train.rowCount(j), "rows of matchup " + j);
            assertEquals(rowsAndPossessions[m][2], train.weightSum(j), "possessions of matchup " + j);
            assertEquals(pointsPerPossession[m], train.xWy(j)[0] / train.weightSum(j), 5e-5, "ppp of " + j);
        }
        long rowSum = 0;
        double possessionSum = 0;
        for (int j = 0; j < J; j++) {
            rowSum += train.rowCount(j);
            possessionSum += train.weightSum(j);
            assertEquals(train.weightSum(j), train.xWx(j)[0][0], 1e-9 * train.weightSum(j));
        }
        assertEquals(train.rows(), rowSum);
        assertEquals(train.possessions(), possessionSum, 1e-6);
    }

    @Test
    void pooledSlopeOnNetRatingMatchesTheReadme() {
        // Pool X'WX and X'Wy over matchups, then regress outcome on [1, net z] with
        // net z = sum z_off - sum z_def = c'x, c = [0, 1 x 8, -1 x 8]: a 2 x 2 weighted least-squares problem.
        double[] c = new double[K];
        for (int a = 0; a < 8; a++) {
            c[1 + a] = 1;
            c[9 + a] = -1;
        }
        double sw = 0;
        double swn = 0;
        double swnn = 0;
        double swy = 0;
        double swny = 0;
        for (int j = 0; j < J; j++) {
            double[][] xx = train.xWx(j);
            double[] xy = train.xWy(j);
            sw += xx[0][0];
            swy += xy[0];
            for (int k = 0; k < K; k++) {
                swn += c[k] * xx[0][k];
                swny += c[k] * xy[k];
                for (int l = 0; l < K; l++) {
                    swnn += c[k] * xx[k][l] * c[l];
                }
            }
        }
        double slope = (sw * swny - swn * swy) / (sw * swnn - swn * swn);

        // README: "Weighted least-squares slope of outcome on net z: train 1.08 points per 100 possessions".
        assertEquals(0.0108, slope, 0.00005);
    }

    @Test
    void streamingAgreesWithInMemoryRowsOnTheFirstRealRows() throws IOException {
        int n = 5000;
        SufficientStatistics streamed = SufficientStatistics.compute(MatchupTables.trainTable(), n);
        SufficientStatistics fromRows = MatchupRows.read(MatchupTables.trainTable(), n).sufficientStatistics();

        // Same accumulator, same rows, same order: equal to the last bit.
        assertEquals(n, streamed.rows());
        assertEquals(n, fromRows.rows());
        assertEquals(streamed.possessions(), fromRows.possessions());
        assertEquals(streamed.outcomeMean(), fromRows.outcomeMean());
        assertEquals(streamed.outcomeSd(), fromRows.outcomeSd());
        assertEquals(streamed.minOutcome(), fromRows.minOutcome());
        assertEquals(streamed.maxOutcome(), fromRows.maxOutcome());
        for (int j = 0; j < J; j++) {
            assertEquals(streamed.rowCount(j), fromRows.rowCount(j));
            assertEquals(streamed.weightSum(j), fromRows.weightSum(j));
            assertEquals(streamed.logWeightSum(j), fromRows.logWeightSum(j));
            assertEquals(streamed.yWy(j), fromRows.yWy(j));
            assertArrayEquals(streamed.xWy(j), fromRows.xWy(j));
            assertArrayEquals(streamed.xWx(j), fromRows.xWx(j));
        }
    }

    @Test
    void quadraticFormEqualsDirectResidualSumForRandomCoefficients() {
        double[][] b = randomCoefficients(new Random(20240601L));
        double[][] direct = directResidualSums(trainRows, b);
        for (int j = 0; j < J; j++) {
            double fromStatistics = train.residualSumOfSquares(j, b[j]);
            assertEquals(direct[j][0], fromStatistics, 1e-9 * direct[j][0], "matchup " + j);
        }
    }

    @Test
    void homeTermEqualsDirectResidualSumWithVenues() {
        assertTrue(train.hasVenue());
        double[][] b = randomCoefficients(new Random(7L));
        double home = 0.37;
        double[] y = trainRows.outcome();
        double[] w = trainRows.weight();
        double[] h = trainRows.home();
        int[] matchup = trainRows.matchup();
        double[][] zOff = trainRows.zOff();
        double[][] zDef = trainRows.zDef();
        double[] direct = new double[J];
        long homeRows = 0;
        for (int i = 0; i < y.length; i++) {
            assertTrue(h[i] == 0.5 || h[i] == -0.5, "row " + (i + 1) + " has venue code " + h[i]);
            homeRows += h[i] > 0 ? 1 : 0;
            int j = matchup[i] - 1;
            double[] x = regressionRow(zOff, zDef, i);
            double fitted = home * h[i];
            for (int k = 0; k < K; k++) {
                fitted += x[k] * b[j][k];
            }
            direct[j] += w[i] * (y[i] - fitted) * (y[i] - fitted);
        }

        // Two rows per stint, one with each team on offence.
        assertEquals(y.length / 2, homeRows);
        for (int j = 0; j < J; j++) {
            assertEquals(direct[j], train.residualSumOfSquares(j, b[j], home), 1e-9 * direct[j], "matchup " + j);
        }
    }

    @Test
    void tableWithoutOffenseColumnHasNoVenue() throws IOException {
        Path file = write(dir, "small.csv", header(true),
                row("1.5", "4", "4", 0.5, -1.0),
                row("0.25", "4", "0.5", -0.75, 2.0));
        SufficientStatistics stats = SufficientStatistics.compute(file);
        assertFalse(stats.hasVenue());
        assertEquals(0, stats.toStanData().variable("H").ints()[0]);
        assertEquals(0.0, stats.hWh(4));
        assertEquals(stats.residualSumOfSquares(4, new double[K]), stats.residualSumOfSquares(4, new double[K], 3.0));
    }

    @Test
    void quadraticFormEqualsDirectResidualSumAtTheLeastSquaresFit() {
        // At the weighted least-squares fit the residual sum is smallest relative to yWy: the hardest case for
        // the cancellation in yWy - 2 b'xWy + b'xWx b.
        double[][] b = new double[J][];
        for (int j = 0; j < J; j++) {
            DMatrixRMaj xx = new DMatrixRMaj(train.xWx(j));
            DMatrixRMaj xy = new DMatrixRMaj(K, 1, true, train.xWy(j));
            DMatrixRMaj solution = new DMatrixRMaj(K, 1);
            assertTrue(CommonOps_DDRM.solve(xx, xy, solution), "X'WX of matchup " + j + " is singular");
            b[j] = solution.getData();
        }
        double[][] direct = directResidualSums(trainRows, b);
        for (int j = 0; j < J; j++) {
            assertEquals(direct[j][0], train.residualSumOfSquares(j, b[j]), 1e-9 * direct[j][0], "matchup " + j);
            assertTrue(direct[j][0] < train.yWy(j));
        }
    }

    @Test
    void stanDataHasTheDeclaredShapes() {
        StanData data = train.toStanData();

        assertEquals(36, data.variable("J").ints()[0]);
        assertEquals(17, data.variable("K").ints()[0]);
        assertArrayEquals(new int[] {36}, data.variable("row_count").dims());
        assertArrayEquals(new int[] {36}, data.variable("log_weight_sum").dims());
        assertArrayEquals(new int[] {36}, data.variable("yy").dims());
        assertArrayEquals(new int[] {36, 17}, data.variable("xy").dims());
        assertArrayEquals(new int[] {36, 17, 17}, data.variable("xx").dims());
        assertEquals(7078.0, data.variable("row_count").reals()[0]);
        assertEquals(1532.0, data.variable("row_count").reals()[35]);
        assertEquals(train.logWeightSum(3), data.variable("log_weight_sum").reals()[3]);
        assertEquals(train.yWy(35), data.variable("yy").reals()[35]);
        double[] xy = data.variable("xy").reals();
        double[] xx = data.variable("xx").reals();
        for (int j = 0; j < J; j++) {
            double[][] m = train.xWx(j);
            for (int k = 0; k < K; k++) {
                assertEquals(train.xWy(j)[k], xy[j * K + k]);
                for (int l = 0; l < K; l++) {
                    assertEquals(m[k][l], xx[(j * K + k) * K + l]);
                    assertEquals(m[k][l], m[l][k], "X'WX must be symmetric");
                }
            }
        }
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> train.rowCount(36));
        assertThrows(IllegalArgumentException.class, () -> train.xWx(-1));
        assertThrows(IllegalArgumentException.class, () -> train.residualSumOfSquares(0, new double[16]));
        assertThrows(IllegalArgumentException.class, () -> train.logLikelihood(0, new double[K], Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> train.logLikelihood(0, new double[K], 0));
    }

    @Test
    void returnedArraysAreCopies() {
        train.xWy(0)[0] = -1;
        train.xWx(0)[0][0] = -1;

        assertEquals(30924.0, train.xWx(0)[0][0]);
        assertTrue(train.xWy(0)[0] > 0);
    }

    /** One standard normal coefficient vector per matchup. */
    private static double[][] randomCoefficients(Random random) {
        double[][] b = new double[J][K];
        for (int j = 0; j < J; j++) {
            for (int k = 0; k < K; k++) {
                b[j][k] = random.nextGaussian();
            }
        }
        return b;
    }

    /** Sum of w (y - x b_j)^2 over the rows of each matchup, straight from the rows; [j][0]. */
    private static double[][] directResidualSums(MatchupRows rows, double[][] b) {
        double[][] sums = new double[J][1];
        double[] y = rows.outcome();
        double[] w = rows.weight();
        int[] matchup = rows.matchup();
        double[][] zOff = rows.zOff();
        double[][] zDef = rows.zDef();
        for (int i = 0; i < y.length; i++) {
            int j = matchup[i] - 1;
            double[] x = regressionRow(zOff, zDef, i);
            double fitted = 0;
            for (int k = 0; k < K; k++) {
                fitted += x[k] * b[j][k];
            }
            double residual = y[i] - fitted;
            sums[j][0] += w[i] * residual * residual;
        }
        return sums;
    }
}
