package org.matchup.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Degenerate draws give NaN from every diagnostic and never throw; malformed shapes throw. */
class DegenerateInputTest {

    private static final List<ToDoubleFunction<double[][]>> DIAGNOSTICS = List.of(
            SplitRhat::rhat, SplitRhat::bulk, SplitRhat::tail, SplitRhat::basic,
            x -> SplitRhat.basic(x, false),
            EffectiveSampleSize::basic, EffectiveSampleSize::bulk, EffectiveSampleSize::tail,
            EffectiveSampleSize::mean, EffectiveSampleSize::mcseMean,
            x -> EffectiveSampleSize.basic(x, false), x -> EffectiveSampleSize.quantile(x, 0.5));

    private static void assertAllNaN(double[][] chains) {
        for (int i = 0; i < DIAGNOSTICS.size(); i++) {
            double value = DIAGNOSTICS.get(i).applyAsDouble(chains);
            assertTrue(Double.isNaN(value), "diagnostic " + i + " gave " + value);
        }
    }

    @Test
    void fewerThanFourDrawsPerChainGivesNaN() {
        assertAllNaN(new double[][] {{1, 2, 3}, {2, 3, 1}});
        assertAllNaN(new double[][] {{}, {}});
    }

    @Test
    void noChainGivesNaN() {
        assertAllNaN(new double[0][]);
    }

    @Test
    void nonFiniteDrawGivesNaN() {
        double[] a = {0.3, 1.2, -0.4, 0.8, 0.1, -1.1, 0.5, 0.9};
        double[] b = {1.3, -0.2, 0.4, -0.8, 0.6, 0.2, -0.5, 1.9};
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] withBad = b.clone();
            withBad[3] = bad;
            assertAllNaN(new double[][] {a, withBad});
        }
    }

    @Test
    void allDrawsEqualGivesNaN() {
        assertAllNaN(new double[][] {{2.5, 2.5, 2.5, 2.5, 2.5, 2.5}, {2.5, 2.5, 2.5, 2.5, 2.5, 2.5}});
    }

    @Test
    void fourOrFiveDrawsGiveRhatButNoEssAsPosterior() {
        // posterior's .ess needs three draws per split chain; R-hat has no such limit.
        double[][] four = {{0.3, 1.2, -0.4, 0.8}, {1.3, -0.2, 0.4, -0.8}};
        assertFalse(Double.isNaN(SplitRhat.rhat(four)));
        assertTrue(Double.isNaN(EffectiveSampleSize.bulk(four)));
        double[][] six = {{0.3, 1.2, -0.4, 0.8, 0.1, -1.1}, {1.3, -0.2, 0.4, -0.8, 0.6, 0.2}};
        assertFalse(Double.isNaN(EffectiveSampleSize.bulk(six)));
    }

    @Test
    void oneStuckChainAmongMovingOnesIsFlaggedNotHidden() {
        double[][] chains = new double[4][100];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 100; i++) {
                chains[c][i] = Math.sin(0.37 * i + c);
            }
        }
        java.util.Arrays.fill(chains[3], 5.0);
        double rhat = SplitRhat.rhat(chains);
        assertTrue(rhat > 1.5, "R-hat of a stuck chain should be large, was " + rhat);
    }

    @Test
    void chainsOfUnequalLengthAreRejectedWithBothLengths() {
        double[][] ragged = {{1, 2, 3, 4, 5}, {1, 2, 3, 4}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SplitRhat.rhat(ragged));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EffectiveSampleSize.bulk(ragged));
        assertThrows(IllegalArgumentException.class, () -> ParameterSummary.of("x", ragged));
    }

    @Test
    void nullInputIsRejected() {
        assertThrows(NullPointerException.class, () -> SplitRhat.rhat(null));
        assertThrows(NullPointerException.class, () -> EffectiveSampleSize.tail(new double[][] {{1, 2, 3, 4}, null}));
    }

    @Test
    void summaryOfDegenerateDrawsKeepsItsMomentsAndQuantiles() {
        ParameterSummary summary = ParameterSummary.of("c", new double[][] {{1, 1, 1, 1}, {1, 1, 1, 1}});
        assertEquals(1.0, summary.mean(), 0.0);
        assertEquals(0.0, summary.sd(), 0.0);
        assertEquals(1.0, summary.q5(), 0.0);
        assertTrue(Double.isNaN(summary.rhat()));
        assertTrue(Double.isNaN(summary.essBulk()));
        assertTrue(Double.isNaN(summary.essTail()));
        assertTrue(Double.isNaN(summary.mcseMean()));

        ParameterSummary empty = ParameterSummary.of("e", new double[0][]);
        assertTrue(Double.isNaN(empty.mean()));
        assertTrue(Double.isNaN(empty.sd()));
        assertTrue(Double.isNaN(empty.q50()));
    }
}
