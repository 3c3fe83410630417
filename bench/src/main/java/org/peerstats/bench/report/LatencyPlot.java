package org.peerstats.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;

/**
 * Draws latency-by-percentile curves (the HdrHistogram way: the x axis in "nines", so 90 %,
 * 99 %, 99.9 % are evenly spaced; the y axis logarithmic in milliseconds) with Java2D, and writes
 * them as a PNG. Dashed lines mark the p99 targets.
 */
public final class LatencyPlot {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final int LEFT = 80;
    private static final int RIGHT = 270;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e)};

    /** A horizontal reference line, e.g. a target. */
    public record Marker(String label, double ms, Color colour) {
    }

    private LatencyPlot() {
    }

    /** @param series name → histogram of latencies in microseconds */
    public static void write(Path file, String title, Map<String, Histogram> series, List<Marker> markers) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, title, series, markers);
        } finally {
            g.dispose();
        }
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void draw(Graphics2D g, String title, Map<String, Histogram> series, List<Marker> markers) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);

        double maxNines = 1;
        double lowMs = Double.MAX_VALUE;
        double highMs = 0;
        for (Histogram h : series.values()) {
            if (h.getTotalCount() == 0) {
                continue;
            }
            maxNines = Math.max(maxNines, Math.min(4, Math.log10(h.getTotalCount())));
            lowMs = Math.min(lowMs, Math.max(0.01, h.getMinValue() / 1000.0));
            highMs = Math.max(highMs, h.getMaxValue() / 1000.0);
        }
        for (Marker marker : markers) {
            highMs = Math.max(highMs, marker.ms());
            lowMs = Math.min(lowMs, marker.ms());
        }
        if (highMs == 0) {
            lowMs = 0.1;
            highMs = 1000;
        }
        double yLow = Math.floor(Math.log10(lowMs));
        double yHigh = Math.ceil(Math.log10(highMs * 1.2));
        double xHigh = Math.ceil(maxNines);
        Axes axes = new Axes(xHigh, yLow, yHigh);

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        // grid and tick labels
        g.setColor(new Color(0xdddddd));
        for (int nines = 0; nines <= xHigh; nines++) {
            int x = axes.x(nines);
            g.drawLine(x, TOP, x, HEIGHT - BOTTOM);
        }
        for (double decade = yLow; decade <= yHigh; decade++) {
            int y = axes.y(Math.pow(10, decade));
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        for (int nines = 0; nines <= xHigh; nines++) {
            String label = nines == 0 ? "0%" : percentLabel(100 * (1 - Math.pow(10, -nines)));
            g.drawString(label, axes.x(nines) - g.getFontMetrics().stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
        }
        for (double decade = yLow; decade <= yHigh; decade++) {
            String label = msLabel(Math.pow(10, decade));
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), axes.y(Math.pow(10, decade)) + 4);
        }
        g.drawString("percentile", LEFT + (WIDTH - LEFT - RIGHT) / 2 - 30, HEIGHT - 25);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("latency (ms, log scale)", -(TOP + (HEIGHT - TOP - BOTTOM) / 2) - 60, 20);
        rotated.dispose();

        // target markers
        Stroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0);
        for (Marker marker : markers) {
            int y = axes.y(marker.ms());
            g.setColor(marker.colour());
            g.setStroke(dashed);
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setStroke(new BasicStroke(1));
            g.drawString(marker.label(), LEFT + 6, y - 4);
        }

        // curves and legend
        int index = 0;
        int legendY = TOP + 10;
        for (Map.Entry<String, Histogram> entry : series.entrySet()) {
            Histogram h = entry.getValue();
            Color colour = COLOURS[index++ % COLOURS.length];
            g.setColor(colour);
            g.setStroke(new BasicStroke(2.2f));
            if (h.getTotalCount() > 0) {
                Path2D.Double path = new Path2D.Double();
                double last = Math.min(xHigh, Math.log10(h.getTotalCount()));
                boolean first = true;
                for (double nines = 0; nines <= last + 1e-9; nines += 0.01) {
                    double percentile = 100 * (1 - Math.pow(10, -nines));
                    double ms = Math.max(Math.pow(10, yLow), h.getValueAtPercentile(percentile) / 1000.0);
                    if (first) {
                        path.moveTo(axes.x(nines), axes.y(ms));
                        first = false;
                    } else {
                        path.lineTo(axes.x(nines), axes.y(ms));
                    }
                }
                g.draw(path);
            }
            g.setStroke(new BasicStroke(1));
            g.fillRect(WIDTH - RIGHT + 15, legendY - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), WIDTH - RIGHT + 35, legendY);
            g.drawString(String.format(Locale.ROOT, "p50 %s  p99 %s  n=%d", msLabel(h.getValueAtPercentile(50) / 1000.0),
                    msLabel(h.getValueAtPercentile(99) / 1000.0), h.getTotalCount()), WIDTH - RIGHT + 35, legendY + 15);
            legendY += 40;
        }
    }

    private static String percentLabel(double percent) {
        String text = String.format(Locale.ROOT, "%.4f", percent).replaceAll("0+$", "").replaceAll("\\.$", "");
        return text + "%";
    }

    static String msLabel(double ms) {
        if (ms >= 1000) {
            return String.format(Locale.ROOT, ms >= 10_000 ? "%.0f s" : "%.1f s", ms / 1000);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }

    private record Axes(double xHigh, double yLow, double yHigh) {
        int x(double nines) {
            return LEFT + (int) Math.round(nines / xHigh * (WIDTH - LEFT - RIGHT));
        }

        int y(double ms) {
            double fraction = (Math.log10(ms) - yLow) / (yHigh - yLow);
            return HEIGHT - BOTTOM - (int) Math.round(fraction * (HEIGHT - TOP - BOTTOM));
        }
    }
}
