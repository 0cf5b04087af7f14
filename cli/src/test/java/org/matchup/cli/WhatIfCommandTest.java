package org.matchup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.matchup.cli.CommandRun.matchup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.io.StanCsvWriter;
import org.matchup.core.sampling.SamplerConfig;

/**
 * {@code matchup whatif} on a small fit of a pooled model written for the test, with the real players and
 * superclusters: the printed and written values, and one-line refusals with exit code 2.
 */
class WhatIfCommandTest {

    private static final Path NBA = Path.of(System.getProperty("matchup.shared"), "data", "nba");
    private static final String LAKERS = "Russell Westbrook,Patrick Beverley,Lonnie Walker IV,LeBron James,"
            + "Anthony Davis";
    /** The pooled model's two draws: intercepts, and offensive coefficients alpha / 10 * (a + 1) / 10. */
    private static final double[] ALPHA = {1.05, 1.10};

    /**
     * z_off of the Lakers' five in 2022-23 from players.csv (archetype, o_rating): Westbrook 2 -0.6357, Beverley
     * 3 -0.0451, Walker IV 1 -0.0455, James 2 -0.0205, Davis 7 -0.7579.
     */
    private static final double[] LAKERS_Z_OFF = {0, -0.0455, -0.6562, -0.0451, 0, 0, 0, -0.7579};

