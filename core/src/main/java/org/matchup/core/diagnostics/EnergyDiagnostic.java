package org.matchup.core.diagnostics;

/**
 * The energy Bayesian fraction of missing information (E-BFMI) of one chain of Hamiltonian Monte Carlo, from its
 * {@code energy__} column: how well the momentum resampling explores the energy levels. Values below
 * {@value #THRESHOLD} indicate that the sampler may not explore the posterior's tails (Betancourt 2016,
 * "Diagnosing suboptimal cotangent disintegrations in Hamiltonian Monte Carlo", arXiv:1604.00695, eq. 4).
 *
 * <p>Stateless; thread safe.
 */
public final class EnergyDiagnostic {

    /** E-BFMI below this is flagged, as CmdStan's {@code diagnose} does. */
    public static final double THRESHOLD = 0.3;

    private EnergyDiagnostic() {
    }

    /**
     * E-BFMI = sum_n (E_n - E_{n-1})^2 / sum_n (E_n - mean E)^2 (Betancourt 2016, eq. 4 with its sample
     * estimate).
     *
     * @param energy one chain's energies in draw order
     * @return the E-BFMI, or NaN for fewer than two draws, a non-finite energy or a constant chain
     */
    public static double ebfmi(double[] energy) {
        if (energy.length < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (double e : energy) {
            if (!Double.isFinite(e)) {
                return Double.NaN;
            }
            mean += e;
        }
        mean /= energy.length;

        // Numerator: squared successive differences; denominator: squared deviations from the mean.
        double differences = 0;
        double deviations = 0;
        for (int n = 0; n < energy.length; n++) {
            if (n > 0) {
                double d = energy[n] - energy[n - 1];
                differences += d * d;
            }
            double v = energy[n] - mean;
            deviations += v * v;
        }
        return deviations > 0 ? differences / deviations : Double.NaN;
    }
}
