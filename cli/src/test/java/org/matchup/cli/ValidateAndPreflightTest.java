package org.matchup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.matchup.cli.CommandRun.matchup;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} and {@code preflight} on the real training table and on its copy with a placeholder outcome. */
class ValidateAndPreflightTest {

    private static final Path TRAIN = Path.of(System.getProperty("matchup.shared"), "data", "nba",
            "matchups_train.csv.gz");



    @Test
    void realTablePassesWithItsKnownWarningAndWritesAReport(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.json");
        CommandRun run = matchup("validate", "--data", TRAIN.toString(), "--report", report.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        for (String check : List.of("PASS schema: 127664 rows", "PASS matchups: 36 of 36", "PASS feature-variance",
                "PASS feature-ranges", "PASS identifiability", "PASS parameter-alignment: model matchup-specific: 613"
                        + " parameters", "stan-behaviour: 1 chain of 150 warmup + 100 draws")) {
            assertTrue(run.out().contains(check), check + " missing from:\n" + run.out());
        }
        // The table holds 4 negative outcomes (rows 1703 and 55121-55123 of the source), a known upstream defect.
        assertTrue(run.out().contains("WARN outcome: possession-weighted mean 1.0711"), run.out());
        assertTrue(run.out().contains("row 55121, column outcome: -24.0"), run.out());

        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertEquals("WARN", json.get("status").asText());
        assertEquals(8, json.get("checks").size());
        assertEquals(613, json.get("checks").get(6).get("numbers").get("model_parameters").asInt());
        assertEquals(36, json.get("checks").get(2).get("numbers").get("present").asInt());
        assertTrue(json.get("checks").get(7).get("numbers").get("estimated_seconds").asDouble() > 0);

        CommandRun strict = matchup("validate", "--data", TRAIN.toString(), "--strict", "--no-stan");
        assertEquals(1, strict.exitCode(), strict.out());
    }

    @Test
    void placeholderOutcomeOfZerosFailsOnTheOutcomeCheck(@TempDir Path dir) throws IOException {
        Path zeros = zeroedCopy(dir.resolve("zeros.csv.gz"));
        CommandRun run = matchup("validate", "--data", zeros.toString());
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.out().contains("FAIL outcome: column outcome is constant (every row is 0.0): a placeholder,"
                + " not data"), run.out());
        assertTrue(run.out().strip().endsWith("validate: FAIL (outcome)"), run.out());
        assertTrue(run.out().contains("SKIP parameter-alignment, stan-behaviour"), run.out());

        Path output = dir.resolve("run");
        CommandRun fit = matchup("fit", "--data", zeros.toString(), "--output", output.toString());
        assertEquals(2, fit.exitCode());
        assertTrue(fit.err().contains("FAIL outcome: column outcome is constant"), fit.err());
        assertFalse(Files.exists(output));
    }

    @Test
    void preflightSaysGoWithItsEstimatesAndAManifest(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("pre");
        CommandRun run = matchup("preflight", "--data", TRAIN.toString(), "--output", output.toString(),
                "--chains", "4",
                "--tune", "1000", "--draws", "2000", "--adapt-delta", "0.99", "--bandwidth-mbps", "50",
                "--price-per-hour", "0.79");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().strip().endsWith("preflight: GO"), run.out());
        // 4 chains x 2000 draws x (613 + 7) columns x 21 bytes = 104.2 MB; 1874326 bytes at 50 Mbit/s = 0.3 s.
        assertTrue(run.out().contains("expected output 104.2 MB"), run.out());
        assertTrue(run.out().contains("upload: 1.9 MB at 50.0 Mbit/s: 0.3 s"), run.out());
        assertTrue(run.out().contains("cost: "), run.out());

        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String expected = HexFormat.of().formatHex(sha.digest(Files.readAllBytes(TRAIN)));
        assertEquals(expected + "  matchups_train.csv.gz\n", Files.readString(output.resolve("manifest.sha256")));
        assertTrue(Files.readString(output.resolve("preflight.txt")).contains("preflight: GO"));

        // With an earlier run in the directory, fit would refuse it: NO-GO.
        Files.writeString(output.resolve("chain-1.csv"), "earlier\n");
        CommandRun again = matchup("preflight", "--data", TRAIN.toString(), "--output", output.toString());
        assertEquals(3, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().strip().endsWith("preflight: NO-GO (output directory holds a run)"), again.out());
    }

    /** The training table with every outcome set to 0, as the reference system once shipped it. */
    private static Path zeroedCopy(Path target) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(TRAIN)), StandardCharsets.UTF_8));
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            String header = in.readLine();
            int outcome = List.of(header.split(",")).indexOf("outcome");
            out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.split(",", -1);
                fields[outcome] = "0";
                out.write((String.join(",", fields) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return target;
    }
}
