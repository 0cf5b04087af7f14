package org.matchup.core.whatif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real lineup's composition and rating sums, checked against players.csv read independently by plain line
 * splits; and the modelling rows of a lineup against a named and against a league-average defence.
 */
class LineupTest {

    /** The Nuggets' 2022-23 starting five: Murray, Caldwell-Pope, Porter Jr., Gordon, Jokić. */
    private static final List<String> NUGGETS = List.of("1627750", "203484", "1629008", "203932", "203999");
    /** The Lakers' 2022-23 opening-night five: Westbrook, Beverley, Walker IV, James, Davis. */
    private static final List<String> LAKERS = List.of("201566", "201976", "1629022", "2544", "203076");

    private static PlayerTable players;
    private static SuperclusterTable superclusters;
    private static Map<String, String[]> raw;

    @BeforeAll
    static void readTables() throws IOException {
        players = PlayerTable.read(SharedData.playersCsv());
        superclusters = SuperclusterTable.read(SharedData.superclustersCsv());
        raw = SharedData.rawPlayerRows();
    }

    @Test
    void compositionAndRatingSumsAreThoseOfThePlayers() {
        for (List<String> ids : List.of(NUGGETS, LAKERS)) {
            Lineup lineup = lineup(ids);

            // players.csv columns: 4 archetype, 6 o_rating, 7 d_rating.
            int[] composition = new int[8];
            double[] zOff = new double[8];
            double[] zDef = new double[8];
            for (String id : ids) {
                String[] row = raw.get("2022-23/" + id);
                int a = Integer.parseInt(row[4]);
                composition[a]++;
                zOff[a] += Double.parseDouble(row[6]);
                zDef[a] += Double.parseDouble(row[7]);
            }
            assertArrayEquals(composition, lineup.composition());
            assertArrayEquals(zOff, lineup.offensiveRatingSums(), 1e-12);
            assertArrayEquals(zDef, lineup.defensiveRatingSums(), 1e-12);
        }

        // The same by hand for the Nuggets: Jokić alone is archetype 7, Porter Jr. and Gordon are forwards (5).
        Lineup nuggets = lineup(NUGGETS);
        assertArrayEquals(new int[] {0, 0, 1, 1, 0, 2, 0, 1}, nuggets.composition());
        assertEquals(2.285, nuggets.offensiveRatingSums()[7], 1e-12);
        assertEquals(1.1921, nuggets.defensiveRatingSums()[7], 1e-12);
    }

    @Test
    void rowAgainstANamedDefence() {
        // Reference superclusters from Python (see SuperclusterTableTest): Lakers 0, Nuggets 4.
        LineupMatchup matchup = new LineupMatchup(lineup(LAKERS), lineup(NUGGETS), Venue.HOME);
        List<MatchupRow> rows = matchup.rows(superclusters);
        assertEquals(1, rows.size());
        assertEquals(4, rows.get(0).matchup());
        assertEquals(1.0, rows.get(0).weight());
        assertArrayEquals(lineup(LAKERS).offensiveRatingSums(), rows.get(0).zOff());
        assertArrayEquals(lineup(NUGGETS).defensiveRatingSums(), rows.get(0).zDef());

        LineupMatchup reversed = new LineupMatchup(lineup(NUGGETS), lineup(LAKERS), Venue.AWAY);
        assertEquals(4 * 6 + 0, reversed.rows(superclusters).get(0).matchup());
    }

    @Test
    void rowsAgainstTheLeagueAverageDefence() {
        List<MatchupRow> rows = LineupMatchup.againstAverageDefence(lineup(LAKERS), Venue.NEUTRAL)
                .rows(superclusters);
        assertEquals(6, rows.size());
        double[] share = {0.2227, 0.18, 0.1766, 0.1722, 0.1298, 0.1186};
        for (int d = 0; d < 6; d++) {
            assertEquals(d, rows.get(d).matchup());
            assertEquals(share[d] / 0.9999, rows.get(d).weight(), 1e-15);
            assertArrayEquals(new double[8], rows.get(d).zDef());
        }
    }

    @Test
    void refusesBadLineups() {
        List<Player> four = new ArrayList<>(lineup(LAKERS).players().subList(0, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Lineup(four));
        assertEquals("a lineup has 5 players, this one 4: Russell Westbrook, Patrick Beverley, Lonnie Walker IV,"
                + " LeBron James", e.getMessage());

        List<Player> twice = new ArrayList<>(four);
        twice.add(four.get(0));
        e = assertThrows(IllegalArgumentException.class, () -> new Lineup(twice));
        assertEquals("Russell Westbrook (201566) is in the lineup twice: Russell Westbrook, Patrick Beverley,"
                + " Lonnie Walker IV, LeBron James, Russell Westbrook", e.getMessage());

        List<Player> mixed = new ArrayList<>(four);
        mixed.add(players.find("2021-22", "Anthony Davis"));
        e = assertThrows(IllegalArgumentException.class, () -> new Lineup(mixed));
        assertEquals("a lineup's players are of one season, but Russell Westbrook (201566) is of 2022-23 and"
                + " Anthony Davis (203076) of 2021-22", e.getMessage());

        List<Player> rated = lineup(LAKERS).players();
        List<Player> sourceSeason = new ArrayList<>();
        for (Player p : rated) {
            sourceSeason.add(players.find("2020-21", Long.toString(p.nbaPlayerId())));
        }
        e = assertThrows(IllegalArgumentException.class, () -> new Lineup(sourceSeason));
        assertEquals("Russell Westbrook (201566) has no lagged ratings in 2020-21, which is only a rating source",
                e.getMessage());

        Player james = players.find("2022-23", "LeBron James");
        Lineup withJames = lineup(LAKERS);
        List<Player> others = new ArrayList<>(lineup(NUGGETS).players().subList(0, 4));
        others.add(james);
        e = assertThrows(IllegalArgumentException.class, () -> new LineupMatchup(withJames, new Lineup(others),
                Venue.NEUTRAL));
        assertEquals("LeBron James (2544) is in both the offence and the defence", e.getMessage());
    }

    private static Lineup lineup(List<String> ids) {
        return new Lineup(ids.stream().map(id -> players.find("2022-23", id)).toList());
    }
}
