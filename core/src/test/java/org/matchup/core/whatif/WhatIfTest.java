package org.matchup.core.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.diagnostics.ParameterSummary;
import org.matchup.core.draws.Draws;
import org.matchup.core.io.StanCsvFiles;
import org.matchup.core.io.StanCsvReader;

/**
 * Expected points per 100 possessions and the swap difference from a synthetic fit directory whose draws are
 * known, against the same quantities computed directly in the test from the draws, the raw players.csv rows and
 * the supercluster shares. The lineups' superclusters are the Python reference values of SuperclusterTableTest's
 * method: Lakers with Westbrook 0, with Russell instead 3, Nuggets 4.
 */
class WhatIfTest {

    private static final List<String> LAKERS = List.of("Russell Westbrook", "Patrick Beverley", "Lonnie Walker IV",
            "LeBron James", "Anthony Davis");
    private static final List<String> NUGGETS = List.of("Jamal Murray", "Kentavious Caldwell-Pope",
            "Michael Porter Jr.", "Aaron Gordon", "Nikola Jokic");
    private static final double[] SHARE = {0.2227, 0.18, 0.1766, 0.1722, 0.1298, 0.1186};

    private static PlayerTable players;
    private static SuperclusterTable superclusters;
    private static Map<String, String[]> raw;

    @BeforeAll
    static void readTables() throws IOException {
        players = PlayerTable.read(SharedData.playersCsv());
        superclusters = SuperclusterTable.read(SharedData.superclustersCsv());
        raw = SharedData.rawPlayerRows();
    }

    @Test
    void swapAgainstTheAverageDefenceOnANeutralCourt(@TempDir Path dir) throws IOException {
        SyntheticFit fit = SyntheticFit.write(dir, 2, 60, 11, false);
        WhatIfResult result = answer(WhatIfQuery.builder().season("2022-23").offence(LAKERS).averageDefence()
                .swap("Russell Westbrook", "D'Angelo Russell").build(), expectedPoints(dir));

        // Direct: sum_d share_d * mu_s(off * 6 + d) with z_def = 0, times 100.
        double[] zOff = zOff("201566", "201976", "1629022", "2544", "203076");
        double[] zOffSwapped = zOff("1626156", "201976", "1629022", "2544", "203076");
        double total = Arrays.stream(SHARE).sum();
        int draws = 120;
        double[] expected = new double[draws];
        double[] expectedSwapped = new double[draws];
        for (int s = 0; s < draws; s++) {
            for (int d = 0; d < 6; d++) {
                expected[s] += 100 * SHARE[d] / total * fit.mean(s, 0 * 6 + d, zOff, new double[8], 0);
                expectedSwapped[s] += 100 * SHARE[d] / total * fit.mean(s, 3 * 6 + d, zOffSwapped, new double[8], 0);
            }
        }
        double[] original = result.originalPerDraw();
        double[] swapped = result.swappedPerDraw().orElseThrow();
        double[] difference = result.differencePerDraw().orElseThrow();
        long positive = 0;
        for (int s = 0; s < draws; s++) {
            assertEquals(expected[s], original[s], 1e-9);
            assertEquals(expectedSwapped[s], swapped[s], 1e-9);
            assertEquals(expectedSwapped[s] - expected[s], difference[s], 1e-9);
            positive += expectedSwapped[s] > expected[s] ? 1 : 0;
        }

        // Summaries: the mean, sd and type-7 quantiles of those values, and the share of positive differences.
        assertSummary(expected, result.originalSummary());
        assertSummary(expectedSwapped, result.swappedSummary().orElseThrow());
        double[] expectedDifference = new double[draws];
        Arrays.setAll(expectedDifference, s -> expectedSwapped[s] - expected[s]);
        assertSummary(expectedDifference, result.differenceSummary().orElseThrow());
        assertEquals((double) positive / draws, result.probabilityDifferencePositive().orElseThrow(), 1e-15);
        assertEquals(3, result.swapped().orElseThrow().offenceSupercluster(superclusters).supercluster().id());

        // The report names the lineups, their superclusters and the numbers.
        String report = String.join("\n", result.lines());
        assertTrue(report.startsWith("Season 2022-23, neutral court; 120 draws (2 chains of 60)"), report);
        assertTrue(report.contains("Offence: composition [0, 1, 2, 1, 0, 0, 0, 1] -> supercluster 0 '1.6 creator;"
                + " bigs 0.8' (distance 1.400)"), report);
        assertTrue(report.contains("Offence after the swap: composition [0, 2, 1, 1, 0, 0, 0, 1] -> supercluster 3"
                + " '2.1 combo G; bigs 0.7' (distance 1.301)"), report);
        assertTrue(report.contains("Swap: D'Angelo Russell (1626156) for Russell Westbrook (201566) on offence"));
        assertTrue(report.contains(String.format(Locale.ROOT, "  %-36s %8.2f", "as given", mean(expected))), report);
    }

