package org.matchup.core.whatif;

import java.util.Objects;

import org.matchup.core.data.MatchupTableFormat;

/**
 * One player-season of {@code players.csv}: who he is, his archetype in that season, and the lagged rating
 * z-scores that the modelling rows of that season use for him.
 *
 * <p>Immutable; thread safe.
 *
 * @param season the season, such as {@code 2022-23}
 * @param nbaPlayerId the NBA person id
 * @param name the name as nba_api writes it, with accents
 * @param minutes on-court minutes in that season's stints
 * @param archetype archetype 0..7 from that season's box-score profile
 * @param archetypeLabel the archetype's name, such as {@code high-usage creator}
 * @param offensiveRating lagged offensive z-score ({@code o_rating}): his previous season's RAPM, 0 without one;
 *        NaN in a season that is only a rating source (2020-21)
 * @param defensiveRating lagged defensive z-score ({@code d_rating}, positive = good defence); NaN as above
 * @param hasPriorRating whether he had a previous-season rating (false also in a rating-source season)
 */
public record Player(String season, long nbaPlayerId, String name, double minutes, int archetype,
        String archetypeLabel, double offensiveRating, double defensiveRating, boolean hasPriorRating) {

    /**
     * @throws NullPointerException if a text is null
     * @throws IllegalArgumentException if the archetype is outside 0..7
     */
    public Player {
        Objects.requireNonNull(season, "season");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(archetypeLabel, "archetypeLabel");
        if (archetype < 0 || archetype >= MatchupTableFormat.ARCHETYPE_COUNT) {
            throw new IllegalArgumentException("archetype must be in 0.." + (MatchupTableFormat.ARCHETYPE_COUNT - 1)
                    + ", was " + archetype);
        }
    }

    /** @return whether the season gives him lagged ratings, as a modelling row needs */
    public boolean isRated() {
        return !Double.isNaN(offensiveRating) && !Double.isNaN(defensiveRating);
    }

    /** @return name and id, as messages show a player: {@code Nikola Jokić (203999)} */
    public String describe() {
        return name + " (" + nbaPlayerId + ")";
    }
}
