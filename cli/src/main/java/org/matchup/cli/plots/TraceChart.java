package org.matchup.cli.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * Trace plot of one parameter: the draw index (from 1) on the x axis, the value on the y axis, one line per
 * chain in the chain's colour of {@link ChartStyle}, with a legend {@code chain 1 .. chain N}.
 *
 * <p>Stateless; thread safe. The charts it returns are not.
 */
public final class TraceChart {

    /** Width of the PNG in pixels. */
    public static final int WIDTH = 1000;
    /** Height of the PNG in pixels. */
    public static final int HEIGHT = 450;

    /** Some transparency, so that a chain drawn later does not hide the earlier ones completely. */
    private static final int LINE_ALPHA = 200;

    private TraceChart() {
    }

    /**
     * @param name the parameter's column name, the title
     * @param draws the parameter's draws as [chain][draw]
     * @return the chart; infinite values and NaN leave gaps
     */
    public static JFreeChart create(String name, double[][] draws) {
        DefaultXYDataset dataset = new DefaultXYDataset();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);

        // One series per chain; draw indices start at 1 as in Stan's output.
        int longest = 0;
        int shortest = Integer.MAX_VALUE;
        for (int c = 0; c < draws.length; c++) {
            int n = draws[c].length;
            double[][] xy = new double[2][n];
            for (int i = 0; i < n; i++) {
                xy[0][i] = i + 1;
                xy[1][i] = Double.isFinite(draws[c][i]) ? draws[c][i] : Double.NaN;
            }
            dataset.addSeries("chain " + (c + 1), xy);
            Color colour = ChartStyle.chainColour(c);
            renderer.setSeriesPaint(c, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), LINE_ALPHA));
            renderer.setSeriesStroke(c, new BasicStroke(0.8f));
            longest = Math.max(longest, n);
            shortest = Math.min(shortest, n);
        }

        // One path per chain draws thousands of segments quickly and joins them cleanly.
        renderer.setDrawSeriesLineAsPath(true);
        NumberAxis drawAxis = new NumberAxis("draw");
        drawAxis.setAutoRangeIncludesZero(false);
        drawAxis.setRange(0.5, Math.max(longest, 1) + 0.5);
        NumberAxis valueAxis = new NumberAxis(name);
        valueAxis.setAutoRangeIncludesZero(false);
        ChartStyle.style(drawAxis, true);
        ChartStyle.style(valueAxis, false);
        XYPlot plot = new XYPlot(dataset, drawAxis, valueAxis, renderer);
        ChartStyle.style(plot);

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(ChartStyle.labelFont());
        legend.setFrame(BlockBorder.NONE);
        String drawCount = shortest == longest ? Integer.toString(longest) : shortest + " to " + longest;
        String subtitle = String.format(Locale.ROOT, "%d chain%s, %s draws each", draws.length,
                draws.length == 1 ? "" : "s", drawCount);
        return ChartStyle.titled(chart, "trace: " + name, subtitle);
    }
}
