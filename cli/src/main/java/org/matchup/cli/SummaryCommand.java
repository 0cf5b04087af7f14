package org.matchup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.matchup.core.diagnostics.PosteriorSummary;
import org.matchup.core.draws.Draws;
import org.matchup.core.io.AtomicFiles;
import org.matchup.core.io.StanCsvFiles;
import org.matchup.core.io.StanCsvReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code matchup summary}: the table of CmdStan's {@code stansummary} for Stan CSV files of this project or of
 * CmdStan: Mean, MCSE, StdDev, MAD, quantiles, ESS_bulk, ESS_tail and R_hat per column. One instance per run.
 */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Summarise the draws of Stan CSV files (this project's or CmdStan's), as stansummary does.",
            "R_hat is the rank-normalised split R-hat (the larger of bulk and tail); ESS_bulk and ESS_tail as in"
                + " Vehtari et al. (2021)."})
final class SummaryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILES|DIR",
            description = "Stan CSV files, one per chain, or directories holding them (for example a fit's output).")
    private List<Path> inputs;

    @Option(names = "--percentiles", paramLabel = "P,...", split = ",", defaultValue = "5,50,95",
            description = "Percentiles to show, each in (0, 100). Default: ${DEFAULT-VALUE}.")
    private List<Double> percentiles;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table, at full precision, as CSV.")
    private Path csv;

    @Option(names = "--sig-figs", paramLabel = "N", defaultValue = "6",
            description = "Significant figures printed. Default: ${DEFAULT-VALUE}.")
    private int sigFigs;

    @Option(names = "--debug", description = "Print stack traces of failures.")
    private boolean debug;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!(sigFigs >= 1 && sigFigs <= 17)) {
            throw new ExitCodes.BadInputException("--sig-figs must be between 1 and 17, got " + sigFigs);
        }
        double[] probabilities = percentiles.stream().mapToDouble(p -> p / 100).toArray();
        for (double p : percentiles) {
            if (!(p > 0 && p < 100)) {
                throw new ExitCodes.BadInputException("--percentiles must be strictly between 0 and 100, got " + p);
            }
        }
        if (csv != null) {
            OutputPaths.checkFile(csv, "--csv");
        }
        List<Path> files = StanCsvFiles.resolve(inputs);
        List<StanCsvReader.Chain> chains = StanCsvReader.readChains(files);
        Draws draws = withDraws(StanCsvReader.draws(chains));
        long start = System.nanoTime();
        PosteriorSummary summary = PosteriorSummary.of(draws, probabilities);
        double seconds = (System.nanoTime() - start) / 1e9;

        // Heading, table, and what the columns mean.
        String model = chains.get(0).config().getOrDefault("model", "unknown");
        List<String> counts = new ArrayList<>();
        for (int c = 0; c < draws.chainCount(); c++) {
            counts.add(Integer.toString(draws.drawCount(c)));
        }
        out.printf(Locale.ROOT, "Inference for Stan model: %s%n", model);
        out.printf(Locale.ROOT, "%d chains: draws per chain (%s), %d files%n", draws.chainCount(),
                String.join(", ", counts), files.size());
        out.println();
        for (String line : table(summary)) {
            out.println(line);
        }
        out.println();
        out.printf(Locale.ROOT, "Summarised %d columns in %.2f s. MCSE is that of the mean; MAD is the scaled median"
                + " absolute deviation.%n", summary.rows().size(), seconds);
        if (csv != null) {
            writeCsv(summary, csv);
            out.println("wrote " + csv);
        }
        return Matchup.EXIT_OK;
    }

    /**
     * @param draws draws read from chain files
     * @return the draws, when any chain kept one
     * @throws ExitCodes.BadInputException when no chain did
     */
    static Draws withDraws(Draws draws) {
        for (int c = 0; c < draws.chainCount(); c++) {
            if (draws.drawCount(c) > 0) {
                return draws;
            }
        }
        throw new ExitCodes.BadInputException("the chain files hold no draws after warmup");
    }

    private List<String> table(PosteriorSummary summary) {
        List<String> headings = new ArrayList<>(List.of("", "Mean", "MCSE", "StdDev", "MAD"));
        for (double p : summary.probabilities()) {
            headings.add(PosteriorSummary.percentLabel(p));
        }
        headings.addAll(List.of("ESS_bulk", "ESS_tail", "R_hat"));
        List<String[]> cells = new ArrayList<>();
        cells.add(headings.toArray(String[]::new));
        for (PosteriorSummary.Row row : summary.rows()) {
            List<String> line = new ArrayList<>(List.of(row.name(), number(row.mean()), number(row.mcseMean()),
                    number(row.sd()), number(row.mad())));
            for (double q : row.quantiles()) {
                line.add(number(q));
            }
            line.addAll(List.of(number(row.essBulk()), number(row.essTail()), number(row.rhat())));
            cells.add(line.toArray(String[]::new));
        }

        // Names left-aligned, numbers right-aligned, each column as wide as its widest cell.
        int[] widths = new int[headings.size()];
        for (String[] line : cells) {
            for (int j = 0; j < line.length; j++) {
                widths[j] = Math.max(widths[j], line[j].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-" + widths[0] + "s", line[0]));
            for (int j = 1; j < line.length; j++) {
                text.append(String.format(Locale.ROOT, "  %" + widths[j] + "s", line[j]));
            }
            lines.add(text.toString());
        }
        return lines;
    }

    private String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + sigFigs + "g", value).replaceFirst("^(-?\\d+\\.\\d*?)0+$", "$1")
                .replaceFirst("\\.$", "");
    }

    /** CSV in stansummary's column names, numbers at full precision. */
    private static void writeCsv(PosteriorSummary summary, Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of("name", "Mean", "MCSE", "StdDev", "MAD"));
        for (double p : summary.probabilities()) {
            header.add(PosteriorSummary.percentLabel(p));
        }
        header.addAll(List.of("ESS_bulk", "ESS_tail", "R_hat"));
        AtomicFiles.writeText(file, writer -> {
            try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                    .setHeader(header.toArray(String[]::new)).get())) {
                for (PosteriorSummary.Row row : summary.rows()) {
                    List<Object> record = new ArrayList<>(List.of(row.name(), row.mean(), row.mcseMean(), row.sd(),
                            row.mad()));
                    for (double q : row.quantiles()) {
                        record.add(q);
                    }
                    record.addAll(List.of(row.essBulk(), row.essTail(), row.rhat()));
                    printer.printRecord(record);
                }
            }
        });
    }
}
