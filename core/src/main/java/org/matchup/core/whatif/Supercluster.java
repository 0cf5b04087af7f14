package org.matchup.core.whatif;

import java.util.Arrays;
import java.util.Objects;

import org.matchup.core.data.MatchupTableFormat;

/**
 * One lineup supercluster of {@code superclusters.csv}: a centroid of 5-man compositions (the mean count of each
 * archetype in the units it holds) and its share of lineup-possessions.
 *
 * <p>Immutable (the centroid is copied in and out); thread safe.
 *
 * @param id the supercluster, 0..5 (0 = most common)
 * @param label a short description, such as {@code 2.2 shooter; bigs 0.6}
 * @param possessionShare its share of lineup-possessions over the four seasons
 * @param centroid mean count of archetypes 0..7, summing to 5
 */
public record Supercluster(int id, String label, double possessionShare, double[] centroid) {

    /**
     * @throws IllegalArgumentException if the id is outside 0..5 or the centroid does not have 8 entries
     */
    public Supercluster {
        Objects.requireNonNull(label, "label");
        if (id < 0 || id >= MatchupTableFormat.SUPERCLUSTER_COUNT) {
            throw new IllegalArgumentException("supercluster id must be in 0.."
                    + (MatchupTableFormat.SUPERCLUSTER_COUNT - 1) + ", was " + id);
        }
        if (centroid.length != MatchupTableFormat.ARCHETYPE_COUNT) {
            throw new IllegalArgumentException("centroid must have " + MatchupTableFormat.ARCHETYPE_COUNT
                    + " archetype counts, had " + centroid.length);
        }
        centroid = centroid.clone();
    }

    /** @return a copy of the centroid composition */
    @Override
    public double[] centroid() {
        return centroid.clone();
    }

    /**
     * @param composition count of players of each archetype
     * @return the Euclidean distance of the composition to the centroid
     */
    public double distanceTo(int[] composition) {
        double sum = 0;
        for (int a = 0; a < centroid.length; a++) {
            double d = composition[a] - centroid[a];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Supercluster s && s.id == id && s.label.equals(label)
                && Double.compare(s.possessionShare, possessionShare) == 0
                && Arrays.equals(s.centroid, centroid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, label, possessionShare, Arrays.hashCode(centroid));
    }

    @Override
    public String toString() {
        return "supercluster " + id + " '" + label + "'";
    }
}
