package org.matchup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.matchup.cli.CommandRun.matchup;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of malformed tables, made from real rows, given to every command that reads a table ({@code validate},
 * {@code fit}, {@code preflight}): each gets exit code 2, one line naming what is wrong and where, no stack trace
 * and no output directory. Tables that are only unusual (CRLF, a byte-order mark, blank lines, a quoted comma in
 * an ignored column, a plain file named .gz) must be accepted.
 */
class BadInputCorpusTest {

    @TempDir
    static Path dir;

    private static List<String> header;
    private static List<String[]> rows;

    @BeforeAll
    static void readRealRows() throws IOException {
        Path train = Path.of(System.getProperty("matchup.shared"), "data", "nba", "matchups_train.csv.gz");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(train)), StandardCharsets.UTF_8))) {
            header = List.of(in.readLine().split(","));
            rows = new ArrayList<>();
            for (String line = in.readLine(); line != null && rows.size() < 400; line = in.readLine()) {
                rows.add(line.split(",", -1));
            }
        }
    }

    private static int column(String name) {
        return header.indexOf(name);
    }

    /** The header and rows joined by LF, after changing row 3 (a copy) with {@code change}. */
    private static String table(UnaryOperator<String[]> change) {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            String[] fields = rows.get(i).clone();
            text.append(String.join(",", i == 2 ? change.apply(fields) : fields)).append('\n');
        }
        return text.toString();
    }

    private static UnaryOperator<String[]> set(String name, String value) {
        return fields -> {
            fields[column(name)] = value;
            return fields;
        };
    }

    /** The header and rows with one column's value in every row set to {@code value}. */
    private static String everyRow(String name, String value) {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (String[] row : rows) {
            String[] fields = row.clone();
            fields[column(name)] = value;
            text.append(String.join(",", fields)).append('\n');
        }
        return text.toString();
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Path writeBytes(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** Each malformed table with a fragment its one-line message must contain. */
    private static Map<Path, String> corpus() throws IOException {
        Map<Path, String> cases = new LinkedHashMap<>();
        String good = table(f -> f);
        cases.put(write("empty.csv", ""), "is empty");
        cases.put(write("header-only.csv", String.join(",", header) + "\n"), "has a header but no data rows");
        cases.put(write("missing-column.csv", good.replaceFirst(",z_def_3,", ",z_def_x,")), "column z_def_3");
        cases.put(write("missing-matchup-column.csv", good.replaceFirst(",matchup_id,", ",matchup,")),
                "column matchup_id");
        cases.put(write("duplicated-column.csv", good.replaceFirst(",z_off_0,", ",outcome,")),
                "the header names this column twice");
        cases.put(write("text.csv", table(set("z_off_2", "abc"))), "row 3 (line 4), column z_off_2: 'abc'");
        cases.put(write("comma-decimal.csv", table(set("outcome", "\"1,07\""))), "column outcome: '1,07'");
        cases.put(write("nan.csv", table(set("z_def_1", "NaN"))), "column z_def_1: 'NaN' is not a finite number");
        cases.put(write("inf.csv", table(set("outcome", "Inf"))), "column outcome: 'Inf' is not a finite number");
        cases.put(write("negative-infinity.csv", table(set("z_off_7", "-Infinity"))), "column z_off_7");
        cases.put(write("empty-value.csv", table(set("z_off_4", ""))), "column z_off_4: '' is empty");
        cases.put(write("hex.csv", table(set("z_def_5", "0x1p3"))), "column z_def_5: '0x1p3' is not a number");
        cases.put(write("java-suffix.csv", table(set("outcome", "1.0d"))), "column outcome: '1.0d' is not a number");
        cases.put(write("quoted-comma-numeric.csv", table(set("z_off_1", "\"0,5\""))), "column z_off_1: '0,5'");
        cases.put(writeBytes("truncated.csv.gz", Arrays.copyOf(gzip(good), gzip(good).length / 2)), "truncated");
        cases.put(writeBytes("garbage.csv.gz", new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}),
                "gzip data");
        cases.put(write("zero-possessions.csv", table(set("possessions", "0"))),
                "column possessions: '0' is not a positive number of possessions");
        cases.put(write("negative-possessions.csv", table(set("possessions", "-2"))), "column possessions: '-2'");
        cases.put(write("nan-possessions.csv", table(set("possessions", "nan"))), "column possessions: 'nan'");
        cases.put(write("matchup-36.csv", table(set("matchup_id", "36"))), "column matchup_id: '36' is outside 0..35");
        cases.put(write("matchup-negative.csv", table(set("matchup_id", "-1"))), "column matchup_id: '-1'");
        cases.put(write("matchup-fraction.csv", table(set("matchup_id", "3.5"))),
                "column matchup_id: '3.5' is not an integer matchup id");
        cases.put(write("matchup-text.csv", table(set("matchup_id", "three"))), "column matchup_id: 'three'");
        cases.put(write("constant-outcome.csv", everyRow("outcome", "0")),
                "column outcome is constant (every row is 0.0)");
        cases.put(write("constant-outcome-one.csv", everyRow("outcome", "1.0")), "column outcome is constant");
        cases.put(write("single-matchup.csv", everyRow("matchup_id", "7")), "a single matchup");
        cases.put(write("per-100.csv", everyRowScaled()), "not points per possession");
        cases.put(write("placeholder-feature.csv", everyRow("z_off_3", "0")),
                "constant column, a placeholder: z_off_3");
        cases.put(write("short-row.csv", table(f -> Arrays.copyOf(f, f.length - 3))),
                "row 3 (line 4), column z_def_5: value missing");
        cases.put(write("long-row.csv", table(f -> {
            String[] longer = Arrays.copyOf(f, f.length + 1);
            longer[f.length] = "1";
            return longer;
        })), "row 3 (line 4)");
        cases.put(write("unterminated-quote.csv", good.replaceFirst("\n2021", "\n\"2021")), "malformed CSV");
        cases.put(write("no-names.csv", ",,,\n1,2,3,4\n"), "column");
        cases.put(writeBytes("missing-column.csv.gz", gzip(good.replaceFirst(",z_off_6,", ",z_off_66,"))),
                "column z_off_6");
        cases.put(dir.resolve("does-not-exist.csv"), "no such file");
        cases.put(Files.createDirectories(dir.resolve("a-directory.csv")), "is a directory");
        return cases;
    }

    /** Points per 100 possessions instead of per possession. */
    private static String everyRowScaled() {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (String[] row : rows) {
            String[] fields = row.clone();
            fields[column("outcome")] = Double.toString(100 * Double.parseDouble(fields[column("outcome")]));
            text.append(String.join(",", fields)).append('\n');
        }
        return text.toString();
    }



    @Test
    void theCorpusHasAtLeastThirtyTables() throws IOException {
        assertTrue(corpus().size() >= 30, "corpus size " + corpus().size());
    }

    @Test
    void fitAndPreflightRefuseEachWithOneLineAndNoOutput() throws IOException {
        for (Map.Entry<Path, String> c : corpus().entrySet()) {
            for (String command : List.of("fit", "preflight")) {
                Path output = dir.resolve("out-" + command);
                CommandRun run = matchup(args(command, c.getKey(), output));
                String what = command + " " + c.getKey().getFileName() + ": " + run.err();
                assertEquals(2, run.exitCode(), what);
                // Progress lines start "matchup fit:"; the error is the one line starting "matchup: ".
                List<String> errors = run.err().lines().filter(l -> l.startsWith("matchup: ")).toList();
                assertEquals(1, errors.size(), what);
                assertTrue(errors.get(0).contains(c.getValue()), what + " should contain: " + c.getValue());
                assertFalse(run.err().contains("\tat "), what);
                assertFalse(Files.exists(output), "output left behind: " + what);
            }
        }
    }

    private static String[] args(String command, Path table, Path output) {
        List<String> all = new ArrayList<>(List.of(command, "--data", table.toString(), "--output", output.toString(),
                "--chains", "1", "--warmup", "10", "--draws", "10"));
        if (command.equals("fit")) {
            all.addAll(List.of("--progress-seconds", "0"));
        }
        return all.toArray(String[]::new);
    }

    @Test
    void validateFailsEachAndNamesTheProblem() throws IOException {
        for (Map.Entry<Path, String> c : corpus().entrySet()) {
            Path report = dir.resolve("report.json");
            Files.deleteIfExists(report);
            CommandRun run = matchup("validate", "--data", c.getKey().toString(), "--no-stan", "--report",
                    report.toString());
            String what = "validate " + c.getKey().getFileName() + ": " + run.out() + run.err();
            assertEquals(2, run.exitCode(), what);
            assertTrue((run.out() + run.err()).contains(c.getValue()), what + " should contain: " + c.getValue());
            assertFalse(run.err().contains("\tat "), what);
            if (!run.err().isBlank()) {
                assertEquals(1, run.err().strip().lines().count(), what);
                assertFalse(Files.exists(report), "a table that cannot be read leaves no report: " + what);
            } else {
                assertTrue(run.out().contains("validate: FAIL ("), what);
            }
        }
    }

    @Test
    void unusualButWellFormedTablesAreAccepted() throws IOException {
        String good = table(f -> f);
        List<Path> accepted = List.of(
                write("crlf.csv", good.replace("\n", "\r\n")),
                writeBytes("bom.csv", ("\uFEFF" + good).getBytes(StandardCharsets.UTF_8)),
                write("blank-lines.csv", good.replaceFirst("\n", "\n\n\n").replace("\n2022", "\n\n2022")),
                write("quoted-comma-ignored.csv", table(set("game_id", "\"00221,00002\""))),
                write("plain-named.csv.gz", good));
        for (Path table : accepted) {
            CommandRun run = matchup("validate", "--data", table.toString(), "--no-stan");
            assertEquals(0, run.exitCode(), table.getFileName() + ": " + run.out() + run.err());
            assertTrue(run.out().contains("PASS schema: 400 rows"), table.getFileName() + ": " + run.out());
        }
    }
}
