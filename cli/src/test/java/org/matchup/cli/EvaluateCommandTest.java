package org.matchup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.matchup.cli.CommandRun.matchup;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code matchup evaluate} on the first rows of the real tables with short runs, and its refusals. */
class EvaluateCommandTest {

    private static Path firstRows(String table, int rows, Path target) throws IOException {
        Path source = Path.of(System.getProperty("matchup.shared"), "data", "nba", table);
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(source)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && lines.size() <= rows; line = in.readLine()) {
                lines.add(line);
            }
        }
        return Files.write(target, lines);
    }

    @Test
    void comparesModelsAndNamesTheChosenOne(@TempDir Path dir) throws IOException {
        Path train = firstRows("matchups_train.csv.gz", 3000, dir.resolve("train.csv"));
        Path holdout = firstRows("matchups_holdout.csv.gz", 1500, dir.resolve("holdout.csv"));
        Path output = dir.resolve("eval");
        CommandRun run = matchup("evaluate", "--train", train.toString(), "--holdout", holdout.toString(),
                "--models", "baseline,simplified", "--output", output.toString(), "--chains", "2", "--warmup", "300",
                "--draws", "300", "--progress-seconds", "0");
        assertTrue(run.exitCode() == 0 || run.exitCode() == 3, run.err());
        List<CSVRecord> rows;
        try (CSVParser csv = CSVParser.parse(output.resolve("comparison.csv"), StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            rows = csv.getRecords();
        }
        assertEquals(List.of("baseline", "simplified"), rows.stream().map(r -> r.get("model")).toList());
        for (CSVRecord row : rows) {
            assertEquals(3000, Integer.parseInt(row.get("k_good")) + Integer.parseInt(row.get("k_bad"))
                    + Integer.parseInt(row.get("k_very_bad")), "every training row has a Pareto k");
            double rmse = Double.parseDouble(row.get("holdout_rmse"));
            assertTrue(rmse > 0.3 && rmse < 1.5, "RMSE of points per possession " + rmse);
            double coverage = Double.parseDouble(row.get("holdout_coverage90"));
            assertTrue(coverage > 0.8 && coverage < 1, "90 % coverage " + coverage);
        }
        String md = Files.readString(output.resolve("comparison.md"));
        for (CSVRecord row : rows) {
            String fitLine = String.format(java.util.Locale.ROOT, "| %s | %.1f | %.4f | %.1f | %s of 600 |",
                    row.get("model"), Double.parseDouble(row.get("wall_seconds")),
                    Double.parseDouble(row.get("max_rhat")), Double.parseDouble(row.get("min_ess_bulk")),
                    row.get("divergent"));
            assertTrue(md.contains(fitLine), "the fits table has " + fitLine + ":\n" + md);
        }
        assertTrue(md.contains("| baseline |") && md.contains("| simplified |"), md);
        assertTrue(md.contains("Chosen: **") || md.contains("No model converged"), md);
        assertTrue(Files.exists(output.resolve("simplified").resolve("chain-2.csv")));
        assertTrue(Files.exists(output.resolve("baseline").resolve("training_summary.txt")));
    }

    @Test
    void refusesBadInputBeforeAnyFit(@TempDir Path dir) throws IOException {
        Path train = firstRows("matchups_train.csv.gz", 200, dir.resolve("train.csv"));
        Path output = dir.resolve("eval");
        CommandRun unknown = matchup("evaluate", "--train", train.toString(), "--holdout", train.toString(),
                "--models", "baseline,nonsense", "--output", output.toString());
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown model 'nonsense'"), unknown.err());
        CommandRun missing = matchup("evaluate", "--train", train.toString(), "--holdout",
                dir.resolve("no.csv").toString(), "--output", output.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertFalse(Files.exists(output));
    }
}
