package org.matchup.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.matchup.core.diagnostics.ParameterSummary;
import org.matchup.core.diagnostics.RunDiagnostics;
import org.matchup.core.draws.Draws;
import org.matchup.core.sampling.ChainResult;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.sampling.SamplingResult;

/** The run summary: counts, worst diagnostics and the verdict on draws made by hand. */
class FitReportTest {

    private static final List<String> COLUMNS = List.of("lp__", "treedepth__", "divergent__", "mu");

    /** Columns lp__, treedepth__, divergent__ and an iid normal mu, with marks at the given draws. */
    private static double[][] chain(SplittableRandom random, int draws, int[] divergentAt, int[] maxDepthAt) {
        double[][] values = new double[4][draws];
        for (int i = 0; i < draws; i++) {
            values[0][i] = random.nextDouble();
            values[1][i] = 3;
            values[3][i] = random.nextDouble() + random.nextDouble() + random.nextDouble();
        }
        for (int i : divergentAt) {
            values[2][i] = 1;
        }
        for (int i : maxDepthAt) {
            values[1][i] = 10;
        }
        return values;
    }

    private static SamplingResult result(Draws draws, ChainResult.Status status) {
        SamplerConfig config = SamplerConfig.builder().chains(draws.chainCount()).maxTreedepth(10).build();
        List<ChainResult> chains = new java.util.ArrayList<>();
        for (int c = 0; c < draws.chainCount(); c++) {
            chains.add(new ChainResult(c + 1, status, draws.drawCount(c), 1, 0.5, 0.5, 0.1, new double[] {1}, null));
        }
        return new SamplingResult(config, draws, chains, 1);
    }

    @Test
    void countsDivergencesAndTreedepthHitsAndJudgesConvergence() {
        SplittableRandom random = new SplittableRandom(1);
        double[][][] values = {
            chain(random, 1000, new int[] {3, 500}, new int[] {7}),
            chain(random, 1000, new int[] {999}, new int[] {}),
        };
        FitReport report = FitReport.of("test", Path.of("table.csv"), null,
                result(new Draws(COLUMNS, values), ChainResult.Status.FINISHED));
        RunDiagnostics d = report.diagnostics();
        assertEquals(2000, d.draws());
        assertEquals(3, d.divergent());
        assertEquals(0.15, d.divergentPercent(), 1e-12);
        assertEquals(1, d.treedepthHits());
        assertEquals(List.of("mu"), report.summaries().stream().map(ParameterSummary::name).toList());
        assertEquals(ParameterSummary.of("mu", new double[][] {values[0][3], values[1][3]}).rhat(), d.maxRhat());

        // Two iid chains of 1000: R-hat near 1 and bulk-ESS near 2000, so the thresholds are met.
        assertTrue(d.converged(), d.problems().toString());
        assertTrue(report.converged());
        assertTrue(report.trainingSummaryLines().get(report.trainingSummaryLines().size() - 1)
                .startsWith("verdict: CONVERGED"));
    }

    @Test
    void tooManyDivergencesOrAShiftedChainAreNotConverged() {
        SplittableRandom random = new SplittableRandom(2);
        int[] many = new int[60];
        Arrays.setAll(many, i -> i);
        double[][] shifted = chain(random, 500, new int[0], new int[0]);
        for (int i = 0; i < 500; i++) {
            shifted[3][i] += 2;
        }
        Draws draws = new Draws(COLUMNS, new double[][][] {chain(random, 500, many, new int[0]), shifted});
        FitReport report = FitReport.of("test", Path.of("t.csv"), null, result(draws, ChainResult.Status.FINISHED));
        assertFalse(report.converged());
        List<String> problems = report.diagnostics().problems();
        // The shifted chain breaks R-hat and, with it, the bulk-ESS; 60 of 1000 draws diverged.
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("max R-hat"), problems.toString());
        assertTrue(problems.get(1).contains("6.00 % divergent"), problems.toString());
        assertTrue(problems.get(2).contains("min bulk-ESS"), problems.toString());
    }

    @Test
    void interruptedRunSummarisesTheChainsThatKeptDrawsCutToTheShortest() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] first = chain(random, 800, new int[0], new int[0]);
        double[][] second = chain(random, 600, new int[0], new int[0]);
        double[][] empty = new double[4][0];
        Draws draws = new Draws(COLUMNS, new double[][][] {first, empty, second});
        FitReport report = FitReport.of("test", Path.of("t.csv"), null, result(draws, ChainResult.Status.INTERRUPTED));

        ParameterSummary expected = ParameterSummary.of("mu",
                new double[][] {Arrays.copyOf(first[3], 600), second[3]});
        assertEquals(expected, report.summaries().get(0));
        assertEquals(1200, report.diagnostics().draws());
        assertFalse(report.converged(), "an interrupted run is never converged");
        assertTrue(report.trainingSummaryLines().contains("verdict: NOT CONVERGED (not every chain finished)"));
    }
}
