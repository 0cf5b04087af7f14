package org.matchup.cli.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The look shared by every chart of {@code matchup plot}: white plots with light grid lines, one colour per chain
 * and the same fonts, so that chain 2 is the same colour in its trace and its rank panel.
 *
 * <p>Stateless; thread safe. The charts it styles are not.
 */
final class ChartStyle {

    /**
     * Chain colours: the palette of Okabe and Ito (2008), "Color Universal Design", which colour-blind readers
     * can tell apart; its yellow is left out because it vanishes on white.
     */
    private static final Color[] CHAIN_COLOURS = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000),
    };

    private static final Color GRID = new Color(0xDDDDDD);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ChartStyle() {
    }

    /**
     * @param chain zero-based chain index
     * @return the chain's colour; the palette repeats after seven chains
     */
    static Color chainColour(int chain) {
        return CHAIN_COLOURS[Math.floorMod(chain, CHAIN_COLOURS.length)];
    }

    /**
     * A chart with the house title font and, when given, a smaller subtitle under it.
     *
     * @param chart the chart to style
     * @param title the title
     * @param subtitle the line under the title, or null for none
     * @return the same chart
     */
    static JFreeChart titled(JFreeChart chart, String title, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        // Room on the right for the last tick label of a horizontal axis, which is centred on the plot's edge.
        chart.setPadding(new RectangleInsets(6, 6, 6, 24));
        chart.setTitle(new TextTitle(title, TITLE_FONT));
        if (subtitle != null) {
            chart.addSubtitle(new TextTitle(subtitle, SUBTITLE_FONT));
        }
        return chart;
    }

    /** White background, light grid lines. */
    static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.GRAY);
    }

    /** White background, light grid lines. */
    static void style(CategoryPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.GRAY);
    }

    /** Fonts, and tick labels formatted the same whatever the default locale. */
    static void style(NumberAxis axis, boolean integers) {
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setStandardTickUnits(integers ? NumberAxis.createIntegerTickUnits(Locale.ROOT)
                : NumberAxis.createStandardTickUnits(Locale.ROOT));
    }

    static Font labelFont() {
        return LABEL_FONT;
    }

    static Font tickFont() {
        return TICK_FONT;
    }
}
