package org.matchup.core.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One validation check's result: its name, status, a one-line summary with its numbers, detail lines (the first
 * offenders, per-column values) and the numbers by name for machine-readable reports.
 *
 * <p>Immutable and thread safe.
 *
 * @param name short name, such as {@code outcome}
 * @param status PASS, WARN or FAIL
 * @param summary one line that says what was found, with numbers
 * @param details further lines, possibly none
 * @param numbers the measured values by name, in a stable order
 */
public record Check(String name, CheckStatus status, String summary, List<String> details,
        Map<String, Object> numbers) {

    /** Copies the lists and maps. */
    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        details = List.copyOf(details);
        numbers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    /** @return the check as one line: {@code FAIL outcome: ...} */
    public String line() {
        return status + " " + name + ": " + summary;
    }
}
