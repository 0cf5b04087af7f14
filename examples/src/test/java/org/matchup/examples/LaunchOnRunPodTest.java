package org.matchup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's dry run (no key in its environment) on the first real rows with a short baseline run. */
class LaunchOnRunPodTest {

    @Test
    void withoutAKeyItPrintsThePlan(@TempDir Path dir) throws Exception {
        Path train = Path.of(System.getProperty("matchup.shared"), "data", "nba", "matchups_train.csv.gz");
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(train)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && lines.size() <= 2000; line = in.readLine()) {
                lines.add(line);
            }
        }
        Path rows = Files.write(dir.resolve("rows.csv"), lines);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        int code = LaunchOnRunPod.run(new String[] {rows.toString(), dir.resolve("out").toString(), "baseline",
            "100", "100"}, Map.of(), new PrintStream(captured, true, StandardCharsets.UTF_8));

        String plan = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, plan);
        assertTrue(plan.startsWith("RUNPOD_API_KEY is not set: dry run\nlaunch plan (dry run"), plan);
        assertTrue(plan.contains("matchup fit --data data/rows.csv --output out --model baseline --chains 4 --warmup"
                + " 100 --draws 100 --adapt-delta 0.99 --progress-seconds 10"), plan);
        assertTrue(plan.contains("  lib/matchup-cli"), plan);
        assertTrue(plan.matches("(?s).*\nrun time: \\d+ s on 4 vCPU \\(4 chains on 4 threads\\).*"), plan);
        assertTrue(plan.contains("cost cap: 2.00 h or 2.00, whichever comes first (at 0.100 per hour: 2.00 h)"), plan);
        assertTrue(!Files.exists(dir.resolve("out")));
    }
}
