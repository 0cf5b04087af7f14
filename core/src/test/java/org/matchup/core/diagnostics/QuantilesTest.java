package org.matchup.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Type-7 quantiles against R 4.2.2 (Debian r-base-core 4.2.2.20221110-2). The values were printed with
 * {@code Rscript -e 'x <- c(3.5, -1, 2, 2, 10, 0.25, 7); p <- c(0, 0.05, 0.1, 0.5, 0.9, 0.95, 1);
 * cat(sprintf("%.17g", quantile(x, p)), "\n"); cat(sprintf("%.17g", median(c(1,4,2,8))), "\n");
 * y <- c(-Inf, 1, 2, Inf); cat(sprintf("%.17g", quantile(y, c(0, .2, .5, .9, 1))), "\n")'}; the arithmetic is
 * R's, so the comparison is exact.
 */
class QuantilesTest {

    @Test
    void matchesRQuantileBitForBit() {
        double[] x = {3.5, -1, 2, 2, 10, 0.25, 7};
        double[] p = {0, 0.05, 0.1, 0.5, 0.9, 0.95, 1};
        double[] expected = {-1, -0.625, -0.24999999999999989, 2, 8.2000000000000011, 9.0999999999999979, 10};
        assertArrayEquals(expected, Quantiles.type7(x, p), 0.0);
        for (int i = 0; i < p.length; i++) {
            assertEquals(expected[i], Quantiles.type7(x, p[i]), 0.0);
        }
    }

    @Test
    void inputIsNotModified() {
        double[] x = {3.5, -1, 2};
        Quantiles.type7(x, 0.5);
        Quantiles.median(x);
        assertArrayEquals(new double[] {3.5, -1, 2}, x, 0.0);
    }

    @Test
    void medianAveragesTheMiddlePair() {
        assertEquals(3.0, Quantiles.median(new double[] {1, 4, 2, 8}), 0.0);
        assertEquals(2.0, Quantiles.median(new double[] {3, 1, 2}), 0.0);
    }

    @Test
    void infiniteNeighboursAreReturnedAsRReturnsThem() {
        double[] y = {Double.NEGATIVE_INFINITY, 1, 2, Double.POSITIVE_INFINITY};
        double[] expected = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY};
        assertArrayEquals(expected, Quantiles.type7(y, 0, 0.2, 0.5, 0.9, 1), 0.0);
    }

    @Test
    void emptyOrNaNSampleGivesNaN() {
        assertTrue(Double.isNaN(Quantiles.type7(new double[0], 0.5)));
        assertTrue(Double.isNaN(Quantiles.type7(new double[] {1, Double.NaN, 3}, 0.05)));
        assertTrue(Double.isNaN(Quantiles.median(new double[0])));
        assertTrue(Double.isNaN(Quantiles.median(new double[] {Double.NaN, 1})));
    }

    @Test
    void probabilityOutsideTheUnitIntervalIsRejectedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Quantiles.type7(new double[] {1, 2}, 1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(new double[] {1, 2}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.type7(new double[] {1, 2}, -0.01));
    }
}