    @Test
    void printsAndWritesExpectedPointsPerHundred(@TempDir Path dir) throws IOException {
        Path fit = pooledFit(dir);
        Path csv = dir.resolve("draws.csv");
        CommandRun run = matchup(args(fit, "--season", "2022-23", "--offense", LAKERS, "--csv", csv.toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());

        // Draw s: 100 * (alpha_s + sum_a beta_off_s,a z_off_a); z_def = 0 against the average defence.
        double[] expected = new double[2];
        for (int s = 0; s < 2; s++) {
            double mu = ALPHA[s];
            for (int a = 0; a < 8; a++) {
                mu += coefficient(s, a) * LAKERS_Z_OFF[a];
            }
            expected[s] = 100 * mu;
        }
        String asGiven = run.out().lines().filter(l -> l.startsWith("  as given")).findFirst().orElseThrow();
        assertTrue(asGiven.contains(String.format(Locale.ROOT, " %8.2f ", (expected[0] + expected[1]) / 2)),
                asGiven + " vs " + expected[0] + ", " + expected[1]);
        assertTrue(run.out().startsWith("Fit: " + fit + " (model synthetic_pooled)"), run.out());
        assertTrue(run.out().contains("Defence: league average"), run.out());

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("chain,draw,points_per_100", lines.get(0));
        assertEquals(expected[0], Double.parseDouble(lines.get(1).split(",")[2]), 1e-9);
        assertEquals(expected[1], Double.parseDouble(lines.get(2).split(",")[2]), 1e-9);
    }

    @Test
    void swapsAPlayerOfANamedDefence(@TempDir Path dir) throws IOException {
        CommandRun run = matchup(args(pooledFit(dir), "--season", "2022-23", "--offense", LAKERS, "--defense",
                "1627750, 203484, Michael Porter Jr, aaron gordon, NIKOLA JOKIC", "--swap", "Nikola Jokic=203484",
                "--home"));
        assertEquals(2, run.exitCode(), run.out());
        assertEquals("matchup: swap: cannot swap in Kentavious Caldwell-Pope (203484): he is already on court",
                run.err().strip());

        run = matchup(args(pooledFit(dir), "--season", "2022-23", "--offense", LAKERS, "--defense",
                "1627750, 203484, Michael Porter Jr, aaron gordon, NIKOLA JOKIC", "--swap", "Nikola Jokic=DeAndre"
                        + " Jordan", "--home"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Season 2022-23, offence at home;"), run.out());
        assertTrue(run.out().contains("Swap: DeAndre Jordan (201599) for Nikola Jokić (203999) on defence"),
                run.out());
        assertTrue(run.out().contains("Posterior probability that the swap raises expected points: "), run.out());
    }

    @Test
    void refusesWithOneLineAndExitCodeTwo(@TempDir Path dir) throws IOException {
        Path fit = pooledFit(dir);
        assertRefused("matchup: offence: no player named 'Lebron Jams' in 2022-23; closest names: LeBron James"
                + " (2544), ", args(fit, "--season", "2022-23", "--offense", LAKERS.replace("LeBron James",
                        "Lebron Jams")));
        assertRefused("matchup: offence: a lineup has 5 players, 4 given: Russell Westbrook, Patrick Beverley,"
                + " Lonnie Walker IV, LeBron James", args(fit, "--season", "2022-23", "--offense",
                        LAKERS.replace(",Anthony Davis", "")));
        assertRefused("matchup: " + dir.resolve("absent") + ": no such file or directory",
                args(dir.resolve("absent"), "--season", "2022-23", "--offense", LAKERS));
        Path bernoulli = Path.of(System.getProperty("matchup.shared"), "reference", "stan-csv", "bern1.csv");
        assertRefused("matchup: the draws have no column sigma: not a matchup model",
                args(bernoulli, "--season", "2022-23", "--offense", LAKERS));
        assertRefused("matchup: season 2020-21 has no modelling rows",
                args(fit, "--season", "2020-21", "--offense", LAKERS));
        assertRefused("matchup: --swap must be OUT=IN", args(fit, "--season", "2022-23", "--offense", LAKERS,
                "--swap", "Russell Westbrook"));
        assertRefused("matchup: --offense must name five players; only --defense can be 'average'",
                args(fit, "--season", "2022-23", "--offense", "average"));

        // picocli's own refusal adds the line pointing at --help.
        CommandRun both = matchup(args(fit, "--season", "2022-23", "--offense", LAKERS, "--home", "--away"));
        assertEquals(2, both.exitCode());
        assertTrue(both.err().startsWith("matchup: Error: --home, --away are mutually exclusive"), both.err());
    }

    private static void assertRefused(String messageStart, String... args) {
        CommandRun run = matchup(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith(messageStart), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals("", run.out());
    }

    private static String[] args(Path fit, String... more) {
        List<String> all = new ArrayList<>(List.of("whatif", "--fit", fit.toString(),
                "--players", NBA.resolve("players.csv").toString(),
                "--superclusters", NBA.resolve("superclusters.csv").toString()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static double coefficient(int draw, int archetype) {
        return ALPHA[draw] / 10 * (archetype + 1) / 10;
    }

    /** One chain of two draws of a pooled model (alpha, beta_off.1..8, beta_def.1..8, sigma), CmdStan layout. */
    private static Path pooledFit(Path dir) throws IOException {
        Path fit = Files.createDirectories(dir.resolve("fit"));
        List<String> columns = new ArrayList<>(List.of("lp__", "accept_stat__", "stepsize__", "treedepth__",
                "n_leapfrog__", "divergent__", "energy__", "alpha"));
        for (String block : List.of("beta_off.", "beta_def.")) {
            for (int a = 1; a <= 8; a++) {
                columns.add(block + a);
            }
        }
        columns.add("sigma");
        SamplerConfig config = SamplerConfig.builder().chains(1).warmup(10).draws(2).build();
        try (StanCsvWriter out = StanCsvWriter.create(fit.resolve("chain-1.csv"), config, 1, "synthetic_pooled",
                "none")) {
            out.columns(columns);
            for (int s = 0; s < 2; s++) {
                List<Double> values = new ArrayList<>(List.of(-10.0, 0.9, 0.4, 3.0, 7.0, 0.0, 12.0, ALPHA[s]));
                for (int a = 0; a < 8; a++) {
                    values.add(coefficient(s, a));
                }
                for (int a = 0; a < 8; a++) {
                    values.add(0.01 * (a + 1));
                }
                values.add(0.6);
                out.draw(values.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return fit;
    }
}
