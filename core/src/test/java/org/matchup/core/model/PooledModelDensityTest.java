package org.matchup.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.matchup.core.data.SufficientStatistics;

/**
 * The log densities of the hierarchical, simplified and baseline models, all constants kept, against the same
 * densities computed in Java from {@link SufficientStatistics#logLikelihood} and the models' priors, at random
 * unconstrained points, on the real training table: two independent computations.
 */
class PooledModelDensityTest {

    private static final int J = 36;
    private static final int K = 17;
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);
    private static SufficientStatistics statistics;

    @BeforeAll
    static void read() throws IOException {
        statistics = SufficientStatistics.compute(Path.of(System.getProperty("matchup.shared"), "data", "nba",
                "matchups_train.csv.gz"), 20_000);
    }

    private static double normal(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return -0.5 * LOG_TWO_PI - Math.log(sd) - 0.5 * z * z;
    }

    /** Half-Cauchy(0, 2.5) as Stan writes cauchy on a positive parameter: the full Cauchy density. */
    private static double cauchy(double x, double scale) {
        return -Math.log(Math.PI * scale) - Math.log1p((x / scale) * (x / scale));
    }

    private static double likelihood(double[] b, double home, double sigma) {
        double sum = 0;
        for (int j = 0; j < J; j++) {
            sum += statistics.logLikelihood(j, b, home, sigma);
        }
        return sum;
    }

    @Test
    void baseline() {
        try (StanModel model = StanModel.load(MatchupModel.BASELINE.library(), statistics.toStanData())) {
            SplittableRandom random = new SplittableRandom(1);
            for (int point = 0; point < 5; point++) {
                double alpha = 1 + 0.2 * random.nextGaussian();
                double logSigma = 0.2 * random.nextGaussian();
                double sigma = Math.exp(logSigma);
                double home = 0.02 + 0.05 * random.nextGaussian();
                double[] b = new double[K];
                b[0] = alpha;
                double expected = normal(alpha, 0, 5) + cauchy(sigma, 2.5) + logSigma + normal(home, 0, 0.1)
                        + likelihood(b, home, sigma);
                double actual = model.logDensity(new double[] {alpha, logSigma, home}, false, true);
                assertEquals(expected, actual, 1e-9 * Math.abs(expected));
            }
        }
    }

    @Test
    void simplified() {
        try (StanModel model = StanModel.load(MatchupModel.SIMPLIFIED.library(), statistics.toStanData())) {
            SplittableRandom random = new SplittableRandom(2);
            for (int point = 0; point < 5; point++) {
                double[] theta = new double[K + 1];
                double[] b = new double[K];
                double expected = 0;
                theta[0] = 1 + 0.1 * random.nextGaussian();
                b[0] = theta[0];
                expected += normal(b[0], 0, 5);
                for (int k = 1; k < K; k++) {

                    // Positive coefficients: exp of the unconstrained value, with its log Jacobian.
                    theta[k] = -4 + random.nextGaussian();
                    double beta = Math.exp(theta[k]);
                    b[k] = k <= 8 ? beta : -beta;
                    expected += normal(beta, 0, 5) + theta[k];
                }
                theta[K] = 0.2 * random.nextGaussian();
                double sigma = Math.exp(theta[K]);
                expected += cauchy(sigma, 2.5) + theta[K] + likelihood(b, 0, sigma);
                assertEquals(expected, model.logDensity(theta, false, true), 1e-9 * Math.abs(expected));
            }
        }
    }

    @Test
    void hierarchical() {
        try (StanModel model = StanModel.load(MatchupModel.MATCHUP_HIERARCHICAL.library(), statistics.toStanData())) {
            assertEquals(K + K + J * K + 2, model.unconstrainedDimension());
            SplittableRandom random = new SplittableRandom(3);
            for (int point = 0; point < 5; point++) {

                // Unconstrained order: mu (K), log tau (K), z (J x K, vector after vector), log sigma, home.
                double[] theta = new double[model.unconstrainedDimension()];
                double[] mu = new double[K];
                double[] tau = new double[K];
                double expected = 0;
                for (int k = 0; k < K; k++) {
                    mu[k] = (k == 0 ? 1 : 0) + 0.02 * random.nextGaussian();
                    theta[k] = mu[k];
                    expected += normal(mu[k], k == 0 ? 1 : 0, k == 0 ? 0.5 : 0.1);
                    theta[K + k] = -5 + 0.5 * random.nextGaussian();
                    tau[k] = Math.exp(theta[K + k]);
                    expected += normal(tau[k], 0, k == 0 ? 0.1 : 0.05) + theta[K + k];
                }
                theta[theta.length - 2] = 0.18 + 0.05 * random.nextGaussian();
                double sigma = Math.exp(theta[theta.length - 2]);
                double home = 0.02 + 0.05 * random.nextGaussian();
                theta[theta.length - 1] = home;
                expected += normal(home, 0, 0.1);
                for (int j = 0; j < J; j++) {
                    double[] b = new double[K];
                    for (int k = 0; k < K; k++) {
                        double z = random.nextGaussian();
                        theta[2 * K + j * K + k] = z;
                        expected += normal(z, 0, 1);
                        b[k] = mu[k] + tau[k] * z;
                    }
                    expected += statistics.logLikelihood(j, b, home, sigma);
                }
                expected += cauchy(sigma, 2.5) + theta[theta.length - 2];
                assertEquals(expected, model.logDensity(theta, false, true), 1e-9 * Math.abs(expected));
            }
        }
    }
}
