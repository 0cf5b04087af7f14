package org.matchup.core.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A cheap pass over a matchup table that refuses data a model should not be fitted to: every check of
 * {@link MatchupTableReader} (finite values, matchup ids in 0..35, positive possessions, well-formed CSV) plus a
 * check that the outcome column is not constant. A reference system once shipped a placeholder outcome column
 * of zeros; a constant outcome is refused whatever its value.
 *
 * <p>Stateless; thread safe.
 */
public final class MatchupTableValidator {

    private MatchupTableValidator() {
    }

    /**
     * Reads every row of a table and checks it.
     *
     * @param file a CSV or gzipped CSV matchup table
     * @return the number of rows, at least 2
     * @throws MatchupDataException if a check fails; the message names file, row, column and value
     * @throws IOException if reading fails for another reason
     */
    public static long validate(Path file) throws IOException {
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        long rows = MatchupTableReader.read(file, (row, outcome, matchup, weight, home, zOff, zDef) -> {
            range[0] = Math.min(range[0], outcome);
            range[1] = Math.max(range[1], outcome);
        });
        if (range[0] == range[1]) {
            throw constantOutcome(file, range[0]);
        }
        return rows;
    }

    /**
     * The failure for a constant outcome column.
     *
     * @param file the table
     * @param value the outcome of every row
     * @return the exception, to be thrown
     */
    static MatchupDataException constantOutcome(Path file, double value) {

        // Adding +0.0 shows a column of 0 and -0 as 0.0 rather than -0.0.
        double shown = value + 0.0;
        return new MatchupDataException(file, 0, 0, MatchupTableFormat.OUTCOME, Double.toString(shown),
                "is constant (every row is " + shown + "): a placeholder, not data", null);
    }
}
