package org.matchup.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.draws.Draws;

/** Reading CmdStan's Stan CSV: the reference files of Stan's tests, saved warmup, and malformed files. */
class StanCsvReaderTest {

    private static final String HEADER = "lp__,accept_stat__,theta";

    @TempDir
    Path dir;

    private static Path reference(String name) {
        String shared = System.getProperty("matchup.shared");
        if (shared == null) {
            throw new IllegalStateException("system property matchup.shared is not set");
        }
        return Path.of(shared, "reference", "stan-csv", name);
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    /** Asserts that reading fails with a message naming the file and line and containing {@code what}. */
    private static StanCsvFormatException assertMalformed(Path file, int line, String what) {
        StanCsvFormatException e = assertThrows(StanCsvFormatException.class, () -> StanCsvReader.read(List.of(file)));
        assertTrue(e.getMessage().startsWith(file + ":" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertEquals(file.toString(), e.file());
        assertEquals(line, e.lineNumber());
        return e;
    }

    @Test
    void readsTheBernoulliChains() {
        List<Path> files = new ArrayList<>();
        for (int chain = 1; chain <= 4; chain++) {
            files.add(reference("bern" + chain + ".csv"));
        }
        Draws draws = StanCsvReader.read(files);
        assertEquals(List.of("lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__",
                "energy__", "theta"), draws.columnNames());
        assertEquals(4, draws.chainCount());
        for (int c = 0; c < 4; c++) {
            assertEquals(1000, draws.drawCount(c));
        }
        // First and last draw of chain 1 as written in bern1.csv.
        double[][] theta = draws.column("theta");
        assertEquals(0.208532, theta[0][0], 0.0);
        assertEquals(0.239427, theta[0][999], 0.0);
        assertEquals(-6.80778, draws.column("lp__")[0][0], 0.0);
    }

    @Test
    void readsTheAdaptationBlock() {
        StanCsvReader.Chain bern = StanCsvReader.readChain(reference("bern1.csv"));
        StanCsvReader.Adaptation adaptation = bern.adaptation().orElseThrow();
        assertEquals(0.883328, adaptation.stepSize(), 0.0);
        assertTrue(adaptation.isDiagonal());
        assertArrayEquals(new double[][] {{0.512256}}, adaptation.inverseMetric());
        assertEquals(0, bern.warmupDrawsDropped());

        StanCsvReader.Chain schools = StanCsvReader.readChain(reference("eight_schools_1.csv"));
        StanCsvReader.Adaptation metric = schools.adaptation().orElseThrow();
        assertEquals(0.182121, metric.stepSize(), 0.0);
        assertArrayEquals(new double[] {27.4582, 75.4878, 47.3922, 57.6197, 46.4329, 43.3031, 53.4421, 50.9888,
            64.8955, 0.56423}, metric.inverseMetric()[0], 0.0);
        assertEquals(500, schools.drawCount());
    }

    @Test
    void dropsSavedWarmupWhenTheConfigurationSaysSo() throws IOException {
        // num_warmup = 5 with thin = 2 saves warmup iterations 0, 2 and 4: three rows.
        Path file = write("warmup.csv",
                "# method = sample (Default)",
                "#   sample",
                "#     num_samples = 4",
                "#     num_warmup = 5",
                "#     save_warmup = 1",
                "#     thin = 2",
                HEADER,
                "-1,0.9,0.1",
                "-2,0.8,0.2",
                "-3,0.7,0.3",
                "# Adaptation terminated",
                "# Step size = 0.9",
                "# Diagonal elements of inverse mass matrix:",
                "# 0.5",
                "-4,0.6,0.4",
                "-5,0.5,0.5",
                "# ",
                "#  Elapsed Time: 0.001 seconds (Warm-up)");
        StanCsvReader.Chain chain = StanCsvReader.readChain(file);
        assertEquals(3, chain.warmupDrawsDropped());
        assertArrayEquals(new double[][] {{-4, -5}, {0.6, 0.5}, {0.4, 0.5}}, chain.values());
        assertEquals(0.9, chain.adaptation().orElseThrow().stepSize(), 0.0);

        Path asBoolean = write("warmup-true.csv",
                "#     num_warmup = 2",
                "#     save_warmup = true",
                HEADER,
                "-1,0.9,0.1",
                "-2,0.8,0.2",
                "-3,0.7,0.3");
        Draws draws = StanCsvReader.read(List.of(asBoolean));
        assertArrayEquals(new double[] {0.3}, draws.column("theta")[0], 0.0);
    }

    @Test
    void keepsEveryDrawWhenWarmupWasNotSaved() throws IOException {
        Path file = write("nowarmup.csv",
                "#     num_warmup = 1000 (Default)",
                "#     save_warmup = false (Default)",
                HEADER,
                "-1,0.9,nan",
                "-2,0.8,inf",
                "-3,0.7,-inf",
                "-4,1e-3,-2.5E+2");
        StanCsvReader.Chain chain = StanCsvReader.readChain(file);
        assertEquals(0, chain.warmupDrawsDropped());
        assertFalse(chain.adaptation().isPresent());
        double[] theta = chain.values()[2];
        assertTrue(Double.isNaN(theta[0]));
        assertEquals(Double.POSITIVE_INFINITY, theta[1]);
        assertEquals(Double.NEGATIVE_INFINITY, theta[2]);
        assertEquals(-250.0, theta[3]);
        assertEquals(1e-3, chain.values()[1][3]);
    }

    @Test
    void rowWithTooFewValuesNamesFileAndLine() throws IOException {
        Path file = write("short-row.csv", "# comment", HEADER, "-1,0.9,0.1", "-2,0.8");
        assertMalformed(file, 4, "expected 3 comma-separated values as in the header, found 2");
    }

    @Test
    void nonNumericValueNamesFileLineColumnAndValue() throws IOException {
        Path file = write("text.csv", HEADER, "-1,0.9,0.1", "-2,abc,0.2");
        assertMalformed(file, 3, "column accept_stat__: 'abc' is not a number");
        Path suffix = write("suffix.csv", HEADER, "-1,0.9,0.1f");
        assertMalformed(suffix, 2, "'0.1f' is not a number");
        Path empty = write("empty-field.csv", HEADER, "-1,,0.1");
        assertMalformed(empty, 2, "'' is not a number");
    }

    @Test
    void fileWithoutHeaderIsRejected() throws IOException {
        Path file = write("comments.csv", "# only", "# comments");
        assertMalformed(file, 2, "no header line");
    }

    @Test
    void headerWithRepeatedOrEmptyNameIsRejected() throws IOException {
        assertMalformed(write("repeat.csv", "# c", "a,b,a", "1,2,3"), 2, "repeats the column name 'a'");
        assertMalformed(write("blank.csv", "a,,c", "1,2,3"), 1, "header field 2 is an empty column name");
    }

    @Test
    void warmupConfigurationMustAgreeWithTheFile() throws IOException {
        Path tooFew = write("too-few.csv", "#     num_warmup = 10", "#     save_warmup = 1", HEADER, "-1,0.9,0.1");
        assertMalformed(tooFew, 4, "implies 10 saved warmup draws, but the file holds only 1");

        Path misplaced = write("misplaced.csv", "#     num_warmup = 1", "#     save_warmup = 1", HEADER,
                "-1,0.9,0.1", "-2,0.9,0.1", "# Adaptation terminated", "-3,0.9,0.1");
        assertMalformed(misplaced, 6, "2 draws precede the adaptation block");

        Path badFlag = write("flag.csv", "#     save_warmup = maybe", HEADER, "-1,0.9,0.1");
        assertMalformed(badFlag, 1, "save_warmup must be 0, 1, true or false, was 'maybe'");

        Path badThin = write("thin.csv", "#     num_warmup = 4", "#     save_warmup = 1", "#     thin = 0", HEADER,
                "-1,0.9,0.1");
        assertMalformed(badThin, 3, "thin must be at least 1, was 0");
    }

    @Test
    void chainsWithDifferentColumnsAreRejected() throws IOException {
        Path first = write("a.csv", HEADER, "-1,0.9,0.1");
        Path second = write("b.csv", "# c", "lp__,accept_stat__,mu", "-1,0.9,0.1");
        StanCsvFormatException e = assertThrows(StanCsvFormatException.class,
                () -> StanCsvReader.read(List.of(first, second)));
        assertTrue(e.getMessage().startsWith(second + ":2: columns differ from those of " + first), e.getMessage());
        assertTrue(e.getMessage().contains("column 3 is 'mu', expected 'theta'"), e.getMessage());
    }

    @Test
    void missingFileAndEmptyListAreRejected() {
        Path missing = dir.resolve("missing.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> StanCsvReader.read(List.of(missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StanCsvReader.read(List.of()));
    }

    @Test
    void aMalformedFileAmongSeveralIsNamedAsWhenReadAlone() throws IOException {
        Path good = write("good.csv", HEADER, "-1,0.9,0.1");
        Path bad = write("bad.csv", HEADER, "-1,0.9");
        Path missing = dir.resolve("missing.csv");
        StanCsvFormatException alone = assertThrows(StanCsvFormatException.class,
                () -> StanCsvReader.read(List.of(bad)));
        StanCsvFormatException among = assertThrows(StanCsvFormatException.class,
                () -> StanCsvReader.read(List.of(good, bad, good)));
        assertEquals(alone.getMessage(), among.getMessage());
        UncheckedIOException unreadable = assertThrows(UncheckedIOException.class,
                () -> StanCsvReader.read(List.of(good, missing)));
        assertTrue(unreadable.getMessage().contains(missing.toString()), unreadable.getMessage());
        assertEquals(3, StanCsvReader.readChains(List.of(good, good, good)).size());
    }
}
