package org.matchup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.matchup.core.draws.Draws;
import org.matchup.core.io.StanCsvFiles;
import org.matchup.core.io.StanCsvReader;
import org.matchup.core.model.MatchupModel;
import org.matchup.core.whatif.ExpectedPoints;
import org.matchup.core.whatif.PlayerTable;
import org.matchup.core.whatif.SuperclusterTable;
import org.matchup.core.whatif.Venue;
import org.matchup.core.whatif.WhatIf;
import org.matchup.core.whatif.WhatIfQuery;
import org.matchup.core.whatif.WhatIfResult;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code matchup whatif}: expected points per 100 possessions of a five-man offence against a defence (five named
 * players or a league-average defence) under every draw of a fit, with a 90 % posterior interval, and with
 * {@code --swap} the posterior of the difference one replacement makes. The work is in
 * {@link org.matchup.core.whatif}; this class parses options and prints. One instance per run.
 */
@Command(name = "whatif", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = {"matchup whatif --fit DIR --season YYYY-YY --offense P1,...,P5",
            "    [--defense P1,...,P5|average] [--swap OUT=IN] [--home | --away]",
            "    [--csv FILE] [--players FILE] [--superclusters FILE] [--debug]"},
        description = {"Expected points per 100 possessions of an offensive lineup against a defensive lineup (or a"
                + " league-average defence) under every posterior draw of a fit, with the 90 %% interval; with"
                + " --swap, the posterior of the difference one replacement makes.",
            "Players are NBA ids or names of the season (accents, case and Jr./II/III/IV ignored), comma-separated;"
                + " quote a list with spaces: --offense \"LeBron James,Anthony Davis,...\".",
            "Exit codes: 0 answered, 2 bad input (unknown or ambiguous player, bad lineup, missing fit), 1 other"
                + " failure."})
final class WhatIfCommand implements Callable<Integer> {

    /** The --defense value that means a league-average defence. */
    static final String AVERAGE = "average";

    @Spec
    private CommandSpec spec;

    @Option(names = "--fit", required = true, paramLabel = "DIR",
            description = "A fit's output directory (Stan CSV chain files of a matchup model), or one chain file.")
    private Path fit;

    @Option(names = "--season", required = true, paramLabel = "YYYY-YY",
            description = "Season of the players' archetypes and lagged ratings: 2021-22, 2022-23 or 2023-24.")
    private String season;

    @Option(names = "--offense", required = true, split = ",", paramLabel = "P1,...,P5", hideParamSyntax = true,
            description = "The five players on offence.")
    private List<String> offense;

    @Option(names = "--defense", split = ",", paramLabel = "P1,...,P5|average", hideParamSyntax = true,
            defaultValue = AVERAGE,
            description = "The five players on defence, or 'average': league-average defenders (every d_rating 0)"
                    + " with the defensive supercluster weighted by possession share. Default: ${DEFAULT-VALUE}.")
    private List<String> defense;

    @Option(names = "--swap", paramLabel = "OUT=IN",
            description = "Also answer with player OUT (on offence or defence) replaced by IN (a player of the season"
                    + " not on court), and give the per-draw difference (swapped minus original).")
    private String swap;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private VenueOptions venue;

    @Option(names = "--players", paramLabel = "FILE", defaultValue = "../shared/data/nba/players.csv",
            description = "The player-season table; a relative path is from the working directory"
                    + " (default ${DEFAULT-VALUE}, right when run from a clone beside shared/).")
    private Path players;

    @Option(names = "--superclusters", paramLabel = "FILE", defaultValue = "../shared/data/nba/superclusters.csv",
            description = "The lineup superclusters' centroids and possession shares; relative as --players"
                    + " (default ${DEFAULT-VALUE}).")
    private Path superclusters;

    @Option(names = {"--csv", "--output"}, paramLabel = "FILE",
            description = "Also write the per-draw values as CSV: chain, draw, points_per_100 and with --swap"
                    + " swapped_points_per_100, difference.")
    private Path csv;

    @Option(names = "--debug", description = "Print stack traces of failures.")
    private boolean debug;

    /** --home or --away; neither is a neutral court. */
    static final class VenueOptions {
        @Option(names = "--home", description = "The offence plays at home (home = +0.5 in a model with a"
                + " home-court term).")
        boolean home;

        @Option(names = "--away", description = "The offence plays away (home = -0.5). Neither option: a neutral"
                + " court (home = 0).")
        boolean away;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();

        // Everything that needs no draws is checked first: options, output path, tables, players.
        WhatIfQuery query = query();
        if (csv != null) {
            OutputPaths.checkFile(csv, "--csv");
        }
        PlayerTable playerTable = PlayerTable.read(players);
        SuperclusterTable superclusterTable = SuperclusterTable.read(superclusters);
        WhatIf question = WhatIf.resolve(query, playerTable);

        // The fit's draws, read as summary and diagnose read them.
        List<StanCsvReader.Chain> chains = StanCsvReader.readChains(StanCsvFiles.resolve(List.of(fit)));
        Draws draws = SummaryCommand.withDraws(StanCsvReader.draws(chains));
        WhatIfResult result = question.evaluate(new ExpectedPoints(draws, superclusterTable));

        String stanName = chains.get(0).config().getOrDefault("model", "unknown");
        out.println("Fit: " + fit + " (model "
                + MatchupModel.ofStanName(stanName).map(MatchupModel::modelName).orElse(stanName) + ")");
        result.lines().forEach(out::println);
        if (csv != null) {
            result.writeDraws(csv);
            out.println("wrote " + csv);
        }
        return Matchup.EXIT_OK;
    }

    private WhatIfQuery query() {
        WhatIfQuery.Builder query = WhatIfQuery.builder().season(season.strip()).offence(stripped(offense));
        if (offense.size() == 1 && offense.get(0).strip().equalsIgnoreCase(AVERAGE)) {
            throw new ExitCodes.BadInputException("--offense must name five players; only --defense can be '"
                    + AVERAGE + "'");
        }
        if (defense.size() == 1 && defense.get(0).strip().equalsIgnoreCase(AVERAGE)) {
            query.averageDefence();
        } else {
            query.defence(stripped(defense));
        }
        if (swap != null) {
            String[] sides = swap.split("=", -1);
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                throw new ExitCodes.BadInputException("--swap must be OUT=IN, one player each side of one '=', got '"
                        + swap + "'");
            }
            query.swap(sides[0].strip(), sides[1].strip());
        }
        query.venue(venue == null ? Venue.NEUTRAL : venue.home ? Venue.HOME : Venue.AWAY);
        return query.build();
    }

    private static List<String> stripped(List<String> names) {
        return names.stream().map(String::strip).toList();
    }
}
