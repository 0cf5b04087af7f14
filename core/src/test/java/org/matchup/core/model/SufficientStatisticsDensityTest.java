package org.matchup.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.matchup.core.data.MatchupRows;

/**
 * The matchup-specific model written with per-matchup sufficient statistics has exactly the density of the
 * row-by-row model, all constants kept, on real rows of the training table: two independent computations of the
 * same log density and gradient.
 */
class SufficientStatisticsDensityTest {

    /** Rows of the real table used: enough for every matchup to have rows, small enough for a fast row model. */
    private static final int ROWS = 5000;

    private static StanModel sufficient;
    private static StanModel rows;

    @BeforeAll
    static void load() throws IOException {
        Path table = Path.of(System.getProperty("matchup.shared"), "data", "nba", "matchups_train.csv.gz");
        MatchupRows data = MatchupRows.read(table, ROWS);
        sufficient = StanModel.load(MatchupModel.MATCHUP_SPECIFIC.library(), data.sufficientStatistics().toStanData());
        rows = StanModel.load(MatchupModel.MATCHUP_SPECIFIC_ROWS.library(), data.toStanData());
    }

    @AfterAll
    static void close() {
        sufficient.close();
        rows.close();
    }

    @Test
    void sameParameters() {
        assertEquals(36 + 2 * 36 * 8 + 1, sufficient.unconstrainedDimension());
        assertEquals(rows.parameterNames(true, true), sufficient.parameterNames(true, true));
        assertEquals("beta_off.3.5", sufficient.parameterNames(false, false).get(36 + 4 * 36 + 2));
    }

    @Test
    void densitiesAndGradientsAgreeAtRandomPoints() {
        SplittableRandom random = new SplittableRandom(20261204);
        int n = sufficient.unconstrainedDimension();
        for (int point = 0; point < 6; point++) {

            // Points near the posterior (intercepts near 1, small positive slopes) and far from it.
            double spread = point < 3 ? 0.5 : 2;
            double[] theta = new double[n];
            for (int i = 0; i < n; i++) {
                theta[i] = (i < 36 ? 1 : -3) + spread * (2 * random.nextDouble() - 1);
            }
            for (boolean jacobian : new boolean[] {false, true}) {
                double[] gradSufficient = new double[n];
                double[] gradRows = new double[n];
                double lpSufficient = sufficient.logDensityGradient(theta, gradSufficient, false, jacobian);
                double lpRows = rows.logDensityGradient(theta, gradRows, false, jacobian);
                assertEquals(lpRows, lpSufficient, 1e-9 * Math.abs(lpRows), "log density at point " + point);

                double scale = 0;
                for (double g : gradRows) {
                    scale = Math.max(scale, Math.abs(g));
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(gradRows[i], gradSufficient[i], 1e-9 * scale, "gradient " + i + " at point " + point);
                }
            }
        }
    }

    @Test
    void proptoDropsOnlyConstants() {
        int n = sufficient.unconstrainedDimension();
        double[] a = new double[n];
        double[] b = new double[n];
        java.util.Arrays.fill(a, 0.1);
        java.util.Arrays.fill(b, -0.2);
        double full = sufficient.logDensity(a, false, true) - sufficient.logDensity(b, false, true);
        double propto = sufficient.logDensity(a, true, true) - sufficient.logDensity(b, true, true);
        assertEquals(full, propto, 1e-9 * Math.abs(full));
        assertTrue(sufficient.logDensity(a, false, true) != sufficient.logDensity(a, true, true),
                "propto must drop the normalising constants");
    }
}
