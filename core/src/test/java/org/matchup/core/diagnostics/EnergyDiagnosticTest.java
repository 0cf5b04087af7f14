package org.matchup.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * E-BFMI against its limits for energy sequences with known autocorrelation: for a stationary AR(1) sequence with
 * coefficient rho, E[(E_n - E_{n-1})^2] / Var(E) = 2 (1 - rho); independent energies (rho = 0) give 2.
 *
 * <p>With 20,000 draws the estimate's sd is about 0.02 for rho = 0 and 0.01 for rho = 0.9 (from 5,000 seeds of
 * 1,000 draws: sd 0.07 and 0.04, scaled by sqrt(20)); the bounds of 0.1 and 0.05 are five such sds, a chance below
 * 1e-6 for another seed. The seeds are fixed.
 */
class EnergyDiagnosticTest {

    private static double[] autoregressive(double rho, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] energy = new double[n];
        double x = random.nextGaussian();
        for (int i = 0; i < n; i++) {
            x = rho * x + Math.sqrt(1 - rho * rho) * random.nextGaussian();
            energy[i] = 100 + 3 * x;
        }
        return energy;
    }

    @Test
    void independentEnergiesGiveTwo() {
        assertEquals(2, EnergyDiagnostic.ebfmi(autoregressive(0, 20_000, 1)), 0.1);
    }

    @Test
    void stickyEnergiesGiveTwiceOneMinusRho() {
        double ebfmi = EnergyDiagnostic.ebfmi(autoregressive(0.9, 20_000, 2));
        assertEquals(0.2, ebfmi, 0.05);
        assertTrue(ebfmi < EnergyDiagnostic.THRESHOLD, "rho = 0.9 must be flagged");
    }

    @Test
    void exactValueOnAShortSequence() {
        // Squared differences 1 + 1 + 4 = 6; mean 0.75, squared deviations 0.5625 + 0.0625 + 1.5625 + 0.5625 = 2.75.
        assertEquals(6 / 2.75, EnergyDiagnostic.ebfmi(new double[] {0, 1, 2, 0}), 1e-15);
    }

    @Test
    void degenerateSequencesGiveNaN() {
        assertTrue(Double.isNaN(EnergyDiagnostic.ebfmi(new double[] {1})));
        assertTrue(Double.isNaN(EnergyDiagnostic.ebfmi(new double[] {2, 2, 2})));
        assertTrue(Double.isNaN(EnergyDiagnostic.ebfmi(new double[] {1, Double.NaN, 3})));
    }
}
