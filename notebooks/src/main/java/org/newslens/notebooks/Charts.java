package org.newslens.notebooks;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.time.Month;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * Charts of query results as images, which the kernel shows as PNG: {@code display(Charts.bars(...))}.
 * Columns are named; the rows are collected to the driver, so queries should aggregate first.
 */
public final class Charts {

  /** Image width in pixels: modest, so committed notebooks stay small. */
  public static final int WIDTH = 760;

  /** Image height in pixels. */
  public static final int HEIGHT = 340;

  private Charts() {}

  /** Horizontal bars, one per row, in the rows' order. */
  public static BufferedImage bars(String title, Dataset<Row> rows, String category, String value) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Row row : rows.select(category, value).collectAsList()) {
      data.addValue(number(row, 1), value, String.valueOf(row.get(0)));
    }
    JFreeChart chart = ChartFactory.createBarChart(title, category, value, data, PlotOrientation.HORIZONTAL, false, false, false);
    return render(chart, Math.max(HEIGHT, 60 + 18 * data.getColumnCount()));
  }

  /**
   * One line per value of {@code series} over monthly periods ({@code yyyy-MM} in column {@code
   * period}); a period of another shape (such as {@code all}) is an error: filter it out first.
   */
  public static BufferedImage lines(String title, Dataset<Row> rows, String period, String series, String value) {
    Map<String, TimeSeries> bySeries = new LinkedHashMap<>();
    for (Row row : rows.select(period, series, value).collectAsList()) {
      String name = String.valueOf(row.get(1));
      bySeries.computeIfAbsent(name, TimeSeries::new).addOrUpdate(month(row.getString(0)), number(row, 2));
    }
    TimeSeriesCollection data = new TimeSeriesCollection();
    bySeries.values().forEach(data::addSeries);
    JFreeChart chart = ChartFactory.createTimeSeriesChart(title, period, value, data, bySeries.size() > 1, false, false);
    // Months without rows have no point: markers show where the data is.
    ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDefaultShapesVisible(true);
    return render(chart, HEIGHT);
  }

  private static Month month(String period) {
    try {
      YearMonth ym = YearMonth.parse(period);
      return new Month(ym.getMonthValue(), ym.getYear());
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("period '" + period + "' is not a month (yyyy-MM); filter such rows out before charting", e);
    }
  }

  private static double number(Row row, int index) {
    Object value = row.get(index);
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException("column " + row.schema().fields()[index].name() + " holds " + value + ", not a number");
    }
    return n.doubleValue();
  }

  private static BufferedImage render(JFreeChart chart, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(new Color(248, 248, 248));
    return chart.createBufferedImage(WIDTH, height);
  }
}
