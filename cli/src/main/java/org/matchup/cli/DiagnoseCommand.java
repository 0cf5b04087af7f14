package org.matchup.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.matchup.core.diagnostics.SamplerDiagnosis;
import org.matchup.core.io.StanCsvFiles;
import org.matchup.core.io.StanCsvReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code matchup diagnose}: the checks of CmdStan's {@code diagnose} on Stan CSV files, ending with a one-line
 * verdict; exit code 0 when clean, 3 when a problem was found. One instance per run.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check Stan CSV files for divergences, tree-depth saturation, low E-BFMI, R-hat above 1.01"
                + " and ESS below 100 per chain, as CmdStan's diagnose does.",
            "Exit codes: 0 no problems, 3 problems found, 2 bad input, 1 other failure."})
final class DiagnoseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILES|DIR",
            description = "Stan CSV files, one per chain, or directories holding them (for example a fit's output).")
    private List<Path> inputs;

    @Option(names = "--max-treedepth", paramLabel = "N",
            description = "Maximum tree depth of the run. Default: the files' max_depth, else 10.")
    private Integer maxTreedepth;

    @Option(names = "--debug", description = "Print stack traces of failures.")
    private boolean debug;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<StanCsvReader.Chain> chains = StanCsvReader.readChains(StanCsvFiles.resolve(inputs));
        int depth = maxTreedepth != null ? maxTreedepth : configuredDepth(chains.get(0));
        SamplerDiagnosis diagnosis = SamplerDiagnosis.of(SummaryCommand.withDraws(StanCsvReader.draws(chains)), depth);
        for (String line : diagnosis.lines()) {
            out.println(line);
        }
        out.println();
        out.println(diagnosis.verdict());
        return diagnosis.isClean() ? Matchup.EXIT_OK : Matchup.EXIT_NOT_CONVERGED;
    }

    private static int configuredDepth(StanCsvReader.Chain chain) {
        try {
            return Integer.parseInt(chain.config().getOrDefault("max_depth", "10"));
        } catch (NumberFormatException e) {
            throw new ExitCodes.BadInputException(chain.file() + ": max_depth is not an integer: "
                    + chain.config().get("max_depth"));
        }
    }
}
