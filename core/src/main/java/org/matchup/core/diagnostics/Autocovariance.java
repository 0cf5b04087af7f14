package org.matchup.core.diagnostics;

/**
 * Autocovariances of one chain at every lag, by the biased estimator Geyer (1992) recommends,
 * {@code gamma_t = (1/n) sum_{i=1}^{n-t} (x_i - xbar)(x_{i+t} - xbar)}, computed with a fast Fourier transform.
 *
 * <p>The centred chain is padded with zeros to a power of two of at least 2n, so the circular autocorrelation of
 * the padded sequence equals the linear one; its transform's squared modulus is transformed back (Wiener-Khinchin),
 * and the result is scaled so that lag 0 equals the directly summed biased variance, as {@code posterior}'s
 * {@code autocovariance} does. The transform is the iterative radix-2 algorithm of Cooley and Tukey (1965), "An
 * algorithm for the machine calculation of complex Fourier series", Mathematics of Computation 19(90), 297-301,
 * doi:10.1090/S0025-5718-1965-0178586-1. Cost O(n log n) for all n lags.
 *
 * <p>Geyer, C. J. (1992), "Practical Markov chain Monte Carlo", Statistical Science 7(4), 473-483,
 * doi:10.1214/ss/1177011137.
 *
 * <p>Stateless; thread safe.
 */
final class Autocovariance {

    /** Twiddle factors for the last transform size; see {@link #twiddles}. */
    private static volatile double[][] twiddleCache;

    private Autocovariance() {
    }

    /**
     * @param x one chain of finite draws
     * @return gamma_0 .. gamma_{n-1}; all zero when the chain is constant
     */
    static double[] of(double[] x) {
        int n = x.length;
        double[] gamma = new double[n];
        if (n == 0) {
            return gamma;
        }

        // Centre the chain; gamma_0 = (1/n) sum (x_i - xbar)^2 is summed directly.
        double mean = Chains.mean(x);
        double sumOfSquares = 0;
        boolean constant = true;
        for (double v : x) {
            double d = v - mean;
            sumOfSquares += d * d;
            constant &= v == x[0];
        }
        if (constant || sumOfSquares == 0) {
            return gamma;
        }

        // Zero-pad to a power of two >= 2n so that circular correlation equals linear correlation.
        int size = Integer.highestOneBit(Math.max(1, 2 * n - 1)) << 1;
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < n; i++) {
            re[i] = x[i] - mean;
        }

        // Wiener-Khinchin: the inverse transform of |F(y)|^2 holds size * sum_i y_i y_{i+t}.
        transform(re, im, false);
        for (int k = 0; k < size; k++) {
            re[k] = re[k] * re[k] + im[k] * im[k];
            im[k] = 0;
        }
        transform(re, im, true);

        // Scale so that lag 0 is the directly summed biased variance (posterior's normalisation).
        double scale = sumOfSquares / n / re[0];
        for (int t = 0; t < n; t++) {
            gamma[t] = re[t] * scale;
        }
        return gamma;
    }

    /**
     * cos and sin of 2 pi k / size for k below size / 2, for the last size asked for (a summary asks for one size
     * over and over). The arrays are never written after publication.
     */
    private static double[][] twiddles(int size) {
        double[][] cached = twiddleCache;
        if (cached != null && cached[0].length == size / 2) {
            return cached;
        }
        double[][] table = new double[2][size / 2];
        for (int k = 0; k < size / 2; k++) {
            table[0][k] = Math.cos(2 * Math.PI * k / size);
            table[1][k] = Math.sin(2 * Math.PI * k / size);
        }
        twiddleCache = table;
        return table;
    }

    /**
     * In-place unnormalised discrete Fourier transform of a sequence whose length is a power of two.
     *
     * @param re real parts
     * @param im imaginary parts
     * @param inverse true for the inverse direction (exponent sign +), without the 1/size factor
     */
    private static void transform(double[] re, double[] im, boolean inverse) {
        int size = re.length;

        // Bit-reversal permutation.
        for (int i = 1, j = 0; i < size; i++) {
            int bit = size >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j |= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }

        // Butterflies of doubling length; twiddle factors from a table of cos/sin computed directly (no drift).
        double sign = inverse ? 1 : -1;
        double[][] twiddles = twiddles(size);
        for (int length = 2; length <= size; length <<= 1) {
            int halfLength = length >> 1;
            int step = size / length;
            for (int k = 0; k < halfLength; k++) {
                double wRe = twiddles[0][k * step];
                double wIm = sign * twiddles[1][k * step];
                for (int start = 0; start < size; start += length) {
                    int a = start + k;
                    int b = a + halfLength;
                    double tRe = re[b] * wRe - im[b] * wIm;
                    double tIm = re[b] * wIm + im[b] * wRe;
                    re[b] = re[a] - tRe;
                    im[b] = im[a] - tIm;
                    re[a] += tRe;
                    im[a] += tIm;
                }
            }
        }
    }
}
