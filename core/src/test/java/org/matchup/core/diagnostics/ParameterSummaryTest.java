package org.matchup.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.matchup.core.draws.Draws;
import org.matchup.core.io.StanCsvReader;

/**
 * Summaries of the Bernoulli chains against CmdStan 2.35's {@code stansummary} output
 * ({@code reference/stan-csv/cmdstan-2-35-0-stansummary.csv}, written by {@code bin/stansummary
 * --csv_filename=... bern1.csv bern2.csv bern3.csv bern4.csv}) and against R, and a summary of the eight-schools
 * chains.
 *
 * <p>Every comparison with stansummary allows half a unit in the last digit printed there, plus 1e-12 relative for
 * the rounding of our own arithmetic.
 */
class ParameterSummaryTest {

    /** One row of the stansummary CSV: Name,Mean,MCSE,StdDev,5%,50%,95%,N_Eff,N_Eff/s,R_hat. */
    private record StansummaryRow(String name, String mean, String stdDev, String q5, String q50, String q95,
            String nEff, String rHat) {
    }

    private static Draws bernoulli;
    private static List<StansummaryRow> stansummary;

    @BeforeAll
    static void readReferences() throws IOException {
        bernoulli = ReferenceFiles.bernoulli();
        List<String> lines = Files.readAllLines(ReferenceFiles.stanCsv("cmdstan-2-35-0-stansummary.csv"),
                StandardCharsets.UTF_8);
        assertEquals("name,Mean,MCSE,StdDev,5%,50%,95%,N_Eff,N_Eff/s,R_hat", lines.get(0));
        stansummary = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            // The rows are followed by stansummary's explanatory comment lines.
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            stansummary.add(new StansummaryRow(f[0].replace("\"", ""), f[1], f[3], f[4], f[5], f[6], f[7], f[9]));
        }
        assertEquals(bernoulli.columnNames().size(), stansummary.size());
    }

    /** Asserts that {@code actual} rounds to the number printed as {@code printed}. */
    private static void assertAgreesWithPrinted(String printed, double actual, String what) {
        BigDecimal value = new BigDecimal(printed);
        double tolerance = value.ulp().doubleValue() / 2 + 1e-12 * Math.abs(actual);
        assertEquals(value.doubleValue(), actual, tolerance, what + ": printed " + printed + ", computed " + actual);
    }

    /**
     * The quantile stansummary 2.35 prints: Boost.Accumulators' {@code tail_quantile}, an order statistic without
     * interpolation. For p < 0.5 it is the ceil(p S)-th smallest of the S draws, otherwise the ceil((1 - p) S)-th
     * largest, with {@code 1 - p} evaluated in floating point (so for p = 0.95 and S = 4000, the 201st largest).
     */
    private static double cmdStanQuantile(double[] sorted, double p) {
        int s = sorted.length;
        if (p < 0.5) {
            return sorted[(int) Math.ceil(s * p) - 1];
        }
        return sorted[s - (int) Math.ceil(s * (1. - p))];
    }

    @Test
    void meanAndSdAgreeWithStansummaryToThePrintedPrecision() {
        for (StansummaryRow row : stansummary) {
            ParameterSummary summary = ParameterSummary.of(row.name(), bernoulli.column(row.name()));
            assertAgreesWithPrinted(row.mean(), summary.mean(), row.name() + " mean");
            assertAgreesWithPrinted(row.stdDev(), summary.sd(), row.name() + " sd");
        }
    }

    /**
     * stansummary's 5%, 50% and 95% are order statistics (see {@link #cmdStanQuantile}), not R's type 7; they
     * differ from {@link ParameterSummary}'s quantiles by up to the gap between neighbouring draws (for lp__ at 5%:
     * -8.7825 printed against -8.7823005 by type 7). This test pins that explanation down on every column, so that
     * the pooled draws the summary sees are the ones stansummary saw.
     */
    @Test
    void stansummaryQuantilesAreOrderStatisticsOfThePooledDraws() {
        for (StansummaryRow row : stansummary) {
            double[] sorted = Chains.pool(bernoulli.column(row.name()));
            Arrays.sort(sorted);
            assertAgreesWithPrinted(row.q5(), cmdStanQuantile(sorted, 0.05), row.name() + " 5%");
            assertAgreesWithPrinted(row.q50(), cmdStanQuantile(sorted, 0.5), row.name() + " 50%");
            assertAgreesWithPrinted(row.q95(), cmdStanQuantile(sorted, 0.95), row.name() + " 95%");
        }
    }

    /**
     * Type-7 quantiles, mean and sd of the pooled draws against R 4.2.2, printed by
     * {@code Rscript -e 'for (v in c("lp__","theta")) { x <- unlist(lapply(1:4, function(i)
     * read.csv(sprintf("bern%d.csv", i), comment.char="#")[[v]])); cat(v, sprintf("%.17g", c(quantile(x,
     * c(.05,.5,.95)), median(x), mean(x), sd(x))), "\n") }'} in reference/stan-csv.
     */
    @Test
    void quantilesAndMomentsAgreeWithR() {
        ParameterSummary lp = ParameterSummary.of("lp__", bernoulli.column("lp__"));
        assertEquals(-8.7823004999999998, lp.q5(), 0.0);
        assertEquals(-6.9902150000000001, lp.q50(), 0.0);
        assertEquals(-6.7502994999999997, lp.q95(), 0.0);
        assertEquals(-7.2867579275000001, lp.mean(), 1e-15);
        assertEquals(0.73861606261593604, lp.sd(), 1e-15);

        ParameterSummary theta = ParameterSummary.of("theta", bernoulli.column("theta"));
        assertEquals(0.077169350000000012, theta.q5(), 0.0);
        assertEquals(0.23747600000000002, theta.q50(), 0.0);
        assertEquals(0.47388504999999986, theta.q95(), 0.0);
        assertEquals(0.25129741048249998, theta.mean(), 1e-16);
        assertEquals(0.12154668665823498, theta.sd(), 1e-16);
    }

    /**
     * Not part of the summary, but a second reference for the classic diagnostics: stansummary 2.35's R_hat column
     * is the classic split R-hat ({@link SplitRhat#basic(double[][])}) and its N_Eff column the basic ESS of the
     * unsplit chains. Skipped: {@code stepsize__}, constant within each chain, where stansummary prints 6.9e12 from
     * rounding noise and the exact answer is infinite, and the constant {@code divergent__} (nan there, NaN here).
     */
    @Test
    void classicSplitRhatAndUnsplitEssAgreeWithStansummary() {
        for (StansummaryRow row : stansummary) {
            double[][] chains = bernoulli.column(row.name());
            if (row.name().equals("stepsize__")) {
                assertEquals(Double.POSITIVE_INFINITY, SplitRhat.basic(chains));
                continue;
            }
            if (row.name().equals("divergent__")) {
                assertEquals("nan", row.rHat());
                assertTrue(Double.isNaN(SplitRhat.basic(chains)));
                continue;
            }
            assertAgreesWithPrinted(row.rHat(), SplitRhat.basic(chains), row.name() + " R_hat");
            assertAgreesWithPrinted(row.nEff(), EffectiveSampleSize.basic(chains, false), row.name() + " N_Eff");
        }
    }

    @Test
    void summarizeKeepsTheOrderOfTheNames() {
        List<ParameterSummary> summaries = ParameterSummary.summarize(bernoulli, List.of("theta", "lp__"));
        assertEquals(2, summaries.size());
        assertEquals("theta", summaries.get(0).name());
        assertEquals("lp__", summaries.get(1).name());
        assertEquals(ParameterSummary.of("theta", bernoulli.column("theta")), summaries.get(0));
        assertEquals(SplitRhat.rhat(bernoulli.column("lp__")), summaries.get(1).rhat());
        assertEquals(EffectiveSampleSize.mcseMean(bernoulli.column("lp__")), summaries.get(1).mcseMean());
    }

    @Test
    void summarizeRejectsAnUnknownName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParameterSummary.summarize(bernoulli, List.of("theta", "beta")));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
    }

    /**
     * Eight schools from Stan's tests (thin = 2): two chains of 500 kept draws. A well-mixed run, so every model
     * parameter has R-hat below 1.05 and a bulk- and tail-ESS above 100, and every summary is ordered.
     */
    @Test
    void eightSchoolsReadsAndSummarises() {
        Draws draws = StanCsvReader.read(List.of(ReferenceFiles.stanCsv("eight_schools_1.csv"),
                ReferenceFiles.stanCsv("eight_schools_2.csv")));
        assertEquals(2, draws.chainCount());
        assertEquals(500, draws.drawCount(0));
        assertEquals(500, draws.drawCount(1));
        List<String> parameters = draws.parameterNames();
        assertEquals(List.of("mu", "theta.1", "theta.2", "theta.3", "theta.4", "theta.5", "theta.6", "theta.7",
                "theta.8", "tau"), parameters);

        List<ParameterSummary> summaries = ParameterSummary.summarize(draws, draws.columnNames());
        assertEquals(draws.columnNames().size(), summaries.size());
        for (ParameterSummary s : summaries) {
            if (!parameters.contains(s.name())) {
                continue;
            }
            assertTrue(s.rhat() < 1.05, s.toString());
            assertTrue(s.essBulk() > 100 && s.essTail() > 100, s.toString());
            assertTrue(s.q5() < s.q50() && s.q50() < s.q95(), s.toString());
            assertTrue(s.q5() < s.mean() && s.mean() < s.q95(), s.toString());
            assertTrue(s.sd() > 0 && s.mcseMean() > 0 && s.mcseMean() < s.sd(), s.toString());
        }
        ParameterSummary tau = summaries.get(draws.columnIndex("tau"));
        assertTrue(tau.q5() > 0, "tau is a scale: " + tau);
    }
}
