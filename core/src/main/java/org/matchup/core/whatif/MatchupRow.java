package org.matchup.core.whatif;

import java.util.Arrays;
import java.util.Objects;

import org.matchup.core.data.MatchupTableFormat;

/**
 * A modelling row built from lineups, as the models see a row of the matchup table, with the weight it carries
 * in an average over rows (1 for a row against a named defence).
 *
 * <p>Immutable (arrays are copied in and out); thread safe.
 *
 * @param matchup 0-based matchup index, {@code off_supercluster * 6 + def_supercluster}
 * @param weight the row's weight in an average
 * @param zOff {@code z_off_0..7}
 * @param zDef {@code z_def_0..7}
 */
public record MatchupRow(int matchup, double weight, double[] zOff, double[] zDef) {

    /** @throws IllegalArgumentException if the matchup is outside 0..35 or a block does not have 8 entries */
    public MatchupRow {
        if (matchup < 0 || matchup >= MatchupTableFormat.MATCHUP_COUNT) {
            throw new IllegalArgumentException("matchup must be in 0.." + (MatchupTableFormat.MATCHUP_COUNT - 1)
                    + ", was " + matchup);
        }
        if (zOff.length != MatchupTableFormat.ARCHETYPE_COUNT || zDef.length != MatchupTableFormat.ARCHETYPE_COUNT) {
            throw new IllegalArgumentException("z_off and z_def have " + MatchupTableFormat.ARCHETYPE_COUNT
                    + " entries each, were " + zOff.length + " and " + zDef.length);
        }
        zOff = zOff.clone();
        zDef = zDef.clone();
    }

    /** @return a copy of z_off_0..7 */
    @Override
    public double[] zOff() {
        return zOff.clone();
    }

    /** @return a copy of z_def_0..7 */
    @Override
    public double[] zDef() {
        return zDef.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MatchupRow r && r.matchup == matchup && Double.compare(r.weight, weight) == 0
                && Arrays.equals(r.zOff, zOff) && Arrays.equals(r.zDef, zDef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matchup, weight, Arrays.hashCode(zOff), Arrays.hashCode(zDef));
    }

    @Override
    public String toString() {
        return "MatchupRow[matchup=" + matchup + ", weight=" + weight + ", zOff=" + Arrays.toString(zOff)
                + ", zDef=" + Arrays.toString(zDef) + "]";
    }
}
