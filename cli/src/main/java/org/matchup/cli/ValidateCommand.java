package org.matchup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.matchup.core.data.TableScan;
import org.matchup.core.model.MatchupModel;
import org.matchup.core.sampling.SamplerConfig;
import org.matchup.core.validation.Check;
import org.matchup.core.validation.CheckStatus;
import org.matchup.core.validation.ModelChecks;
import org.matchup.core.validation.TableChecks;
import org.matchup.core.validation.ValidationReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code matchup validate}: every check of a table and of the model on it, each PASS, WARN or FAIL with its
 * numbers. Exit code 0 when all pass, 2 on any FAIL, and with {@code --strict} 1 on warnings. One instance per
 * run.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a matchup table and the model on it before fitting: schema, outcome, matchup"
                + " distribution, feature variance and ranges, identifiability, parameter alignment, and a short"
                + " Stan run with an estimate of the full run's time.",
            "Each check is PASS, WARN or FAIL; the model checks are SKIPped when the table fails.",
            "Exit codes: 0 all pass (warnings allowed), 2 a check failed or bad input, 1 a warning with --strict."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Matchup table, CSV or gzipped.")
    private Path data;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "matchup-specific",
            description = "Model the table is for. Default: ${DEFAULT-VALUE}.")
    private String model;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Also write the checks as JSON.")
    private Path report;

    @Option(names = "--strict", description = "Exit 1 on warnings.")
    private boolean strict;

    @Option(names = "--no-stan", description = "Skip the checks that load the model and sample.")
    private boolean noStan;

    @Mixin
    private SamplerOptions sampler;

    @Option(names = "--debug", description = "Print stack traces of failures.")
    private boolean debug;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SamplerConfig config = sampler.config();
        MatchupModel matchupModel = MatchupModel.named(model);
        if (report != null) {
            OutputPaths.checkFile(report, "--report");
        }
        ValidationReport result = validate(data, matchupModel, config, !noStan, out);
        if (report != null) {
            result.writeJson(report);
            out.println("wrote " + report);
        }
        return result.exitCode(strict);
    }

    /**
     * Runs the checks, printing each as it finishes.
     *
     * @param table the table
     * @param model the model
     * @param config the full run's configuration, for the estimate
     * @param withStan whether to run the checks that load the model
     * @param out where the lines go
     * @return the report
     * @throws IOException if the table cannot be read
     */
    static ValidationReport validate(Path table, MatchupModel model, SamplerConfig config, boolean withStan,
            PrintWriter out) throws IOException {
        TableScan scan = TableScan.of(table, TableChecks.EXAMPLES);
        List<Check> checks = new ArrayList<>();
        for (Check check : TableChecks.run(scan)) {
            print(check, out);
            checks.add(check);
        }
        boolean tableFailed = checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL);
        if (withStan && !tableFailed) {
            for (int k = 0; k < 2; k++) {
                Check check = k == 0 ? ModelChecks.alignment(model, table, scan.statistics())
                        : ModelChecks.stanBehaviour(model, table, scan.statistics(), config);
                print(check, out);
                checks.add(check);
                if (check.status() == CheckStatus.FAIL) {
                    break;
                }
            }
        } else if (withStan) {
            out.println("SKIP parameter-alignment, stan-behaviour: the table failed a check");
        }
        ValidationReport result = new ValidationReport(table, checks);
        Check failure = result.firstFailure();
        out.println(failure == null ? "validate: " + result.status() + " (" + checks.size() + " checks)"
                : "validate: FAIL (" + failure.name() + ")");
        out.flush();
        return result;
    }

    private static void print(Check check, PrintWriter out) {
        out.println(check.line());
        if (check.status() != CheckStatus.PASS) {
            for (String detail : check.details()) {
                out.println("    " + detail);
            }
        }
        out.flush();
    }
}
