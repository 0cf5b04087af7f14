package org.matchup.core.whatif;

import org.matchup.core.data.MatchupTableFormat;

/**
 * Where the offence plays, coded as the table reader codes the {@code offense} column
 * ({@link MatchupTableFormat#HOME_CODE} = +0.5 home, {@link MatchupTableFormat#AWAY_CODE} = -0.5 away) and 0 on a
 * neutral court, so that the home-court coefficient is the home-minus-away difference. A model without a
 * home-court term ignores it.
 *
 * <p>Constants; thread safe.
 */
public enum Venue {
    /** The offence plays at home. */
    HOME(MatchupTableFormat.HOME_CODE, "offence at home"),
    /** The offence plays away. */
    AWAY(MatchupTableFormat.AWAY_CODE, "offence away"),
    /** Neither team at home: the average of home and away. */
    NEUTRAL(0.0, "neutral court");

    private final double home;
    private final String description;

    Venue(double home, String description) {
        this.home = home;
        this.description = description;
    }

    /** @return the value of the home-court covariate: +0.5, -0.5 or 0 */
    public double home() {
        return home;
    }

    /** @return how a report names it, such as {@code neutral court} */
    public String description() {
        return description;
    }
}
