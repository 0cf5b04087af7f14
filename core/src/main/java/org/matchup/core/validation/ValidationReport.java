package org.matchup.core.validation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.matchup.core.io.AtomicFiles;

/**
 * The checks run on a table, in order, with the overall status and the exit code that {@code validate} gives.
 *
 * <p>Immutable and thread safe.
 *
 * @param file the table checked
 * @param checks the checks in the order run
 */
public record ValidationReport(Path file, List<Check> checks) {

    /** Exit code when every check passed (or only warned, without strict). */
    public static final int EXIT_PASS = 0;
    /** Exit code on a warning with strict. */
    public static final int EXIT_WARN_STRICT = 1;
    /** Exit code on any FAIL. */
    public static final int EXIT_FAIL = 2;

    /** Copies the list. */
    public ValidationReport {
        Objects.requireNonNull(file, "file");
        checks = List.copyOf(checks);
    }

    /** @return the most severe status of any check, PASS when there is none */
    public CheckStatus status() {
        CheckStatus worst = CheckStatus.PASS;
        for (Check check : checks) {
            worst = worst.worst(check.status());
        }
        return worst;
    }

    /**
     * @param strict whether a warning fails
     * @return 2 on any FAIL, 1 on a warning when strict, else 0
     */
    public int exitCode(boolean strict) {
        return switch (status()) {
            case FAIL -> EXIT_FAIL;
            case WARN -> strict ? EXIT_WARN_STRICT : EXIT_PASS;
            case PASS -> EXIT_PASS;
        };
    }

    /** @return the first failed check, or null */
    public Check firstFailure() {
        return checks.stream().filter(c -> c.status() == CheckStatus.FAIL).findFirst().orElse(null);
    }

    /**
     * Writes the report as JSON ({@code file}, {@code status}, then each check with its status, summary, details
     * and numbers), through a sibling file so that no half-written report is left.
     *
     * @param json the file to write
     * @throws IOException if writing fails
     */
    public void writeJson(Path json) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", file.toString());
        root.put("status", status().name());
        root.put("checks", checks.stream().map(c -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", c.name());
            entry.put("status", c.status().name());
            entry.put("summary", c.summary());
            entry.put("details", c.details());
            entry.put("numbers", c.numbers());
            return entry;
        }).toList());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        AtomicFiles.write(json, out -> mapper.writeValue(out, root));
    }
}
