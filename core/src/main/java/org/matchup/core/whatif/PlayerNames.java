package org.matchup.core.whatif;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The player-name normalisation of the data preparation (shared data README, recipe step 1), so that a name typed
 * on the command line matches the name in {@code players.csv} whatever its accents, case or suffix: NFKD accent
 * strip, lower case, apostrophes and periods removed, other punctuation replaced by a space, the suffixes
 * {@code jr}, {@code sr}, {@code ii}, {@code iii} and {@code iv} dropped, whitespace collapsed. "Nikola Jokić"
 * becomes {@code nikola jokic}, "D'Angelo Russell" {@code dangelo russell}, "Lonnie Walker IV"
 * {@code lonnie walker}.
 *
 * <p>Stateless; thread safe.
 */
public final class PlayerNames {

    /** Combining marks left by NFKD decomposition: the accents. */
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    /** Apostrophes (typed, typographic, grave) and periods, removed so that "D'Angelo" and "Dangelo" agree. */
    private static final Pattern DROPPED = Pattern.compile("['\u2019`.]");
    /** Any other character that is neither a letter, a digit nor whitespace. */
    private static final Pattern OTHER_PUNCTUATION = Pattern.compile("[^\\p{L}\\p{N}\\s]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");

    private PlayerNames() {
    }

    /**
     * @param name a player's name as written anywhere
     * @return its normalised form; empty when nothing but punctuation and suffixes is left
     */
    public static String normalise(String name) {
        Objects.requireNonNull(name, "name");

        // Decompose accented letters and drop the accents.
        String text = COMBINING_MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");

        // Lower case; apostrophes and periods go, other punctuation splits words.
        text = text.toLowerCase(Locale.ROOT);
        text = DROPPED.matcher(text).replaceAll("");
        text = OTHER_PUNCTUATION.matcher(text).replaceAll(" ");

        // Words without the generational suffixes, single-spaced.
        List<String> words = new ArrayList<>();
        for (String word : WHITESPACE.split(text.strip())) {
            if (!word.isEmpty() && !SUFFIXES.contains(word)) {
                words.add(word);
            }
        }
        return String.join(" ", words);
    }
}
