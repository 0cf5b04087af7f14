package org.matchup.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/matchup}: the command line over the library. Each subcommand is its own class; this one only
 * dispatches and maps failures to exit codes.
 *
 * <p>Exit codes: 0 success (for {@code fit}: converged), 1 any other failure, 2 bad input (data, options,
 * output directory), 3 finished but not converged; for {@code launch} also 4 no capacity on RunPod and 5 stopped
 * at the cost cap.
 */
@Command(name = "matchup", mixinStandardHelpOptions = true, version = "matchup 0.1.0-SNAPSHOT (Stan 2.21.0 in-process)",
        description = "Fit Bayesian archetype-matchup models of NBA possessions with Stan's NUTS, in-process.",
        subcommands = {FitCommand.class, ValidateCommand.class, PreflightCommand.class, SummaryCommand.class,
            DiagnoseCommand.class, PlotCommand.class, EvaluateCommand.class, WhatIfCommand.class, LaunchCommand.class,
            PodsCommand.class,
            CommandLine.HelpCommand.class})
public final class Matchup implements Runnable {

    /** Success; for {@code fit}, a converged run. */
    public static final int EXIT_OK = 0;
    /** A failure that is not the input's fault. */
    public static final int EXIT_FAILURE = 1;
    /** Bad input: data, options or output directory. */
    public static final int EXIT_BAD_INPUT = 2;
    /** The run finished but did not converge. */
    public static final int EXIT_NOT_CONVERGED = 3;
    /** {@code launch}: RunPod had no machine for the pod; nothing was rented. */
    public static final int EXIT_NO_CAPACITY = 4;
    /** {@code launch}: the cost cap stopped the run; what it kept was brought back. */
    public static final int EXIT_COST_CAP = 5;
    /** Interrupted (Ctrl-C). */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: fit, validate, preflight, summary, diagnose, plot, evaluate, whatif, launch"
                        + " or pods");
    }

    /**
     * Runs the command line and returns its exit code, writing to the given streams.
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = new CommandLine(new Matchup());
        line.setOut(out);
        line.setErr(err);

        // Wider than picocli's 80 columns, so that defaults such as URLs and image names are not broken mid-word.
        line.setUsageHelpWidth(110);
        line.setExitCodeExceptionMapper(ExitCodes::exitCodeOf);
        line.setParameterExceptionHandler((e, a) -> {
            err.println("matchup: " + e.getMessage());
            err.println("Try 'matchup " + commandPath(e.getCommandLine()) + "--help' for the options.");
            return EXIT_BAD_INPUT;
        });
        line.setExecutionExceptionHandler((e, parsed, result) -> ExitCodes.report(e, err, debug(args)));
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Entry point of {@code bin/matchup}.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(code);
    }

    private static boolean debug(String[] args) {
        for (String arg : args) {
            if (arg.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static String commandPath(CommandLine line) {
        String name = line.getCommandName();
        return name.equals("matchup") ? "" : name + " ";
    }
}
