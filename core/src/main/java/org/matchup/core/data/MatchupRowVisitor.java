package org.matchup.core.data;

/**
 * Receives the rows of a matchup table one at a time from {@link MatchupTableReader}.
 *
 * <p>The two archetype arrays are reused from row to row: an implementation that keeps values beyond the call
 * must copy them. Whether an implementation is thread safe is up to it; the reader calls it from the reading
 * thread only.
 */
@FunctionalInterface
public interface MatchupRowVisitor {

    /**
     * Receives one row whose values have passed the reader's checks.
     *
     * @param row the 1-based data row (the header is not counted)
     * @param outcome points per possession, finite
     * @param matchup the 0-based matchup index, 0..{@value MatchupTableFormat#MATCHUP_COUNT} - 1
     * @param weight the possessions of the row, finite and positive; 1 when the table has no possessions column
     * @param home the venue of the offence: {@value MatchupTableFormat#HOME_CODE} home,
     *        {@value MatchupTableFormat#AWAY_CODE} away, 0 when the table has no offense column
     * @param zOff {@code z_off_0..7}, finite; reused for the next row
     * @param zDef {@code z_def_0..7}, finite; reused for the next row
     */
    void visit(long row, double outcome, int matchup, double weight, double home, double[] zOff, double[] zDef);
}