    @Test
    void homeCourtTermAndANamedDefence(@TempDir Path dir) throws IOException {
        SyntheticFit fit = SyntheticFit.write(dir, 3, 40, 12, true);
        ExpectedPoints points = expectedPoints(dir);
        WhatIfQuery.Builder query = WhatIfQuery.builder().season("2022-23").offence(LAKERS).defence(NUGGETS)
                .swap("Nikola Jokic", "Christian Braun");
        double[] zOff = zOff("201566", "201976", "1629022", "2544", "203076");
        double[] zDef = zDef("1627750", "203484", "1629008", "203932", "203999");

        // Christian Braun (2022-23 archetype in players.csv) replaces Jokić on defence.
        String[] braun = raw.values().stream().filter(r -> r[0].equals("2022-23") && r[2].equals("Christian Braun"))
                .findFirst().orElseThrow();
        double[] zDefSwapped = zDef("1627750", "203484", "1629008", "203932", braun[1]);
        int defSwapped = superclusters.nearest(composition("1627750", "203484", "1629008", "203932", braun[1]))
                .supercluster().id();
        for (Venue venue : Venue.values()) {
            WhatIfResult result = answer(query.venue(venue).build(), points);
            double[] original = result.originalPerDraw();
            double[] difference = result.differencePerDraw().orElseThrow();
            for (int s = 0; s < 120; s++) {
                double mu = fit.mean(s, 0 * 6 + 4, zOff, zDef, venue.home());
                double muSwapped = fit.mean(s, defSwapped, zOff, zDefSwapped, venue.home());
                assertEquals(100 * mu, original[s], 1e-9);
                assertEquals(100 * (muSwapped - mu), difference[s], 1e-9);
            }
        }

        // At home the offence gains 100 * home.1 / 2 over a neutral court, away it loses as much.
        double[] home = answer(query.venue(Venue.HOME).build(), points).originalPerDraw();
        double[] neutral = answer(query.venue(Venue.NEUTRAL).build(), points).originalPerDraw();
        for (int s = 0; s < 120; s++) {
            assertEquals(50 * fit.home[s], home[s] - neutral[s], 1e-9);
        }
    }

    @Test
    void aModelWithoutAHomeTermIgnoresTheVenue(@TempDir Path dir) throws IOException {
        SyntheticFit.write(dir, 1, 30, 13, false);
        ExpectedPoints points = expectedPoints(dir);
        WhatIfQuery.Builder query = WhatIfQuery.builder().season("2023-24").offence(NUGGETS);
        double[] neutral = answer(query.build(), points).originalPerDraw();
        double[] home = answer(query.venue(Venue.HOME).build(), points).originalPerDraw();
        assertEquals(Arrays.toString(neutral), Arrays.toString(home));
    }

