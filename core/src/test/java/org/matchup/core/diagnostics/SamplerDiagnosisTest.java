package org.matchup.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.matchup.core.draws.Draws;

/** The diagnose checks on the clean Bernoulli reference run and on runs built to fail each check. */
class SamplerDiagnosisTest {

    private static final List<String> COLUMNS = List.of("lp__", "treedepth__", "divergent__", "energy__", "mu",
            "fixed");

    @Test
    void bernoulliReferenceRunIsClean() {
        SamplerDiagnosis diagnosis = SamplerDiagnosis.of(ReferenceFiles.bernoulli(), 10);
        assertTrue(diagnosis.isClean(), diagnosis.lines().toString());
        assertEquals("diagnose: no problems detected", diagnosis.verdict());
    }

    /** Four chains; chain 2 has sticky energies and a shifted mu; some draws diverge or hit tree depth 10. */
    @Test
    void everyCheckFailsOnARunBuiltToFailIt() {
        SplittableRandom random = new SplittableRandom(8);
        int n = 500;
        double[][][] values = new double[4][COLUMNS.size()][n];
        for (int c = 0; c < 4; c++) {
            double energy = 0;
            for (int i = 0; i < n; i++) {
                energy = c == 1 ? 0.95 * energy + 0.3 * random.nextGaussian() : random.nextGaussian();
                values[c][0][i] = random.nextGaussian();
                values[c][1][i] = i % 100 == 0 ? 10 : 4;
                values[c][2][i] = c == 3 && i < 3 ? 1 : 0;
                values[c][3][i] = energy;
                values[c][4][i] = random.nextGaussian() + (c == 1 ? 3 : 0);
                values[c][5][i] = 7;
            }
        }
        SamplerDiagnosis diagnosis = SamplerDiagnosis.of(new Draws(COLUMNS, values), 10);
        assertFalse(diagnosis.isClean());
        List<String> problems = diagnosis.problems();
        assertEquals("3 divergent transitions", problems.get(0));
        assertEquals("20 transitions at the maximum tree depth", problems.get(1));
        assertEquals("low E-BFMI in chain 2", problems.get(2));
        assertEquals("1 parameter with R-hat above 1.01", problems.get(3));
        assertEquals("1 parameter with low ESS", problems.get(4));
        assertEquals(5, problems.size());
        String report = String.join("\n", diagnosis.lines());
        assertTrue(report.contains("3 of 2000 (0.15%) transitions ended with a divergence"), report);
        assertTrue(report.contains("Constant in every draw, not checked: fixed."), report);
        assertTrue(diagnosis.verdict().startsWith("diagnose: problems detected: 3 divergent transitions; "));
    }
}
