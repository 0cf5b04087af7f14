package org.matchup.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The example runs on the real table with a short run and prints the verdict and the coefficients it names. */
class FitMatchupTableTest {

    @Test
    void runsOnTheRealTable() throws Exception {
        Path train = Path.of(System.getProperty("matchup.shared"), "data", "nba", "matchups_train.csv.gz");
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            FitMatchupTable.main(new String[] {train.toString(), "150", "100"});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("verdict: "), out);
        assertTrue(out.contains("alpha.1 "), out);
        assertTrue(out.contains("beta_off.1.8 "), out);

        // Points per possession in this table are about 1.07: the first intercept must be near it.
        String alpha = out.lines().filter(l -> l.startsWith("alpha.1 ")).findFirst().orElseThrow();
        double mean = Double.parseDouble(alpha.trim().split("\\s+")[1]);
        assertTrue(mean > 0.9 && mean < 1.3, alpha);
    }
}
