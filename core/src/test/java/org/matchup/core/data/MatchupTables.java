package org.matchup.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Small matchup tables for tests, and the location of the real ones. Not thread safe. */
final class MatchupTables {

    private MatchupTables() {
    }

    /**
     * @param withPossessions whether the header has a possessions column (third)
     * @return {@code outcome,matchup_id[,possessions],z_off_0..7,z_def_0..7}
     */
    static String header(boolean withPossessions) {
        List<String> names = new ArrayList<>();
        names.add("outcome");
        names.add("matchup_id");
        if (withPossessions) {
            names.add("possessions");
        }
        for (int a = 0; a < 8; a++) {
            names.add("z_off_" + a);
        }
        for (int a = 0; a < 8; a++) {
            names.add("z_def_" + a);
        }
        return String.join(",", names);
    }

    /**
     * A row for {@link #header(boolean) header(true)}: z_off_a = zOffBase + a / 10, z_def_a = zDefBase - a / 10.
     *
     * @return the CSV line, without a line end
     */
    static String row(String outcome, String matchup, String possessions, double zOffBase, double zDefBase) {
        StringBuilder line = new StringBuilder(outcome).append(',').append(matchup).append(',').append(possessions);
        for (int a = 0; a < 8; a++) {
            line.append(',').append(zOffBase + a / 10.0);
        }
        for (int a = 0; a < 8; a++) {
            line.append(',').append(zDefBase - a / 10.0);
        }
        return line.toString();
    }

    /** @return a valid row with the given outcome, matchup and possessions */
    static String row(String outcome, String matchup, String possessions) {
        return row(outcome, matchup, possessions, 0.25, -0.5);
    }

    /** Writes lines joined by LF with a final LF. */
    static Path write(Path dir, String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** Writes lines gzip-compressed, joined by LF with a final LF. */
    static Path writeGzip(Path dir, String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), gzip(String.join("\n", lines) + "\n"));
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** @return the shared training table, from the system property {@code matchup.shared} */
    static Path trainTable() {
        String shared = System.getProperty("matchup.shared");
        if (shared == null) {
            throw new IllegalStateException("system property matchup.shared is not set; run the tests with "
                    + "-Dmatchup.shared=/path/to/shared (the surefire configuration sets it)");
        }
        return Path.of(shared, "data", "nba", "matchups_train.csv.gz");
    }
}
