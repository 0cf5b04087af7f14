package org.matchup.cli.plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.matchup.core.io.AtomicFiles;

/**
 * Writes charts as PNG files, and turns column names into file names.
 *
 * <p>Stateless; thread safe as long as no two threads write the same file.
 */
public final class PngFiles {

    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

    private PngFiles() {
    }

    /**
     * Renders a chart and writes it through a sibling {@code .part} file that is then moved over the target, so
     * the target is either the old file or the whole new one, never half a PNG.
     *
     * @param chart the chart
     * @param width image width in pixels
     * @param height image height in pixels
     * @param file the PNG file to write
     * @throws IOException if the file cannot be written
     */
    public static void write(JFreeChart chart, int width, int height, Path file) throws IOException {
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    /**
     * @param name a column name such as {@code beta_off.3.5}
     * @return the name with every character other than {@code [A-Za-z0-9._-]} replaced by {@code _}
     */
    public static String safeName(String name) {
        return UNSAFE.matcher(name).replaceAll("_");
    }
}