    @Test
    void writesThePerDrawValues(@TempDir Path dir) throws IOException {
        SyntheticFit.write(dir, 2, 5, 14, false);
        WhatIfResult result = answer(WhatIfQuery.builder().season("2022-23").offence(LAKERS)
                .swap("201566", "1626156").build(), expectedPoints(dir));
        Path csv = dir.resolve("draws.out");
        result.writeDraws(csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("chain,draw,points_per_100,swapped_points_per_100,difference", lines.get(0));
        assertEquals(11, lines.size());
        String[] seventh = lines.get(7).split(",");
        assertEquals("2", seventh[0]);
        assertEquals("2", seventh[1]);
        assertEquals(result.originalPerDraw()[6], Double.parseDouble(seventh[2]));
        assertEquals(result.differencePerDraw().orElseThrow()[6], Double.parseDouble(seventh[4]));
        assertTrue(Files.notExists(dir.resolve("draws.out.part")));
    }

    @Test
    void refusesQuestionsTheTablesCannotAnswer() {
        WhatIfQuery.Builder lakers = WhatIfQuery.builder().season("2022-23").offence(LAKERS);
        assertEquals("season 2020-21 has no modelling rows: its players have no lagged ratings in players.csv (it is"
                + " only the source of the next season's ratings); choose 2021-22, 2022-23, 2023-24",
                refusal(lakers.season("2020-21").build()));
        lakers.season("2022-23");
        assertEquals("offence: a lineup has 5 players, 4 given: a, b, c, d",
                refusal(lakers.offence(List.of("a", "b", "c", "d")).build()));
        assertEquals("offence: Russell Westbrook (201566) is in the lineup twice: Russell Westbrook, Patrick"
                + " Beverley, Lonnie Walker IV, LeBron James, Russell Westbrook",
                refusal(lakers.offence(List.of("Russell Westbrook", "Patrick Beverley", "Lonnie Walker",
                        "LeBron James", "201566")).build()));
        lakers.offence(LAKERS);
        assertTrue(refusal(lakers.defence(List.of("Jamal Murray", "Kentavious Caldwell-Pope",
                "Michael Porter Jr.", "Aaron Gordon", "Nikola Jokicc")).build())
                .startsWith("defence: no player named 'Nikola Jokicc' in 2022-23; closest names: Nikola Jokić"));
        assertEquals("LeBron James (2544) is in both the offence and the defence", refusal(lakers.defence(
                List.of("Jamal Murray", "Kentavious Caldwell-Pope", "Michael Porter Jr.", "Aaron Gordon",
                        "LeBron James")).build()));
        lakers.averageDefence();
        assertEquals("swap: cannot swap out Nikola Jokić (203999): he is not on court (offence: Russell Westbrook,"
                + " Patrick Beverley, Lonnie Walker IV, LeBron James, Anthony Davis; defence: league average)",
                refusal(lakers.swap("Nikola Jokic", "Jamal Murray").build()));
        assertEquals("swap: cannot swap in LeBron James (2544): he is already on court",
                refusal(lakers.swap("Russell Westbrook", "LeBron James").build()));
        assertTrue(refusal(lakers.swap("Russell Westbrook", "Nobody Atall").build())
                .startsWith("swap in: no player named 'Nobody Atall' in 2022-23; closest names: "));
    }

    private static ExpectedPoints expectedPoints(Path fitDirectory) {
        Draws draws = StanCsvReader.read(StanCsvFiles.resolve(List.of(fitDirectory)));
        return new ExpectedPoints(draws, superclusters);
    }

    private static WhatIfResult answer(WhatIfQuery query, ExpectedPoints fit) {
        return WhatIf.resolve(query, players).evaluate(fit);
    }

    private static String refusal(WhatIfQuery query) {
        return assertThrows(IllegalArgumentException.class, () -> WhatIf.resolve(query, players)).getMessage();
    }

    private static double[] zOff(String... ids) {
        return sums(6, ids);
    }

    private static double[] zDef(String... ids) {
        return sums(7, ids);
    }

    /** Per archetype (column 4) the sum of a rating column of players.csv over the players. */
    private static double[] sums(int column, String... ids) {
        double[] z = new double[8];
        for (String id : ids) {
            String[] row = raw.get("2022-23/" + id);
            z[Integer.parseInt(row[4])] += Double.parseDouble(row[column]);
        }
        return z;
    }

    private static int[] composition(String... ids) {
        int[] counts = new int[8];
        for (String id : ids) {
            counts[Integer.parseInt(raw.get("2022-23/" + id)[4])]++;
        }
        return counts;
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).sum() / x.length;
    }

    /** Mean, sd (n - 1) and type-7 quantiles (R's default) computed directly. */
    private static void assertSummary(double[] x, ParameterSummary summary) {
        double mean = mean(x);
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        assertEquals(mean, summary.mean(), 1e-9);
        assertEquals(Math.sqrt(squares / (x.length - 1)), summary.sd(), 1e-9);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double[] probabilities = {0.05, 0.5, 0.95};
        double[] actual = {summary.q5(), summary.q50(), summary.q95()};
        for (int i = 0; i < 3; i++) {
            double h = (x.length - 1) * probabilities[i];
            int lo = (int) Math.floor(h);
            double q = sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, x.length - 1)] - sorted[lo]);
            assertEquals(q, actual[i], 1e-9);
        }
    }
}
