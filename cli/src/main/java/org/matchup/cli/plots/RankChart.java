package org.matchup.cli.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Rank plot of one parameter as proposed by Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021),
 * "Rank-normalization, folding, and localization: an improved R-hat for assessing convergence of MCMC",
 * Bayesian Analysis 16(2), 667-718, doi:10.1214/20-BA1221, arXiv:1903.08008: one panel per chain, stacked, each a
 * histogram of the ranks its draws have among the draws of all chains. Chains that sample the same distribution give
 * roughly flat histograms; a dashed line marks the count per bin that uniform ranks would give.
 *
 * <p>The counts are computed by the caller; this class only draws them. Stateless; thread safe. The charts it
 * returns are not.
 */
public final class RankChart {

    /** Width of the PNG in pixels. */
    public static final int WIDTH = 1000;

    private static final int PANEL_HEIGHT = 130;
    private static final int FRAME_HEIGHT = 110;

    private RankChart() {
    }

    /**
     * @param chains number of chains, one panel each
     * @return the height of the PNG in pixels
     */
    public static int height(int chains) {
        return FRAME_HEIGHT + PANEL_HEIGHT * Math.max(chains, 1);
    }

    /**
     * @param name the parameter's column name, the title
     * @param counts counts[chain][bin]: how many of the chain's draws have a pooled rank in the bin; every chain
     *               has the same number of bins, which split the ranks 1 .. (all draws) into equal parts
     * @return the chart
     * @throws IllegalArgumentException if there are no chains or no bins
     */
    public static JFreeChart create(String name, int[][] counts) {
        if (counts.length == 0 || counts[0].length == 0) {
            throw new IllegalArgumentException("counts must have at least one chain and one bin, was "
                    + counts.length + " chains");
        }
        int bins = counts[0].length;
        long pooled = 0;
        int highest = 0;
        for (int[] chain : counts) {
            for (int count : chain) {
                pooled += count;
                highest = Math.max(highest, count);
            }
        }

        // Bars span their share of the pooled ranks, so the x axis reads as ranks.
        NumberAxis rankAxis = new NumberAxis("rank among the draws of all chains");
        rankAxis.setRange(0, Math.max(pooled, 1));
        ChartStyle.style(rankAxis, true);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(rankAxis);
        plot.setGap(8);
        plot.setOrientation(PlotOrientation.VERTICAL);

        // One panel per chain, all on the same count scale so that their heights compare.
        double top = Math.max(highest, 1) * 1.08;
        for (int c = 0; c < counts.length; c++) {
            long drawsInChain = 0;
            XYIntervalSeries series = new XYIntervalSeries("chain " + (c + 1));
            for (int b = 0; b < bins; b++) {
                double start = (double) pooled * b / bins;
                double end = (double) pooled * (b + 1) / bins;
                series.add((start + end) / 2, start, end, counts[c][b], 0, counts[c][b]);
                drawsInChain += counts[c][b];
            }
            XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
            dataset.addSeries(series);

            XYBarRenderer renderer = new XYBarRenderer();
            renderer.setBarPainter(new StandardXYBarPainter());
            renderer.setShadowVisible(false);
            renderer.setDrawBarOutline(true);
            renderer.setSeriesOutlinePaint(0, Color.WHITE);
            renderer.setSeriesPaint(0, ChartStyle.chainColour(c));

            NumberAxis countAxis = new NumberAxis("chain " + (c + 1));
            countAxis.setRange(0, top);
            ChartStyle.style(countAxis, true);
            XYPlot panel = new XYPlot(dataset, null, countAxis, renderer);
            ChartStyle.style(panel);
            panel.setDomainGridlinesVisible(false);

            // Uniform ranks put drawsInChain / bins draws in each bin.
            ValueMarker expected = new ValueMarker((double) drawsInChain / bins, Color.DARK_GRAY,
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                            0f));
            panel.addRangeMarker(expected);
            plot.add(panel, 1);
        }

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        String subtitle = String.format(Locale.ROOT, "ranks of %d draws pooled over %d chain%s, %d bins; dashed:"
                + " the count per bin if all chains sample the same distribution", pooled, counts.length,
                counts.length == 1 ? "" : "s", bins);
        return ChartStyle.titled(chart, "rank plot: " + name, subtitle);
    }
}
