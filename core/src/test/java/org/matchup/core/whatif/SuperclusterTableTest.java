package org.matchup.core.whatif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.matchup.core.data.MatchupDataException;

/**
 * Nearest-centroid assignment on the real superclusters.csv. Reference values from Python 3 (math.dist), by brute
 * force over all 792 compositions of 5 players into 8 archetypes:
 * {@code comps = [c for c in itertools.product(range(6), repeat=8) if sum(c) == 5]}, for each centroid
 * {@code min(comps, key=lambda x: math.dist(x, centroid))} and its nearest centroid.
 */
class SuperclusterTableTest {

    private static final String HEADER = "supercluster,label,possession_share,n_arch_0,n_arch_1,n_arch_2,n_arch_3,"
            + "n_arch_4,n_arch_5,n_arch_6,n_arch_7";

    private final SuperclusterTable table = SuperclusterTable.read(SharedData.superclustersCsv());

    @Test
    void readsTheSixSuperclusters() {
        assertEquals(6, table.superclusters().size());
        Supercluster shooters = table.get(2);
        assertEquals("2.2 shooter; bigs 0.6", shooters.label());
        assertEquals(0.1766, shooters.possessionShare());
        assertArrayEquals(new double[] {0.3487, 0.4092, 0.7182, 2.2126, 0.3327, 0.3481, 0.4244, 0.2061},
                shooters.centroid());

        // The file's shares sum to 0.9999; the weights are rescaled to 1.
        double[] weights = table.possessionWeights();
        assertEquals(1.0, Arrays.stream(weights).sum(), 1e-15);
        assertEquals(0.2227 / 0.9999, weights[0], 1e-15);
    }

    @Test
    void eachCentroidsNearestWholeCompositionMapsBackToIt() {
        int[][] nearestWhole = {
            {0, 1, 2, 1, 0, 0, 1, 0}, {1, 1, 1, 1, 0, 0, 1, 0}, {0, 1, 1, 2, 0, 0, 1, 0},
            {0, 2, 1, 1, 0, 0, 1, 0}, {0, 1, 1, 1, 0, 2, 0, 0}, {0, 1, 1, 1, 2, 0, 0, 0},
        };
        double[] distance = {1.0925834750718135, 1.115430638811755, 1.0958566512094545, 1.0345374618639964,
            0.8558301583842439, 0.9356218734082695};
        for (int k = 0; k < nearestWhole.length; k++) {
            SuperclusterAssignment assigned = table.nearest(nearestWhole[k]);
            assertEquals(k, assigned.supercluster().id(), Arrays.toString(nearestWhole[k]));
            assertEquals(distance[k], assigned.distance(), 1e-12);
        }
    }

    @Test
    void handComputedCase() {
        // Two creators, a combo guard, a shooter and a high-usage big (the Lakers' 2022-23 opening five): to
        // supercluster 0, whose centroid is (0.1115, 0.7454, 1.5828, 0.6525, 0.5736, 0.5317, 0.5927, 0.2099), the
        // squared distance is 0.1115^2 + 0.2546^2 + 0.4172^2 + 0.3475^2 + 0.5736^2 + 0.5317^2 + 0.5927^2 + 0.7901^2.
        double squared = 0.1115 * 0.1115 + 0.2546 * 0.2546 + 0.4172 * 0.4172 + 0.3475 * 0.3475 + 0.5736 * 0.5736
                + 0.5317 * 0.5317 + 0.5927 * 0.5927 + 0.7901 * 0.7901;
        SuperclusterAssignment assigned = table.nearest(new int[] {0, 1, 2, 1, 0, 0, 0, 1});
        assertEquals(0, assigned.supercluster().id());
        assertEquals(Math.sqrt(squared), assigned.distance(), 1e-12);
        assertEquals(1.3997637836435117, assigned.distance(), 1e-12);

        // Five forwards are nearest the forward supercluster.
        assertEquals(4, table.nearest(new int[] {0, 0, 0, 0, 0, 5, 0, 0}).supercluster().id());
    }

    @Test
    void refusesACompositionThatIsNotFivePlayers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table.nearest(new int[] {1, 1, 1, 1, 0, 0, 0, 0}));
        assertEquals("a composition needs 8 counts that are not negative and sum to 5, was [1, 1, 1, 1, 0, 0, 0, 0]",
                e.getMessage());
    }

    @Test
    void refusesAMalformedTable(@TempDir Path dir) throws IOException {
        String row = "0,x,0.2,1,1,1,1,1,0,0,0";
        assertEquals("superclusters.csv: column supercluster has no row for supercluster 1; the models need"
                + " superclusters 0..5", refusal(dir, row));
        assertEquals("superclusters.csv: row 2 (line 3), column supercluster: '0' appears twice",
                refusal(dir, row, row));
        assertEquals("superclusters.csv: row 1 (line 2): the centroid counts n_arch_0..7 sum to 6.0, not 5",
                refusal(dir, "0,x,0.2,2,1,1,1,1,0,0,0"));
        assertEquals("superclusters.csv: row 1 (line 2), column possession_share: '1.5' is outside [0, 1]",
                refusal(dir, "0,x,1.5,1,1,1,1,1,0,0,0"));
        assertEquals("superclusters.csv: row 1 (line 2), column supercluster: '6' is outside 0..5",
                refusal(dir, "6,x,0.2,1,1,1,1,1,0,0,0"));
    }

    private static String refusal(Path dir, String... rows) throws IOException {
        Path file = Files.writeString(dir.resolve("superclusters.csv"), HEADER + "\n" + String.join("\n", rows)
                + "\n", StandardCharsets.UTF_8);
        return assertThrows(MatchupDataException.class, () -> SuperclusterTable.read(file)).getMessage();
    }
}
