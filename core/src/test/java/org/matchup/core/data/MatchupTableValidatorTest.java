package org.matchup.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.matchup.core.data.MatchupTables.header;
import static org.matchup.core.data.MatchupTables.row;
import static org.matchup.core.data.MatchupTables.write;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@link MatchupTableValidator} and of {@link SufficientStatistics#checkOutcomeVaries()}. */
class MatchupTableValidatorTest {

    @TempDir
    Path dir;

    @Test
    void placeholderOutcomeOfZerosIsRefused() throws IOException {
        Path file = write(dir, "matchups.csv", header(true), row("0", "1", "2"), row("0.0", "2", "3"),
                row("-0", "3", "1"));

        MatchupDataException e = assertThrows(MatchupDataException.class, () -> MatchupTableValidator.validate(file));

        assertEquals("matchups.csv: column outcome is constant (every row is 0.0): a placeholder, not data",
                e.getMessage());
        assertEquals("outcome", e.column());
        assertEquals(0, e.row());
    }

    @Test
    void constantOutcomeIsRecordedByTheStatisticsAndRefusedOnRequest() throws IOException {
        Path file = write(dir, "ones.csv", header(true), row("1", "1", "2"), row("1", "2", "3"));
        SufficientStatistics stats = SufficientStatistics.compute(file);

        MatchupDataException e = assertThrows(MatchupDataException.class, stats::checkOutcomeVaries);

        assertEquals(true, stats.isOutcomeConstant());
        assertEquals("ones.csv: column outcome is constant (every row is 1.0): a placeholder, not data",
                e.getMessage());
    }

    @Test
    void singleRowIsConstant() throws IOException {
        Path file = write(dir, "one-row.csv", header(true), row("1.25", "1", "2"));

        MatchupDataException e = assertThrows(MatchupDataException.class, () -> MatchupTableValidator.validate(file));

        assertEquals("one-row.csv: column outcome is constant (every row is 1.25): a placeholder, not data",
                e.getMessage());
    }

    @Test
    void varyingOutcomePasses() throws IOException {
        Path file = write(dir, "ok.csv", header(true), row("0", "1", "2"), row("1", "2", "3"));

        assertEquals(2, MatchupTableValidator.validate(file));
        SufficientStatistics.compute(file).checkOutcomeVaries();
    }

    @Test
    void readerChecksStillApply() throws IOException {
        Path file = write(dir, "nan.csv", header(true), row("1", "1", "2"), row("NaN", "2", "3"));

        MatchupDataException e = assertThrows(MatchupDataException.class, () -> MatchupTableValidator.validate(file));

        assertEquals("nan.csv: row 2 (line 3), column outcome: 'NaN' is not a finite number", e.getMessage());
    }

    @Test
    void realTrainingTablePasses() throws IOException {
        assertEquals(127664, MatchupTableValidator.validate(MatchupTables.trainTable()));
    }
}
