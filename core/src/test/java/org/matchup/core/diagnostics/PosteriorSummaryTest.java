package org.matchup.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.matchup.core.draws.Draws;

/** The stansummary-style table: the numbers fit writes, plus MAD and chosen quantiles. */
class PosteriorSummaryTest {

    @Test
    void rowsCarryTheParameterSummaryOfEachColumn() {
        Draws bernoulli = ReferenceFiles.bernoulli();
        PosteriorSummary table = PosteriorSummary.of(bernoulli, PosteriorSummary.DEFAULT_PROBABILITIES);
        assertEquals(bernoulli.columnNames().size(), table.rows().size());
        for (PosteriorSummary.Row row : table.rows()) {
            ParameterSummary s = ParameterSummary.of(row.name(), bernoulli.column(row.name()));
            assertEquals(s.mean(), row.mean());
            assertEquals(s.sd(), row.sd());
            assertEquals(s.mcseMean(), row.mcseMean());
            assertArrayEquals(new double[] {s.q5(), s.q50(), s.q95()}, row.quantiles());
            assertEquals(s.essBulk(), row.essBulk());
            assertEquals(s.essTail(), row.essTail());
            assertEquals(s.rhat(), row.rhat());
        }
    }

    @Test
    void madIsRsScaledMedianAbsoluteDeviation() {
        // R: mad(c(1, 2, 3, 4, 100)) is 1.4826 (median 3, absolute deviations 2, 1, 0, 1, 97).
        assertEquals(1.4826, PosteriorSummary.mad(new double[] {1, 2, 3, 4, 100}), 1e-12);
        // R: mad(c(1, 2, 4, 8)) is 2.2239 (median 3, deviations 2, 1, 1, 5, their median 1.5).
        assertEquals(2.2239, PosteriorSummary.mad(new double[] {1, 2, 4, 8}), 1e-12);
        assertEquals(Double.NaN, PosteriorSummary.mad(new double[0]));
    }

    @Test
    void chosenPercentilesAndTheirLabels() {
        Draws draws = new Draws(List.of("x"), new double[][][] {{{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}});
        PosteriorSummary table = PosteriorSummary.of(draws, 0.025, 0.5, 0.975);
        // R: quantile(1:10, c(0.025, 0.5, 0.975)) is 1.225, 5.5, 9.775.
        assertArrayEquals(new double[] {1.225, 5.5, 9.775}, table.rows().get(0).quantiles(), 1e-12);
        assertEquals("2.5%", PosteriorSummary.percentLabel(0.025));
        assertEquals("50%", PosteriorSummary.percentLabel(0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PosteriorSummary.of(draws, 1.5));
        assertEquals("percentiles must be strictly between 0 and 100, got 150.0", e.getMessage());
    }
}
