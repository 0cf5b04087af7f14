package org.matchup.cli.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.AbstractCategoryItemRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Interval plot of many parameters: one row per parameter, top to bottom in the order given, with the median as
 * a point, the central 50 % interval as a thick line and the central 90 % interval as a thin line.
 *
 * <p>Rows are {@value #ROW_HEIGHT} pixels apart, so the image grows with the number of parameters; past
 * {@value #MAX_HEIGHT} pixels the rows are squeezed instead. Tall charts repeat the value axis at the top.
 *
 * <p>Stateless; thread safe. The charts it returns are not.
 */
public final class IntervalChart {

    /** Width of the PNG in pixels. */
    public static final int WIDTH = 900;
    /** Pixels per parameter row, while the image is below {@link #MAX_HEIGHT}. */
    public static final int ROW_HEIGHT = 14;
    /** Largest height of the PNG in pixels: 4 bytes a pixel keeps the image near 60 MB while it is drawn. */
    public static final int MAX_HEIGHT = 16_000;

    /** Rows from which the value axis is repeated at the top, where the bottom axis is out of sight. */
    private static final int ROWS_FOR_TOP_AXIS = 40;
    private static final int FRAME_HEIGHT = 110;
    private static final int TOP_AXIS_HEIGHT = 40;

    private static final String[] SERIES = {"q5", "q25", "q50", "q75", "q95"};

    /**
     * One parameter's row.
     *
     * @param name the parameter's column name
     * @param q5 the 5 % quantile
     * @param q25 the 25 % quantile
     * @param median the median
     * @param q75 the 75 % quantile
     * @param q95 the 95 % quantile
     */
    public record Row(String name, double q5, double q25, double median, double q75, double q95) {
    }

    private IntervalChart() {
    }

    /**
     * @param rows the number of parameters
     * @return the height of the PNG in pixels: a fixed frame plus {@link #ROW_HEIGHT} per row, at most
     *         {@link #MAX_HEIGHT}
     */
    public static int height(int rows) {
        long frame = FRAME_HEIGHT + (rows >= ROWS_FOR_TOP_AXIS ? TOP_AXIS_HEIGHT : 0);
        return (int) Math.min(MAX_HEIGHT, frame + (long) ROW_HEIGHT * Math.max(rows, 1));
    }

    /**
     * @param title the title
     * @param rows the parameters, top to bottom; quantiles that are not finite leave the row empty
     * @return the chart
     * @throws IllegalArgumentException if there are no rows
     */
    public static JFreeChart create(String title, List<Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows must hold at least one parameter, was empty");
        }

        // Five series, one per quantile, with the parameters as categories; the renderer reads all five at once.
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (Row row : rows) {
            double[] q = {row.q5(), row.q25(), row.median(), row.q75(), row.q95()};
            boolean finite = true;
            for (double value : q) {
                finite &= Double.isFinite(value);
            }
            for (int k = 0; k < q.length; k++) {
                dataset.addValue(finite ? Double.valueOf(q[k]) : null, SERIES[k], row.name());
            }
            if (finite) {
                lowest = Math.min(lowest, row.q5());
                highest = Math.max(highest, row.q95());
            }
        }

        // Categories fill the axis evenly, so each row gets the same height and its label sits at its line.
        CategoryAxis parameterAxis = new CategoryAxis(null);
        parameterAxis.setLowerMargin(0);
        parameterAxis.setUpperMargin(0);
        parameterAxis.setCategoryMargin(0);
        parameterAxis.setMaximumCategoryLabelWidthRatio(0.4f);
        parameterAxis.setTickLabelFont(labelFont(rows.size()));
        parameterAxis.setTickMarksVisible(false);

        NumberAxis valueAxis = valueAxis(lowest, highest);
        CategoryPlot plot = new CategoryPlot(dataset, parameterAxis, valueAxis, new IntervalRenderer());
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(0, AxisLocation.BOTTOM_OR_LEFT);
        ChartStyle.style(plot);
        plot.setDomainGridlinesVisible(true);
        if (rows.size() >= ROWS_FOR_TOP_AXIS) {
            plot.setRangeAxis(1, valueAxis(lowest, highest));
            plot.setRangeAxisLocation(1, AxisLocation.TOP_OR_LEFT);
        }

        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        return ChartStyle.titled(chart, title, "point: median; thick line: central 50 % interval; thin line:"
                + " central 90 % interval (type-7 quantiles of the draws of all chains)");
    }

    /** A fixed range, the same on both axes, since only the first axis is tied to the data. */
    private static NumberAxis valueAxis(double lowest, double highest) {
        NumberAxis axis = new NumberAxis("value");
        ChartStyle.style(axis, false);
        if (!(lowest <= highest)) {
            axis.setRange(-1, 1);
            return axis;
        }
        double pad = highest > lowest ? 0.04 * (highest - lowest) : Math.max(Math.abs(lowest) * 0.05, 0.5);
        axis.setRange(lowest - pad, highest + pad);
        return axis;
    }

    /** Small enough that labels of neighbouring rows do not touch once rows are squeezed. */
    private static Font labelFont(int rows) {
        double rowPixels = (height(rows) - FRAME_HEIGHT) / (double) Math.max(rows, 1);
        float size = (float) Math.max(4, Math.min(ChartStyle.tickFont().getSize2D(), rowPixels - 3));
        return ChartStyle.tickFont().deriveFont(size);
    }

    /**
     * Draws each category's five quantiles as two lines and a point; only for horizontal plots. Not thread safe,
     * like every JFreeChart renderer.
     */
    private static final class IntervalRenderer extends AbstractCategoryItemRenderer {

        private static final long serialVersionUID = 1L;

        private static final Color LINE = new Color(0x0072B2);
        private static final Stroke THIN = new BasicStroke(1.2f);
        private static final Stroke THICK = new BasicStroke(4.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER);
        private static final double POINT_DIAMETER = 6;

        @Override
        public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea,
                CategoryPlot plot, CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row,
                int column, int pass) {

            // The first series' call draws the whole row; the other four quantiles are read from the dataset.
            if (row != 0 || dataset.getValue(0, column) == null) {
                return;
            }
            double y = domainAxis.getCategoryMiddle(column, dataset.getColumnCount(), dataArea,
                    plot.getDomainAxisEdge());
            RectangleEdge edge = plot.getRangeAxisEdge();
            double[] x = new double[SERIES.length];
            for (int k = 0; k < SERIES.length; k++) {
                x[k] = rangeAxis.valueToJava2D(dataset.getValue(k, column).doubleValue(), dataArea, edge);
            }

            g2.setPaint(LINE);
            g2.setStroke(THIN);
            g2.draw(new Line2D.Double(x[0], y, x[4], y));
            g2.setStroke(THICK);
            g2.draw(new Line2D.Double(x[1], y, x[3], y));
            Ellipse2D point = new Ellipse2D.Double(x[2] - POINT_DIAMETER / 2, y - POINT_DIAMETER / 2,
                    POINT_DIAMETER, POINT_DIAMETER);
            g2.setPaint(Color.WHITE);
            g2.fill(point);
            g2.setPaint(Color.BLACK);
            g2.setStroke(THIN);
            g2.draw(point);
        }
    }
}
