package org.matchup.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.matchup.cli.CommandRun.matchup;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.cli.plots.IntervalChart;
import org.matchup.cli.plots.RankChart;
import org.matchup.cli.plots.TraceChart;
import org.matchup.core.draws.Draws;
import org.matchup.core.io.StanCsvReader;

/** {@code matchup plot} on CmdStan's reference chains, its rank counts, and its answers to bad input. */
class PlotCommandTest {

    private static final Path REFERENCE = Path.of(System.getProperty("matchup.shared"), "reference", "stan-csv");



    private static String[] bernoulli() {
        return new String[] {REFERENCE.resolve("bern1.csv").toString(), REFERENCE.resolve("bern2.csv").toString(),
            REFERENCE.resolve("bern3.csv").toString(), REFERENCE.resolve("bern4.csv").toString()};
    }

    private static String[] eightSchools() {
        return new String[] {REFERENCE.resolve("eight_schools_1.csv").toString(),
            REFERENCE.resolve("eight_schools_2.csv").toString()};
    }

    private static String[] args(String[] files, String... options) {
        List<String> all = new ArrayList<>(List.of("plot"));
        all.addAll(List.of(files));
        all.addAll(List.of(options));
        return all.toArray(new String[0]);
    }

    /** Reads a PNG back and checks its size and that it shows something: more than one colour. */
    private static void assertPng(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " missing");
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(width, image.getWidth(), file.toString());
        assertEquals(height, image.getHeight(), file.toString());
        int first = image.getRGB(0, 0);
        boolean varies = false;
        for (int y = 0; y < image.getHeight() && !varies; y++) {
            for (int x = 0; x < image.getWidth() && !varies; x++) {
                varies = image.getRGB(x, y) != first;
            }
        }
        assertTrue(varies, file + " is a single colour");
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTraceRankAndIntervalPlotsOfTheBernoulliChains(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("plots");
        CommandRun run = matchup(args(bernoulli(), "--out", out.toString()));
        assertEquals(0, run.exitCode(), run.err());

        // Default selection: every model parameter, here only theta; no .part file is left behind.
        assertEquals(List.of("intervals.png", "rank-theta.png", "trace-theta.png"), fileNames(out));
        assertPng(out.resolve("trace-theta.png"), TraceChart.WIDTH, TraceChart.HEIGHT);
        assertPng(out.resolve("rank-theta.png"), RankChart.WIDTH, RankChart.height(4));
        assertPng(out.resolve("intervals.png"), IntervalChart.WIDTH, IntervalChart.height(1));
        assertTrue(run.out().contains("wrote " + out.resolve("rank-theta.png")), run.out());
        assertTrue(run.out().contains("3 PNG files"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void aNameSelectsItsColumnAndEveryColumnBelowIt(@TempDir Path dir) throws IOException {
        CommandRun run = matchup(args(eightSchools(), "--params", "theta", "--out", dir.toString()));
        assertEquals(0, run.exitCode(), run.err());

        List<String> expected = new ArrayList<>();
        for (int j = 1; j <= 8; j++) {
            expected.add("rank-theta." + j + ".png");
            expected.add("trace-theta." + j + ".png");
        }
        expected.add("intervals.png");
        expected.sort(null);
        assertEquals(expected, fileNames(dir));
        assertPng(dir.resolve("trace-theta.5.png"), TraceChart.WIDTH, TraceChart.HEIGHT);
        assertPng(dir.resolve("rank-theta.5.png"), RankChart.WIDTH, RankChart.height(2));
        assertPng(dir.resolve("intervals.png"), IntervalChart.WIDTH, IntervalChart.height(8));
    }

    @Test
    void selectionMatchesWholeNamesOrDottedPrefixesInTheOrderGiven() {
        List<String> columns = List.of("lp__", "alpha.1", "alpha.10", "alpha.1.2", "alphabet", "mu");
        assertEquals(List.of("alpha.1", "alpha.10", "alpha.1.2"), PlotCommand.select(columns, List.of("alpha")));
        assertEquals(List.of("alpha.1", "alpha.1.2"), PlotCommand.select(columns, List.of("alpha.1")));
        assertEquals(List.of("mu", "lp__", "alpha.1", "alpha.1.2"),
                PlotCommand.select(columns, List.of("mu", "lp__", "alpha.1", "mu")));
        assertThrows(ExitCodes.BadInputException.class, () -> PlotCommand.select(columns, List.of("alph")));
    }

    @Test
    void intervalPlotGrowsWithTheNumberOfParameters(@TempDir Path dir) throws IOException {
        // 1, 2 (comma-separated), 8 and all 10 parameters of eight schools.
        String[][] selections = {{"--params", "mu"}, {"--params", "mu,tau"}, {"--params", "theta"}, {}};
        int[] rows = {1, 2, 8, 10};
        int previous = 0;
        for (int k = 0; k < selections.length; k++) {
            Path out = dir.resolve("selection-" + k);
            List<String> options = new ArrayList<>(List.of(selections[k]));
            options.addAll(List.of("--out", out.toString()));
            CommandRun run = matchup(args(eightSchools(), options.toArray(new String[0])));
            assertEquals(0, run.exitCode(), run.err());
            int height = ImageIO.read(out.resolve("intervals.png").toFile()).getHeight();
            assertEquals(IntervalChart.height(rows[k]), height);
            assertTrue(height > previous, "height " + height + " for " + rows[k] + " rows");
            previous = height;
        }

        // The 613 parameters of the matchup model keep their full row height.
        assertTrue(IntervalChart.height(613) >= 613 * IntervalChart.ROW_HEIGHT);
        assertTrue(IntervalChart.height(613) < IntervalChart.MAX_HEIGHT);
        assertEquals(IntervalChart.MAX_HEIGHT, IntervalChart.height(100_000));
    }

    @Test
    void withoutParamsTraceAndRankPlotsStopAtTwelve(@TempDir Path dir) throws IOException {
        // A chain file of 15 parameters a.1 .. a.15 with 30 draws.
        StringBuilder csv = new StringBuilder("lp__");
        for (int j = 1; j <= 15; j++) {
            csv.append(",a.").append(j);
        }
        csv.append('\n');
        for (int i = 0; i < 30; i++) {
            csv.append(-i);
            for (int j = 1; j <= 15; j++) {
                csv.append(String.format(Locale.ROOT, ",%.3f", Math.sin(i * j)));
            }
            csv.append('\n');
        }
        Path chains = Files.createDirectory(dir.resolve("run"));
        Files.writeString(chains.resolve("chain-1.csv"), csv);
        Path out = dir.resolve("plots");

        CommandRun run = matchup("plot", chains.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("first 12 of 15 parameters"), run.err());
        assertTrue(Files.exists(out.resolve("trace-a.12.png")));
        assertFalse(Files.exists(out.resolve("trace-a.13.png")));
        assertEquals(2 * 12 + 1, fileNames(out).size());
        assertPng(out.resolve("rank-a.1.png"), RankChart.WIDTH, RankChart.height(1));
        assertPng(out.resolve("intervals.png"), IntervalChart.WIDTH, IntervalChart.height(15));
    }

    @Test
    void anUnknownParameterIsBadInputNamedOnOneLine(@TempDir Path dir) {
        Path out = dir.resolve("plots");
        CommandRun run = matchup(args(eightSchools(), "--params", "mu", "nope", "--out", out.toString()));
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("'nope' matches no column"), run.err());
        assertTrue(run.err().contains("mu, theta.* (8), tau"), run.err());
        assertFalse(Files.exists(out), "nothing is written on bad input");
    }

    @Test
    void missingFilesAndDirectoriesWithoutChainsAreBadInput(@TempDir Path dir) throws IOException {
        CommandRun missing = matchup("plot", dir.resolve("no-such.csv").toString(), "--out",
                dir.resolve("a").toString());
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("no such file or directory"), missing.err());

        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("coefficients.csv"), "name,mean\nmu,1\n");
        CommandRun noChains = matchup("plot", empty.toString(), "--out", dir.resolve("b").toString());
        assertEquals(2, noChains.exitCode());
        assertEquals(1, noChains.err().lines().count(), noChains.err());
        assertTrue(noChains.err().contains("holds no Stan CSV file"), noChains.err());

        // Files given after --params are taken as names; the message says so.
        CommandRun swallowed = matchup("plot", "--params", "mu", eightSchools()[0], "--out",
                dir.resolve("c").toString());
        assertEquals(2, swallowed.exitCode());
        assertEquals(1, swallowed.err().lines().count(), swallowed.err());
        assertTrue(swallowed.err().contains("give FILES|DIR before --params"), swallowed.err());
    }

