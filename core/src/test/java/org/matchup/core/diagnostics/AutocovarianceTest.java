package org.matchup.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The FFT autocovariances against the biased estimator summed directly. */
class AutocovarianceTest {

    /** gamma_t = (1/n) sum_{i < n - t} (x_i - xbar)(x_{i+t} - xbar), summed term by term. */
    private static double[] direct(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] gamma = new double[n];
        for (int t = 0; t < n; t++) {
            double sum = 0;
            for (int i = 0; i + t < n; i++) {
                sum += (x[i] - mean) * (x[i + t] - mean);
            }
            gamma[t] = sum / n;
        }
        return gamma;
    }

    @Test
    void fftAgreesWithDirectSumsForPowerOfTwoAndOtherLengths() {
        SplittableRandom random = new SplittableRandom(20240611L);
        for (int n : new int[] {1, 2, 3, 4, 5, 7, 64, 100, 250, 500, 513, 1000}) {
            double[] x = new double[n];
            double previous = 0;
            for (int i = 0; i < n; i++) {
                // AR(1) with coefficient 0.7, so that the autocovariances are far from zero.
                previous = 0.7 * previous + random.nextGaussian();
                x[i] = 5 + previous;
            }
            double[] expected = direct(x);
            double[] actual = Autocovariance.of(x);
            double scale = Math.max(expected[0], Double.MIN_NORMAL);
            for (int t = 0; t < n; t++) {
                assertEquals(expected[t], actual[t], 1e-12 * scale, "n = " + n + ", lag " + t);
            }
        }
    }

    @Test
    void constantChainHasZeroAutocovariance() {
        assertArrayEquals(new double[5], Autocovariance.of(new double[] {0.1, 0.1, 0.1, 0.1, 0.1}), 0.0);
    }
}
