package org.matchup.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.matchup.core.diagnostics.ParameterSummary;
import org.matchup.core.io.StanCsvFiles;
import org.matchup.core.io.StanCsvReader;
import org.matchup.core.whatif.ExpectedPoints;
import org.matchup.core.whatif.PlayerTable;
import org.matchup.core.whatif.SuperclusterTable;
import org.matchup.core.whatif.Venue;
import org.matchup.core.whatif.WhatIf;
import org.matchup.core.whatif.WhatIfQuery;
import org.matchup.core.whatif.WhatIfResult;

/**
 * The reference system's case study through the Java API: the 2022-23 Lakers with Russell Westbrook against the
 * same lineup with D'Angelo Russell, the player the Lakers received for him in February 2023, both facing a
 * league-average defence on a neutral court. The shared data have no team or lineup columns, so the lineup is the
 * Lakers' opening-night starting five rather than their most-used lineup: Westbrook, Patrick Beverley, Lonnie
 * Walker IV, LeBron James and Anthony Davis.
 *
 * <pre>
 *   java -cp 'examples/target/matchup-examples.jar:examples/target/lib/*' org.matchup.examples.LakersWestbrookSwap \
 *       runs/hierarchical [../shared/data/nba]
 * </pre>
 */
public final class LakersWestbrookSwap {

    /** The Lakers' 2022-23 opening-night starters, Westbrook first. */
    static final List<String> LAKERS = List.of("Russell Westbrook", "Patrick Beverley", "Lonnie Walker IV",
            "LeBron James", "Anthony Davis");

    private LakersWestbrookSwap() {
    }

    /**
     * @param args a fit directory of a matchup model, then optionally the directory of players.csv and
     *             superclusters.csv (default {@code ../shared/data/nba})
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args as for {@link #main}
     * @param out where the report goes
     * @param err where a usage message goes
     * @return the exit code: 0 answered, 2 no or no such fit directory
     * @throws IOException if a file cannot be read
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length < 1 || !Files.isDirectory(Path.of(args[0]))) {
            err.println(args.length < 1 ? "usage: LakersWestbrookSwap FIT_DIR [DATA_DIR]"
                    : "no fit directory " + args[0]);
            err.println("Make a fit of the hierarchical model first (about 3 minutes on two cores), for example:");
            err.println("  bin/matchup fit --data ../shared/data/nba/matchups_train.csv.gz --model"
                    + " matchup-hierarchical --chains 4 --tune 1000 --draws 2000 --adapt-delta 0.99"
                    + " --output runs/hierarchical");
            return 2;
        }
        Path data = Path.of(args.length > 1 ? args[1] : "../shared/data/nba");

        // The question: the starting five, Westbrook out and Russell in, against a league-average defence.
        WhatIfQuery query = WhatIfQuery.builder().season("2022-23").offence(LAKERS).averageDefence()
                .swap("Russell Westbrook", "D'Angelo Russell").venue(Venue.NEUTRAL).build();
        WhatIf question = WhatIf.resolve(query, PlayerTable.read(data.resolve("players.csv")));

        // Every posterior draw of the fit gives the expected points per 100 possessions of both lineups.
        ExpectedPoints fit = new ExpectedPoints(StanCsvReader.read(StanCsvFiles.resolve(List.of(Path.of(args[0])))),
                SuperclusterTable.read(data.resolve("superclusters.csv")));
        WhatIfResult result = question.evaluate(fit);
        result.lines().forEach(out::println);

        // The answer in one sentence.
        ParameterSummary difference = result.differenceSummary().orElseThrow();
        out.println();
        out.printf(Locale.ROOT, "Russell for Westbrook: %+.2f points per 100 possessions (90 %% interval %+.2f to"
                + " %+.2f), an improvement in %.0f %% of the posterior draws.%n", difference.mean(), difference.q5(),
                difference.q95(), 100 * result.probabilityDifferencePositive().orElseThrow());
        return 0;
    }
}