    @Test
    void averageRanksShareTiedRanksAsRDoes() {
        // Worked by hand: sorted 0, -0, 1, 2, 3, 3, 5 take ranks 1 .. 7, and each tie shares its mean rank.
        assertArrayEquals(new double[] {3, 5.5, 5.5, 4, 7, 1.5, 1.5},
                RankHistograms.averageRanks(new double[] {1, 3, 3, 2, 5, 0, -0.0}));
    }

    @Test
    void rankHistogramsCountEachChainsPooledRanksInEqualBins() {
        // Pooled 1, 3, 3, 2 | 5, 0: ranks 2, 4.5, 4.5, 3 | 6, 1; with S = 6 and 3 bins, bin = floor((r - 1) / 2).
        int[][] counts = RankHistograms.counts(new double[][] {{1, 3, 3, 2}, {5, 0}}, 3);
        assertArrayEquals(new int[] {1, 3, 0}, counts[0]);
        assertArrayEquals(new int[] {1, 0, 1}, counts[1]);

        // All draws tied: every rank is the middle one, (S + 1) / 2 = 2.5, in bin floor(1.5 * 2 / 4) = 0.
        int[][] tied = RankHistograms.counts(new double[][] {{7, 7}, {7, 7}}, 2);
        assertArrayEquals(new int[] {2, 0}, tied[0]);
        assertArrayEquals(new int[] {2, 0}, tied[1]);
    }

    @Test
    void rankCountsOfTheReferenceChainsAddUpToEachChainsDraws() {
        Draws draws = StanCsvReader.read(List.of(REFERENCE.resolve("bern1.csv"), REFERENCE.resolve("bern2.csv"),
                REFERENCE.resolve("bern3.csv"), REFERENCE.resolve("bern4.csv")));
        int[][] counts = RankHistograms.counts(draws.column("theta"), RankHistograms.DEFAULT_BINS);
        assertEquals(4, counts.length);
        for (int c = 0; c < counts.length; c++) {
            assertEquals(RankHistograms.DEFAULT_BINS, counts[c].length);
            int sum = 0;
            for (int count : counts[c]) {
                sum += count;
            }
            assertEquals(draws.drawCount(c), sum, "chain " + (c + 1));
        }
    }
}
