/**
 * What-if questions about lineups answered from a fitted matchup model: what a five-man offence is expected to
 * score per 100 possessions against a defence, and what changes when one player is replaced.
 *
 * <ul>
 *   <li>{@link org.matchup.core.whatif.PlayerTable} reads {@code players.csv} and finds a player of a season by
 *       NBA id or by name ({@link org.matchup.core.whatif.PlayerNames}: accents, case and suffixes ignored).</li>
 *   <li>{@link org.matchup.core.whatif.SuperclusterTable} reads {@code superclusters.csv} and assigns a
 *       composition to its nearest centroid.</li>
 *   <li>{@link org.matchup.core.whatif.Lineup} and {@link org.matchup.core.whatif.LineupMatchup} turn players into
 *       the modelling rows of the table ({@link org.matchup.core.whatif.MatchupRow}), with a league-average
 *       defence as an option.</li>
 *   <li>{@link org.matchup.core.whatif.ExpectedPoints} evaluates rows under every posterior draw;
 *       {@link org.matchup.core.whatif.WhatIf} answers a {@link org.matchup.core.whatif.WhatIfQuery} with a
 *       {@link org.matchup.core.whatif.WhatIfResult}.</li>
 * </ul>
 */
package org.matchup.core.whatif;
