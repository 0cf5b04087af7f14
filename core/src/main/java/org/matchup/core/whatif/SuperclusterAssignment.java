package org.matchup.core.whatif;

import java.util.Objects;

/**
 * The supercluster a lineup's composition belongs to: its nearest centroid.
 *
 * <p>Immutable; thread safe.
 *
 * @param supercluster the nearest supercluster
 * @param distance the Euclidean distance of the composition to its centroid
 */
public record SuperclusterAssignment(Supercluster supercluster, double distance) {

    /** @throws NullPointerException if the supercluster is null */
    public SuperclusterAssignment {
        Objects.requireNonNull(supercluster, "supercluster");
    }
}
