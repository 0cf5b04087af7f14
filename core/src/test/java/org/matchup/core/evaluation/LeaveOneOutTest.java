package org.matchup.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * PSIS and PSIS-LOO against analytic answers: the GPD fit on draws of a known generalized Pareto distribution, and
 * LOO of a conjugate normal model, whose leave-one-out predictive densities are normal in closed form.
 *
 * <p>Seeds are fixed. The GPD shape estimate from 20,000 draws has a standard error of about (1 + k) / sqrt(n) =
 * 0.009, so the 0.05 bound is five of them (a chance below 1e-6 for another seed). The LOO bound of 0.05 on a sum
 * of 30 terms is far above its Monte Carlo error with 4,000 independent draws (about 0.005 here).
 */
class LeaveOneOutTest {

    @Test
    void generalizedParetoFitRecoversShapeAndScale() {
        SplittableRandom random = new SplittableRandom(11);
        for (double k : new double[] {0.3, -0.2, 0.7}) {
            double[] x = new double[20_000];
            for (int i = 0; i < x.length; i++) {
                x[i] = ParetoSmoothedImportanceSampling.quantile(random.nextDouble(), k, 2.0);
            }
            Arrays.sort(x);
            double[] fit = ParetoSmoothedImportanceSampling.fitGeneralizedPareto(x);
            assertEquals(k, fit[0], 0.05, "shape for k = " + k);
            assertEquals(2.0, fit[1], 0.1, "scale for k = " + k);
        }
    }

    @Test
    void looOfAConjugateNormalModelMatchesTheClosedForm() {
        // y_i ~ normal(mu, 1), mu ~ normal(0, 10): mu | y ~ normal(m, v) with 1 / v = 1/100 + n.
        SplittableRandom random = new SplittableRandom(12);
        int n = 30;
        double[] y = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            y[i] = 0.4 + random.nextGaussian();
            sum += y[i];
        }
        double v = 1 / (0.01 + n);
        double m = v * sum;
        int draws = 4000;
        double[] mu = new double[draws];
        for (int s = 0; s < draws; s++) {
            mu[s] = m + Math.sqrt(v) * random.nextGaussian();
        }

        LeaveOneOut loo = new LeaveOneOut(draws, 1);
        double exact = 0;
        double exactLpd = 0;
        for (int i = 0; i < n; i++) {
            double[] ll = new double[draws];
            for (int s = 0; s < draws; s++) {
                ll[s] = logNormal(y[i], mu[s], 1);
            }
            loo.add(ll);

            // Leave y_i out: mu | y_-i ~ normal(m_i, v_i); y_i | y_-i ~ normal(m_i, 1 + v_i).
            double vi = 1 / (0.01 + n - 1);
            double mi = vi * (sum - y[i]);
            exact += logNormal(y[i], mi, Math.sqrt(1 + vi));

            // Posterior predictive with y_i in: y_i | y ~ normal(m, 1 + v).
            exactLpd += logNormal(y[i], m, Math.sqrt(1 + v));
        }
        LeaveOneOut.Summary summary = loo.summary();
        assertEquals(exact, summary.elpdLoo(), 0.05);
        assertEquals(exactLpd - exact, summary.pLoo(), 0.05, "p_loo = lpd - elpd_loo");
        assertEquals(n, summary.goodK());
        assertTrue(summary.maxK() < 0.5, "k-hat " + summary.maxK());
        assertEquals(0.7, summary.kThreshold(), 1e-12);
    }

    @Test
    void differenceOfAModelWithItselfIsZero() {
        double[] a = {-1.0, -2.5, -0.3};
        assertArrayEquals(new double[] {0, 0}, LeaveOneOut.difference(a, a), 0);
        double[] b = {-1.5, -2.0, -0.3};
        double[] d = LeaveOneOut.difference(a, b);
        assertEquals(0.0, d[0], 1e-12);
        // Differences 0.5, -0.5, 0: variance 0.25, so se = sqrt(3 x 0.25).
        assertEquals(Math.sqrt(0.75), d[1], 1e-12);
    }

    private static double logNormal(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return -0.5 * Math.log(2 * Math.PI) - Math.log(sd) - 0.5 * z * z;
    }
}
