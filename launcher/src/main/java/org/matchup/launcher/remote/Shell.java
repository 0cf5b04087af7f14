package org.matchup.launcher.remote;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for POSIX shell command lines. Stateless. */
public final class Shell {

    private Shell() {
    }

    /**
     * @param word any string
     * @return it as one shell word: unchanged when it holds only safe characters, else in single quotes
     */
    public static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * @param words the words of a command
     * @return them quoted and joined by spaces
     */
    public static String join(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
