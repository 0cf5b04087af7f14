package org.matchup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

import org.jfree.chart.JFreeChart;
import org.matchup.cli.plots.IntervalChart;
import org.matchup.cli.plots.PngFiles;
import org.matchup.cli.plots.RankChart;
import org.matchup.cli.plots.TraceChart;
import org.matchup.core.diagnostics.Quantiles;
import org.matchup.core.draws.Draws;
import org.matchup.core.io.StanCsvFiles;
import org.matchup.core.io.StanCsvReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code matchup plot}: reads Stan CSV chain files and writes PNG charts of chosen parameters: a trace plot and a
 * rank plot of each, and one interval plot of them all.
 *
 * <p>Exit code 0 when every file was written, 2 on bad input (nothing written), 1 on any other failure. Not
 * thread safe: picocli fills one instance per run.
 */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "matchup plot [-hV] FILES|DIR... --out DIR [--params NAME...] [--debug]",
        description = {"Draw PNG charts of the draws in Stan CSV chain files (one chain per file).",
            "For each parameter: trace-NAME.png (value by draw, one line per chain) and rank-NAME.png (histograms"
                + " of each chain's ranks among all draws, Vehtari et al. 2021); for all of them: intervals.png"
                + " (median, 50 %% and 90 %% intervals).",
            "Exit codes: 0 written, 2 bad input, 1 other failure."})
final class PlotCommand implements Callable<Integer> {

    // PNGs need no display; set before any AWT class loads, which happens only once a chart is built.
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Trace and rank plots drawn when --params is not given; the interval plot still shows every parameter. */
    static final int DEFAULT_PER_PARAMETER_LIMIT = 12;
    /** The interval plot's file name. */
    static final String INTERVALS = "intervals.png";

    /** Column groups named in the message for a --params name that matches nothing. */
    private static final int NAMES_SHOWN = 10;

    @Spec
    private CommandSpec spec;

    /** Optional for picocli, so that files swallowed by --params get a message that says so. */
    @Parameters(arity = "0..*", paramLabel = "FILES|DIR",
            description = "Stan CSV files, one per chain, or directories holding them (such as fit's --output).")
    private List<Path> inputs;

    @Option(names = "--params", arity = "1..*", split = ",", paramLabel = "NAME",
            description = "Columns to plot: a NAME selects the column of that name and every column that starts"
                    + " with NAME followed by '.', so alpha selects alpha.1, alpha.2, ... Default: every model"
                    + " parameter, with trace and rank plots of the first " + DEFAULT_PER_PARAMETER_LIMIT + ".")
    private List<String> params;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for the PNG files; created if missing, files of the same name replaced.")
    private Path out;

    @Option(names = "--debug", description = "Print stack traces of failures.")
    private boolean debug;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        // Everything that can be refused is refused before anything is written.
        OutputPaths.checkDirectory(out, "--out");
        if (inputs == null || inputs.isEmpty()) {
            throw new ExitCodes.BadInputException("no FILES|DIR given" + (params == null ? ""
                    : pathHint(params.get(params.size() - 1))));
        }
        Draws draws = StanCsvReader.read(StanCsvFiles.resolve(inputs));
        int drawCount = 0;
        for (int c = 0; c < draws.chainCount(); c++) {
            drawCount += draws.drawCount(c);
        }
        if (drawCount == 0) {
            throw new ExitCodes.BadInputException("the chain files hold no draws after warmup");
        }
        List<String> selected = params == null ? draws.parameterNames() : select(draws.columnNames(), params);
        if (selected.isEmpty()) {
            throw new ExitCodes.BadInputException("the chain files hold only sampler columns such as lp__; name"
                    + " the columns to plot with --params");
        }
        List<String> perParameter = selected;
        if (params == null && selected.size() > DEFAULT_PER_PARAMETER_LIMIT) {
            perParameter = selected.subList(0, DEFAULT_PER_PARAMETER_LIMIT);
            err.println("matchup plot: trace and rank plots of the first " + DEFAULT_PER_PARAMETER_LIMIT + " of "
                    + selected.size() + " parameters (name others with --params); the interval plot shows all");
            err.flush();
        }
        Files.createDirectories(out);

