package org.matchup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.matchup.cli.CommandRun.matchup;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code matchup summary} and {@code matchup diagnose} on the reference chains and on broken input. */
class SummaryAndDiagnoseTest {

    private static final Path REFERENCE = Path.of(System.getProperty("matchup.shared"), "reference", "stan-csv");



    private static String[] bernoulliFiles() {
        List<String> files = new ArrayList<>();
        for (int chain = 1; chain <= 4; chain++) {
            files.add(REFERENCE.resolve("bern" + chain + ".csv").toString());
        }
        return files.toArray(String[]::new);
    }

    private static String[] args(String command, String[] files, String... more) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(files));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The reference values of Stan's own tests (computed with posterior), printed with 8 significant figures. */
    @Test
    void summaryPrintsTheReferenceValuesForTheBernoulliChains(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("summary.csv");
        CommandRun run = matchup(args("summary", bernoulliFiles(), "--sig-figs", "8", "--csv", csv.toString()));
        assertEquals(0, run.exitCode(), run.err());
        String lp = row(run.out(), "lp__");
        String theta = row(run.out(), "theta");
        assertTrue(lp.endsWith("1512.7684  1591.9707  1.0007301"), lp);
        assertTrue(theta.endsWith("1407.5124  1291.7131  1.0067897"), theta);
        assertTrue(run.out().contains("Inference for Stan model: bernoulli_model"), run.out());

        // The CSV holds the same numbers at full precision, with stansummary's column names.
        Map<String, CSVRecord> records = new java.util.HashMap<>();
        try (CSVParser parser = CSVParser.parse(csv, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(List.of("name", "Mean", "MCSE", "StdDev", "MAD", "5%", "50%", "95%", "ESS_bulk", "ESS_tail",
                    "R_hat"), parser.getHeaderNames());
            for (CSVRecord record : parser) {
                records.put(record.get("name"), record);
            }
        }
        assertEquals(1.006789, Double.parseDouble(records.get("theta").get("R_hat")), 1e-5);
        assertEquals(1291.7131, Double.parseDouble(records.get("theta").get("ESS_tail")), 1e-3);
        assertEquals("NaN", records.get("divergent__").get("R_hat"));
        // CmdStan 2.35's stansummary printed Mean -7.2867579275 and StdDev 0.738616062616 for lp__.
        assertEquals(-7.2867579275, Double.parseDouble(records.get("lp__").get("Mean")), 1e-9);
        assertEquals(0.738616062616, Double.parseDouble(records.get("lp__").get("StdDev")), 1e-11);
    }

    @Test
    void percentilesAreChosenAndChecked() {
        CommandRun run = matchup(args("summary", bernoulliFiles(), "--percentiles", "2.5,97.5"));
        assertEquals(0, run.exitCode(), run.err());
        String heading = run.out().lines().filter(l -> l.contains("ESS_bulk")).findFirst().orElseThrow();
        assertTrue(heading.contains("2.5%") && heading.contains("97.5%") && !heading.contains(" 50%"), heading);

        CommandRun bad = matchup(args("summary", bernoulliFiles(), "--percentiles", "0,50"));
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("percentiles must be strictly between 0 and 100, got 0.0"), bad.err());
    }

    @Test
    void eightSchoolsSummarisesFromItsDirectoryOfFiles(@TempDir Path dir) throws IOException {
        Files.copy(REFERENCE.resolve("eight_schools_1.csv"), dir.resolve("eight_schools_1.csv"));
        Files.copy(REFERENCE.resolve("eight_schools_2.csv"), dir.resolve("eight_schools_2.csv"));
        Files.writeString(dir.resolve("coefficients.csv"), "name,mean\nmu,1\n");
        CommandRun run = matchup("summary", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("2 chains"), run.out());
        assertTrue(row(run.out(), "mu").startsWith("mu"), run.out());
        assertTrue(row(run.out(), "tau").startsWith("tau"), run.out());
    }

    @Test
    void diagnoseFindsTheBernoulliRunClean() {
        CommandRun run = matchup(args("diagnose", bernoulliFiles()));
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().strip().endsWith("diagnose: no problems detected"), run.out());
    }

    /** The Bernoulli chains with chain 1's theta shifted: R-hat fails, diagnose says so and exits 3. */
    @Test
    void diagnoseReportsAShiftedChainAndExitsThree(@TempDir Path dir) throws IOException {
        String[] files = bernoulliFiles();
        List<String> lines = Files.readAllLines(Path.of(files[0]));
        List<String> shifted = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("#") || line.startsWith("lp__") || line.isBlank()) {
                shifted.add(line);
            } else {
                String[] fields = line.split(",");
                fields[7] = Double.toString(Double.parseDouble(fields[7]) + 0.3);
                shifted.add(String.join(",", fields));
            }
        }
        files[0] = Files.write(dir.resolve("bern1-shifted.csv"), shifted).toString();
        CommandRun run = matchup(args("diagnose", files));
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("1 parameter has R-hat above 1.01: theta"), run.out());
        String verdict = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("diagnose: problems detected: 1 parameter with R-hat above 1.01; 1 parameter with low ESS",
                verdict);
    }

    @Test
    void badInputGetsOneLineAndExitCodeTwo(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.csv"), "lp__,theta\n-7.1,0.2\n-7.3,abc\n");
        Path other = Files.writeString(dir.resolve("other.csv"), "lp__,mu\n-7.1,0.2\n");
        Path notStan = Files.writeString(dir.resolve("not-stan.csv"), "a,b\n1,2\n");
        Path noDraws = Files.writeString(dir.resolve("no-draws.csv"), "# model = m\nlp__,theta\n");
        String[][] cases = {
            {dir.resolve("missing.csv").toString(), "no such file or directory"},
            {broken.toString(), "broken.csv:3"},
            {REFERENCE.resolve("bern1.csv").toString(), other.toString(), "columns differ"},
            {Files.createDirectory(dir.resolve("empty")).toString(), "holds no Stan CSV file"},
            {notStan.toString(), "not a Stan CSV file"},
            {noDraws.toString(), "hold no draws after warmup"},
        };
        for (String command : List.of("summary", "diagnose")) {
            for (String[] c : cases) {
                List<String> all = new ArrayList<>(List.of(command));
                all.addAll(List.of(c).subList(0, c.length - 1));
                CommandRun run = matchup(all.toArray(String[]::new));
                assertEquals(2, run.exitCode(), all + ": " + run.err());
                assertTrue(run.err().contains(c[c.length - 1]), run.err());
                assertEquals(1, run.err().strip().lines().count(), run.err());
                assertFalse(run.err().contains("\tat "), run.err());
            }
        }
    }

    @Test
    void csvThatCannotBeWrittenIsRefusedBeforeAnyWork(@TempDir Path dir) {
        CommandRun run = matchup(args("summary", bernoulliFiles(), "--csv", dir.resolve("no/such/dir/s.csv")
                .toString()));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("cannot be written"), run.err());
        assertEquals("", run.out());
    }

    private static String row(String table, String name) {
        return table.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow().strip();
    }
}
