package org.matchup.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the command line in this JVM, as tests see it: the exit code and what it printed.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
record CommandRun(int exitCode, String out, String err) {

    /**
     * @param args the arguments of {@code bin/matchup}
     * @return the run
     */
    static CommandRun matchup(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Matchup.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
