package org.matchup.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.matchup.core.data.MatchupTables.header;
import static org.matchup.core.data.MatchupTables.row;
import static org.matchup.core.data.MatchupTables.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.model.StanData;

/** Tests of {@link MatchupRows}: values, 1-based matchups, row limits and the Stan data. */
class MatchupRowsTest {

    @TempDir
    Path dir;

    @Test
    void holdsTheRowsWithOneBasedMatchups() throws IOException {
        Path file = write(dir, "small.csv", header(true), row("1.5", "0", "4"), row("-0.5", "35", "0.5", 1.0, 2.0));

        MatchupRows rows = MatchupRows.read(file, 0);

        assertEquals(2, rows.rowCount());
        assertEquals(file, rows.source());
        assertArrayEquals(new double[] {1.5, -0.5}, rows.outcome());
        assertArrayEquals(new int[] {1, 36}, rows.matchup());
        assertArrayEquals(new double[] {4, 0.5}, rows.weight());
        assertArrayEquals(new double[] {1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7}, rows.zOff()[1], 1e-15);
        assertArrayEquals(new double[] {2.0, 1.9, 1.8, 1.7, 1.6, 1.5, 1.4, 1.3}, rows.zDef()[1], 1e-15);
    }

    @Test
    void weightsAreOneWithoutPossessions() throws IOException {
        Path file = write(dir, "unweighted.csv", header(false), "1,2" + ",0".repeat(16), "3,4" + ",0".repeat(16));

        assertArrayEquals(new double[] {1, 1}, MatchupRows.read(file, 0).weight());
    }

    @Test
    void growsPastTheInitialCapacityAndHonoursMaxRows() throws IOException {
        String[] lines = new String[3001];
        lines[0] = header(true);
        for (int i = 1; i < lines.length; i++) {
            lines[i] = row(Integer.toString(i), Integer.toString(i % 36), "1", i, -i);
        }
        Path file = write(dir, "many.csv", lines);

        MatchupRows all = MatchupRows.read(file, 0);
        MatchupRows first = MatchupRows.read(file, 1500);

        assertEquals(3000, all.rowCount());
        assertEquals(3000.0, all.outcome()[2999]);
        assertEquals(2999.0, all.zOff()[2998][0]);
        assertEquals(-3000.0, all.zDef()[2999][0]);
        assertEquals(3000 % 36 + 1, all.matchup()[2999]);
        assertEquals(1500, first.rowCount());
        assertEquals(1500.0, first.outcome()[1499]);
    }

    @Test
    void firstRealRowsMatchTheFile() throws IOException {
        // The first two data lines of matchups_train.csv.gz (zcat | head -3).
        MatchupRows rows = MatchupRows.read(MatchupTables.trainTable(), 5000);

        assertEquals(5000, rows.rowCount());
        assertEquals(1.1667, rows.outcome()[0]);
        assertEquals(4, rows.matchup()[0]);
        assertEquals(12.0, rows.weight()[0]);
        assertArrayEquals(new double[] {0, 0, 0.9585, -1.5102, 0, 0, -0.2569, 0.4336}, rows.zOff()[0]);
        assertArrayEquals(new double[] {0.694, 0.4459, 0.8649, 0, 0, 0, 0.3755, 0}, rows.zDef()[0]);
        assertEquals(19, rows.matchup()[1]);
        assertArrayEquals(new double[] {0, 0, 2.5509, 1.1836, 0, 0, -1.7041, 0.9423}, rows.zDef()[1]);
    }

    @Test
    void stanDataHasTheDeclaredShapes() throws IOException {
        Path file = write(dir, "small.csv", header(true), row("1.5", "0", "4"), row("-0.5", "35", "0.5", 1.0, 2.0),
                row("2", "7", "3"));
        MatchupRows rows = MatchupRows.read(file, 0);

        StanData data = rows.toStanData();

        assertEquals(List.of("N", "J", "A", "matchup", "z_off", "z_def", "outcome", "possessions"),
                data.variables().stream().map(StanData.Variable::name).collect(Collectors.toList()));
        assertEquals(3, data.variable("N").ints()[0]);
        assertEquals(36, data.variable("J").ints()[0]);
        assertEquals(8, data.variable("A").ints()[0]);
        assertArrayEquals(new int[] {1, 36, 8}, data.variable("matchup").ints());
        assertArrayEquals(new int[] {3}, data.variable("matchup").dims());
        assertArrayEquals(new int[] {3, 8}, data.variable("z_off").dims());
        assertArrayEquals(new int[] {3, 8}, data.variable("z_def").dims());
        assertArrayEquals(new double[] {1.5, -0.5, 2}, data.variable("outcome").reals());
        assertArrayEquals(new double[] {4, 0.5, 3}, data.variable("possessions").reals());

        // Row-major: row 1 (0-based), archetype 2 of z_off is at 1 * 8 + 2.
        assertEquals(rows.zOff()[1][2], data.variable("z_off").reals()[8 + 2]);
        assertEquals(rows.zDef()[2][7], data.variable("z_def").reals()[2 * 8 + 7]);
    }

    @Test
    void returnedArraysAreCopies() throws IOException {
        Path file = write(dir, "small.csv", header(true), row("1.5", "0", "4"));
        MatchupRows rows = MatchupRows.read(file, 0);

        rows.outcome()[0] = 9;
        rows.matchup()[0] = 9;
        rows.zOff()[0][0] = 9;

        assertEquals(1.5, rows.outcome()[0]);
        assertEquals(1, rows.matchup()[0]);
        assertEquals(0.25, rows.zOff()[0][0]);
    }

    @Test
    void badInputFailsAsInTheReader() throws IOException {
        Path file = write(dir, "bad.csv", header(true), row("1.5", "36", "4"));

        MatchupDataException e = assertThrows(MatchupDataException.class, () -> MatchupRows.read(file, 0));

        assertEquals("bad.csv: row 1 (line 2), column matchup_id: '36' is outside 0..35", e.getMessage());
    }
}
