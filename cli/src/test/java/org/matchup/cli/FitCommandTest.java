package org.matchup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.matchup.cli.CommandRun.matchup;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.diagnostics.ParameterSummary;
import org.matchup.core.draws.Draws;
import org.matchup.core.io.StanCsvReader;

/** {@code matchup fit} end to end on real rows, and its answers to bad input. */
class FitCommandTest {

    @TempDir
    static Path tables;

    /** The first rows of the real training table, as plain CSV. */
    private static Path realRows;

    @BeforeAll
    static void writeTables() throws IOException {
        Path train = Path.of(System.getProperty("matchup.shared"), "data", "nba", "matchups_train.csv.gz");
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(train)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && lines.size() <= 4000; line = in.readLine()) {
                lines.add(line);
            }
        }
        realRows = Files.write(tables.resolve("real-rows.csv"), lines);
    }



    @Test
    void fitWritesChainsCoefficientsAndSummaryThatAgree(@TempDir Path dir) throws IOException {
        Path output = dir.resolve("run");
        CommandRun run = matchup("fit", "--data", realRows.toString(), "--output", output.toString(), "--chains", "2",
                "--tune", "150", "--draws", "100", "--seed", "11", "--progress-seconds", "0");
        assertTrue(run.exitCode() == 0 || run.exitCode() == 3, run.err());
        assertTrue(run.out().contains("verdict: "), run.out());

        // The coefficients are exactly the summary of the draws read back from the chain files.
        Draws draws = StanCsvReader.read(List.of(output.resolve("chain-1.csv"), output.resolve("chain-2.csv")));
        assertEquals(100, draws.drawCount(1));
        List<String> names = draws.parameterNames();
        assertEquals(613, names.size());
        List<CSVRecord> records;
        try (CSVParser csv = CSVParser.parse(output.resolve("coefficients.csv"), StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(List.of("name", "mean", "sd", "q5", "q50", "q95", "rhat", "ess_bulk", "ess_tail"),
                    csv.getHeaderNames());
            records = csv.getRecords();
        }
        assertEquals(names.size(), records.size());
        for (int i = 0; i < names.size(); i += 37) {
            ParameterSummary expected = ParameterSummary.of(names.get(i), draws.column(names.get(i)));
            CSVRecord record = records.get(i);
            assertEquals(expected.name(), record.get("name"));
            assertEquals(expected.mean(), Double.parseDouble(record.get("mean")));
            assertEquals(expected.q95(), Double.parseDouble(record.get("q95")));
            assertEquals(expected.rhat(), Double.parseDouble(record.get("rhat")));
            assertEquals(expected.essTail(), Double.parseDouble(record.get("ess_tail")));
        }
        String summary = Files.readString(output.resolve("training_summary.txt"));
        assertTrue(summary.contains("rows 4000"), summary);
        assertTrue(summary.contains("divergent transitions"), summary);
        assertEquals(run.exitCode() == 0, summary.contains("verdict: CONVERGED"), summary);
    }

    @Test
    void refusesAnOutputDirectoryHoldingAnotherRunUnlessOverwrite(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("chain-1.csv"), "earlier run\n");
        CommandRun refused = matchup("fit", "--data", realRows.toString(), "--output", dir.toString(), "--chains", "1",
                "--warmup", "20", "--draws", "20", "--progress-seconds", "0");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("holds another run (chain-1.csv)"), refused.err());
        assertEquals("earlier run\n", Files.readString(dir.resolve("chain-1.csv")));

        CommandRun replaced = matchup("fit", "--data", realRows.toString(), "--output", dir.toString(), "--chains", "1",
                "--warmup", "20", "--draws", "20", "--progress-seconds", "0", "--overwrite");
        assertTrue(replaced.exitCode() == 0 || replaced.exitCode() == 3, replaced.err());
        assertTrue(Files.readString(dir.resolve("chain-1.csv")).startsWith("# stan_version_major"));
    }

    @Test
    void constantOutcomeIsRefusedAndNothingIsWritten(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(realRows);
        List<String> zeroed = new ArrayList<>(List.of(lines.get(0)));
        int outcome = List.of(lines.get(0).split(",")).indexOf("outcome");
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            fields[outcome] = "0";
            zeroed.add(String.join(",", fields));
        }
        Path table = Files.write(dir.resolve("zeros.csv"), zeroed);
        Path output = dir.resolve("run");
        CommandRun run = matchup("fit", "--data", table.toString(), "--output", output.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("column outcome is constant"), run.err());
        assertFalse(Files.exists(output), "no output directory may be left behind");
    }

    @Test
    void badInputGetsOneLineAndExitCodeTwo(@TempDir Path dir) throws IOException {
        Path output = dir.resolve("run");
        List<String> lines = Files.readAllLines(realRows).subList(0, 10);
        int matchup = List.of(lines.get(0).split(",")).indexOf("matchup_id");
        String[] fields = lines.get(5).split(",", -1);
        fields[matchup] = "36";
        lines.set(5, String.join(",", fields));
        Path badRow = Files.write(dir.resolve("bad.csv"), lines);
        String[][] cases = {
            {"--data", dir.resolve("missing.csv").toString(), "no such file"},
            {"--data", dir.toString(), "is a directory"},
            {"--data", badRow.toString(), "bad.csv: row 5 (line 6), column matchup_id: '36'"},
            {"--data", realRows.toString(), "--adapt-delta", "1.5", "--adapt-delta must be strictly between 0 and 1"},
            {"--data", realRows.toString(), "--chains", "0", "--chains must be between 1 and 256"},
            {"--data", realRows.toString(), "--model", "nonsense", "unknown model 'nonsense'"},
            {"--data", realRows.toString(), "--draws", "many", "Invalid value for option '--draws'"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("fit", "--output", output.toString()));
            args.addAll(List.of(c).subList(0, c.length - 1));
            CommandRun run = matchup(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().contains(c[c.length - 1]), run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace without --debug: " + run.err());
            assertFalse(Files.exists(output), "no output directory may be left behind: " + String.join(" ", args));
        }
    }

    @Test
    void helpListsTheOptionsIncludingTune() {
        CommandRun run = matchup("fit", "--help");
        assertEquals(0, run.exitCode());
        for (String option : List.of("--data", "--model", "--chains", "--warmup", "--tune", "--draws", "--adapt-delta",
                "--max-treedepth", "--seed", "--output", "--overwrite")) {
            assertTrue(run.out().contains(option), option + " missing from:\n" + run.out());
        }
    }
}
