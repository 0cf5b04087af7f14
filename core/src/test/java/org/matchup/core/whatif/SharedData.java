package org.matchup.core.whatif;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The shared data's lookup tables for tests, and an independent reading of players.csv by plain line splits. */
final class SharedData {

    private SharedData() {
    }

    /** @return {@code shared/data/nba}, from the system property {@code matchup.shared} */
    static Path nbaDirectory() {
        String shared = System.getProperty("matchup.shared");
        if (shared == null) {
            throw new IllegalStateException("system property matchup.shared is not set; run the tests with "
                    + "-Dmatchup.shared=/path/to/shared (the surefire configuration sets it)");
        }
        return Path.of(shared, "data", "nba");
    }

    static Path playersCsv() {
        return nbaDirectory().resolve("players.csv");
    }

    static Path superclustersCsv() {
        return nbaDirectory().resolve("superclusters.csv");
    }

    /**
     * players.csv split on commas, which is safe for this file (no name has a comma), keyed by
     * {@code season + "/" + id}; each value is the row's fields. Used to check the reader's results independently.
     */
    static Map<String, String[]> rawPlayerRows() throws IOException {
        List<String> lines = Files.readAllLines(playersCsv(), StandardCharsets.UTF_8);
        Map<String, String[]> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            rows.put(fields[0] + "/" + fields[1], fields);
        }
        return rows;
    }
}
