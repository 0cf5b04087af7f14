package org.matchup.core.whatif;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.matchup.core.data.MatchupDataException;
import org.matchup.core.data.MatchupTableFormat;

/**
 * The six lineup superclusters of {@code superclusters.csv} and the assignment of a 5-man composition to one of
 * them. The data preparation clustered compositions by k-means (shared data README, recipe step 4), so a lineup
 * belongs to the centroid nearest in plain Euclidean distance; an exact tie goes to the lower id.
 *
 * <p>Immutable; thread safe.
 */
public final class SuperclusterTable {

    /** Players in a lineup: an assigned composition must sum to this. */
    public static final int LINEUP_SIZE = 5;

    /** How far a centroid's counts may sum from 5: the file rounds each of the 8 counts to 4 decimals. */
    private static final double CENTROID_SUM_TOLERANCE = 0.01;

    private final List<Supercluster> superclusters;

    private SuperclusterTable(List<Supercluster> superclusters) {
        this.superclusters = List.copyOf(superclusters);
    }

    /**
     * Reads {@code superclusters.csv}: columns {@code supercluster, label, possession_share, n_arch_0..n_arch_7}.
     *
     * @param file the superclusters table
     * @return the table
     * @throws MatchupDataException if the file is missing or malformed, or does not hold superclusters 0..5 once
     *         each with possession shares in [0, 1] and centroid counts that are not negative and sum to 5
     */
    public static SuperclusterTable read(Path file) {
        Objects.requireNonNull(file, "file");
        List<String> columns = new ArrayList<>(List.of("supercluster", "label", "possession_share"));
        for (int a = 0; a < MatchupTableFormat.ARCHETYPE_COUNT; a++) {
            columns.add("n_arch_" + a);
        }
        Supercluster[] byId = new Supercluster[MatchupTableFormat.SUPERCLUSTER_COUNT];
        for (LookupCsv.Row row : LookupCsv.read(file, columns).rows()) {
            int id = (int) row.integer("supercluster", 0, MatchupTableFormat.SUPERCLUSTER_COUNT - 1);
            if (byId[id] != null) {
                throw row.problem("supercluster", Integer.toString(id), "appears twice");
            }
            double share = row.finite("possession_share");
            if (!(share >= 0 && share <= 1)) {
                throw row.problem("possession_share", Double.toString(share), "is outside [0, 1]");
            }
            double[] centroid = new double[MatchupTableFormat.ARCHETYPE_COUNT];
            double sum = 0;
            for (int a = 0; a < centroid.length; a++) {
                centroid[a] = row.finite("n_arch_" + a);
                if (!(centroid[a] >= 0)) {
                    throw row.problem("n_arch_" + a, Double.toString(centroid[a]), "is a negative count");
                }
                sum += centroid[a];
            }
            if (!(Math.abs(sum - LINEUP_SIZE) <= CENTROID_SUM_TOLERANCE)) {
                throw row.problem(null, null, "the centroid counts n_arch_0..7 sum to " + sum + ", not "
                        + LINEUP_SIZE);
            }
            byId[id] = new Supercluster(id, row.text("label"), share, centroid);
        }
        for (int id = 0; id < byId.length; id++) {
            if (byId[id] == null) {
                throw new MatchupDataException(file, 0, 0, "supercluster", null, "has no row for supercluster " + id
                        + "; the models need superclusters 0.." + (byId.length - 1), null);
            }
        }
        return new SuperclusterTable(Arrays.asList(byId));
    }

    /** @return the superclusters by id, 0..5 */
    public List<Supercluster> superclusters() {
        return superclusters;
    }

    /**
     * @param id a supercluster id, 0..5
     * @return that supercluster
     */
    public Supercluster get(int id) {
        return superclusters.get(id);
    }

    /**
     * The possession shares as weights that sum to 1: the file's shares are rounded and sum to 1 only within the
     * rounding.
     *
     * @return weight of each supercluster by id
     */
    public double[] possessionWeights() {
        double total = superclusters.stream().mapToDouble(Supercluster::possessionShare).sum();
        return superclusters.stream().mapToDouble(s -> s.possessionShare() / total).toArray();
    }

    /**
     * Assigns a composition to its nearest supercluster.
     *
     * @param composition count of players of archetypes 0..7, summing to 5
     * @return the nearest supercluster and the distance to it
     * @throws IllegalArgumentException if the composition does not have 8 counts that are not negative and sum
     *         to 5
     */
    public SuperclusterAssignment nearest(int[] composition) {
        Objects.requireNonNull(composition, "composition");
        if (composition.length != MatchupTableFormat.ARCHETYPE_COUNT
                || Arrays.stream(composition).anyMatch(n -> n < 0)
                || Arrays.stream(composition).sum() != LINEUP_SIZE) {
            throw new IllegalArgumentException("a composition needs " + MatchupTableFormat.ARCHETYPE_COUNT
                    + " counts that are not negative and sum to " + LINEUP_SIZE + ", was "
                    + Arrays.toString(composition));
        }
        Supercluster best = superclusters.stream()
                .min(Comparator.comparingDouble((Supercluster s) -> s.distanceTo(composition))
                        .thenComparingInt(Supercluster::id))
                .orElseThrow();
        return new SuperclusterAssignment(best, best.distanceTo(composition));
    }
}
