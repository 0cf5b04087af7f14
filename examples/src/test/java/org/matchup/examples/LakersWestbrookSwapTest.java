package org.matchup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.io.StanCsvWriter;
import org.matchup.core.sampling.SamplerConfig;

/**
 * The example on a fit written for the test, whose swap difference has a closed form: with per-matchup
 * intercepts {@code alpha.j = 1 + 0.001 j + 0.01 s} in draw s and one offensive coefficient {@code 0.01 (1 + s)}
 * for every archetype, the swap moves the offence from supercluster 0 (matchups 1..6, 1-based) to 3 (19..24), so
 * the difference is {@code 100 (0.018 + 0.01 (1 + s) (o_Russell - o_Westbrook))} whatever the defence weights.
 */
class LakersWestbrookSwapTest {

    /** Lagged o_rating in 2022-23, players.csv: D'Angelo Russell 1.521, Russell Westbrook -0.6357. */
    private static final double RATING_GAIN = 1.521 - -0.6357;

    @Test
    void printsTheSwapOnASyntheticFit(@TempDir Path dir) throws IOException {
        writeFit(dir, 3);
        Path data = Path.of(System.getProperty("matchup.shared"), "data", "nba");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LakersWestbrookSwap.run(new String[] {dir.toString(), data.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

        double[] difference = new double[3];
        for (int s = 0; s < 3; s++) {
            difference[s] = 100 * (0.018 + 0.01 * (1 + s) * RATING_GAIN);
        }
        String line = String.format(Locale.ROOT, "Russell for Westbrook: %+.2f points per 100 possessions (90 %%"
                + " interval %+.2f to %+.2f), an improvement in 100 %% of the posterior draws.",
                (difference[0] + difference[1] + difference[2]) / 3, difference[0] + 0.1 * (difference[1]
                        - difference[0]), difference[1] + 0.9 * (difference[2] - difference[1]));
        assertTrue(report.contains(line), report + "\nexpected: " + line);
        assertTrue(report.contains("Swap: D'Angelo Russell (1626156) for Russell Westbrook (201566) on offence"),
                report);
    }

    @Test
    void withoutAFitSaysHowToMakeOne() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LakersWestbrookSwap.run(new String[0], new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--model matchup-hierarchical"));
    }

    private static void writeFit(Path dir, int draws) throws IOException {
        List<String> columns = new ArrayList<>(List.of("lp__", "accept_stat__", "stepsize__", "treedepth__",
                "n_leapfrog__", "divergent__", "energy__"));
        for (int j = 1; j <= 36; j++) {
            columns.add("alpha." + j);
        }
        for (int a = 1; a <= 8; a++) {
            columns.add("beta_off." + a);
        }
        columns.add("sigma");
        SamplerConfig config = SamplerConfig.builder().chains(1).warmup(10).draws(draws).build();
        try (StanCsvWriter out = StanCsvWriter.create(dir.resolve("chain-1.csv"), config, 1, "synthetic", "none")) {
            out.columns(columns);
            for (int s = 0; s < draws; s++) {
                List<Double> values = new ArrayList<>(List.of(-10.0, 0.9, 0.4, 3.0, 7.0, 0.0, 12.0));
                for (int j = 1; j <= 36; j++) {
                    values.add(1 + 0.001 * j + 0.01 * s);
                }
                for (int a = 1; a <= 8; a++) {
                    values.add(0.01 * (1 + s));
                }
                values.add(0.6);
                out.draw(values.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
    }
}
