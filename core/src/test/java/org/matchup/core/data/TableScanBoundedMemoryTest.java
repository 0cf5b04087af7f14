package org.matchup.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation and the sufficient statistics read a table once in bounded memory: two million generated rows (a
 * 200 MB table before compression) are scanned in a JVM limited to 256 MB of heap. Surefire runs this class in
 * its own execution with {@code -Xmx256m} (see core/pom.xml).
 */
class TableScanBoundedMemoryTest {

    private static final int ROWS = 2_016_000;
    private static final int MATCHUPS = 36;

    @Test
    void twoMillionRowsScanUnder256Megabytes(@TempDir Path dir) throws IOException {
        assertTrue(Runtime.getRuntime().maxMemory() <= 270L * 1024 * 1024,
                "this test must run with -Xmx256m, max heap is " + Runtime.getRuntime().maxMemory());

        // Write the table while summing what the scan must find.
        Path table = dir.resolve("big.csv.gz");
        double weightedOutcome = 0;
        double weights = 0;
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(
                Files.newOutputStream(table), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }, StandardCharsets.UTF_8))) {
            out.write(MatchupTables.header(true));
            out.write('\n');
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < ROWS; i++) {
                double outcome = (i % 7) * 0.25;
                double possessions = 1 + (i % 3) * 0.5;
                weightedOutcome += possessions * outcome;
                weights += possessions;
                line.setLength(0);
                line.append(outcome).append(',').append(i % MATCHUPS).append(',').append(possessions);
                for (int a = 0; a < 16; a++) {
                    line.append(',').append(((i + 3 * a) % 11 - 5) / 10.0);
                }
                out.append(line).append('\n');
            }
        }

        TableScan scan = TableScan.of(table, 5);
        assertEquals(ROWS, scan.rowsRead());
        assertEquals(0, scan.badRows());
        SufficientStatistics statistics = scan.statistics();
        for (int j = 0; j < MATCHUPS; j++) {
            assertEquals(ROWS / MATCHUPS, statistics.rowCount(j));
        }
        assertEquals(weights, statistics.possessions(), 1e-6);
        assertEquals(weightedOutcome / weights, statistics.outcomeMean(), 1e-12);
        assertEquals(ROWS, scan.columns().get(2).count());
    }
}
