package org.matchup.core.diagnostics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.matchup.core.draws.Draws;
import org.matchup.core.io.StanCsvReader;

/**
 * Locates the reference Stan CSV files under {@code $matchup.shared/reference/stan-csv}: the Bernoulli chains and
 * eight-schools chains from Stan's own unit tests, and CmdStan 2.35's stansummary of the Bernoulli chains.
 */
final class ReferenceFiles {

    private ReferenceFiles() {
    }

    /**
     * @param name file name inside reference/stan-csv
     * @return its path
     * @throws IllegalStateException if the system property matchup.shared is unset or the file is missing
     */
    static Path stanCsv(String name) {
        String shared = System.getProperty("matchup.shared");
        if (shared == null) {
            throw new IllegalStateException("system property matchup.shared is not set; the build sets it to the"
                    + " shared/ folder");
        }
        Path path = Path.of(shared, "reference", "stan-csv", name);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("reference file missing: " + path);
        }
        return path;
    }

    /** @return the four Bernoulli chains, 1000 post-warmup draws each */
    static Draws bernoulli() {
        List<Path> files = new ArrayList<>();
        for (int chain = 1; chain <= 4; chain++) {
            files.add(stanCsv("bern" + chain + ".csv"));
        }
        return StanCsvReader.read(files);
    }
}