        // Trace and rank plot of each parameter.
        for (String name : perParameter) {
            double[][] column = draws.column(name);
            write(stdout, TraceChart.create(name, column), TraceChart.WIDTH, TraceChart.HEIGHT,
                    "trace-" + PngFiles.safeName(name) + ".png");
            int[][] counts = RankHistograms.counts(column, Math.min(RankHistograms.DEFAULT_BINS, drawCount));
            write(stdout, RankChart.create(name, counts), RankChart.WIDTH, RankChart.height(counts.length),
                    "rank-" + PngFiles.safeName(name) + ".png");
        }

        // One interval plot of all selected parameters, from the draws of all chains pooled.
        List<IntervalChart.Row> rows = new ArrayList<>(selected.size());
        for (String name : selected) {
            double[] q = Quantiles.type7(RankHistograms.pool(draws.column(name)), 0.05, 0.25, 0.5, 0.75, 0.95);
            rows.add(new IntervalChart.Row(name, q[0], q[1], q[2], q[3], q[4]));
        }
        String title = "intervals of " + rows.size() + (rows.size() == 1 ? " parameter" : " parameters");
        write(stdout, IntervalChart.create(title, rows), IntervalChart.WIDTH, IntervalChart.height(rows.size()),
                INTERVALS);

        stdout.println("matchup plot: " + (2 * perParameter.size() + 1) + " PNG files in " + out);
        stdout.flush();
        return Matchup.EXIT_OK;
    }

    private void write(PrintWriter stdout, JFreeChart chart, int width, int height, String fileName)
            throws IOException {
        Path file = out.resolve(fileName);
        PngFiles.write(chart, width, height, file);
        stdout.println("wrote " + file);
        stdout.flush();
    }

    /**
     * The columns that the --params names select: for each name, in the order given, the column of that name
     * and those that start with the name and a dot, in file order; each column once.
     *
     * @param columns the column names of the chain files
     * @param names the names given
     * @return the selected columns
     * @throws ExitCodes.BadInputException naming the first name that selects nothing
     */
    static List<String> select(List<String> columns, List<String> names) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String given : names) {
            String name = given.strip();
            if (name.isEmpty()) {
                throw new ExitCodes.BadInputException("--params: empty name in '" + String.join(",", names) + "'");
            }
            boolean found = false;
            for (String column : columns) {
                if (column.equals(name) || column.startsWith(name + ".")) {
                    chosen.add(column);
                    found = true;
                }
            }
            if (!found) {
                throw new ExitCodes.BadInputException("--params: '" + name + "' matches no column; available: "
                        + available(columns) + pathHint(name));
            }
        }
        return new ArrayList<>(chosen);
    }

    /** Model parameters first, grouped by the part before the first dot: "mu, theta.* (8), tau, lp__, ...". */
    private static String available(List<String> columns) {
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (boolean sampler : new boolean[] {false, true}) {
            for (String column : columns) {
                if (column.endsWith("__") == sampler) {
                    int dot = column.indexOf('.');
                    groups.merge(dot < 0 ? column : column.substring(0, dot) + ".*", 1, Integer::sum);
                }
            }
        }
        StringJoiner shown = new StringJoiner(", ");
        int count = 0;
        for (Map.Entry<String, Integer> group : groups.entrySet()) {
            if (count++ == NAMES_SHOWN) {
                shown.add("...");
                break;
            }
            shown.add(group.getValue() == 1 ? group.getKey() : group.getKey() + " (" + group.getValue() + ")");
        }
        return shown.toString();
    }

    /** A file name among the --params values most likely means the files were given after --params. */
    private static String pathHint(String name) {
        try {
            if (Files.exists(Path.of(name))) {
                return " ('" + name + "' after --params is taken as a name: give FILES|DIR before --params)";
            }
        } catch (InvalidPathException e) {
            // Not a path, so no hint.
        }
        return "";
    }
}
