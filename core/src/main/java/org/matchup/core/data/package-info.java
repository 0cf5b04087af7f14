/**
 * Reading the archetype-matchup modelling table and reducing it to what a Stan model needs.
 *
 * <p>The table has one row per team offensive stint: points per possession ({@code outcome}), the possessions
 * of the stint ({@code possessions}, the likelihood weight), the matchup of offensive and defensive lineup
 * superclusters ({@code matchup_id}, 0..35) and the summed lagged rating z-scores of the players of each of the
 * 8 archetypes on offence ({@code z_off_0..7}) and on defence ({@code z_def_0..7}); see
 * {@link org.matchup.core.data.MatchupTableFormat}.
 *
 * <ul>
 *   <li>{@link org.matchup.core.data.MatchupTableReader} streams a CSV or gzipped CSV file row by row and rejects
 *       bad input with a {@link org.matchup.core.data.MatchupDataException} naming file, row, column and
 *       value.</li>
 *   <li>{@link org.matchup.core.data.SufficientStatistics} reduces any number of rows, in one pass, to the
 *       per-matchup weighted cross-products from which the normal log likelihood of each matchup follows.</li>
 *   <li>{@link org.matchup.core.data.MatchupRows} holds a small table in memory for the row-level Stan model.</li>
 *   <li>{@link org.matchup.core.data.MatchupTableValidator} is a cheap pass that refuses placeholder data.</li>
 * </ul>
 */
package org.matchup.core.data;
