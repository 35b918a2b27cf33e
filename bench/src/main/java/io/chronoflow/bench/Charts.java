package io.chronoflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * PNG charts of the results (XChart): drain jobs/s per system, steady-rate lag p99 per rate and system, dispatch
 * latency p50 and p99 per path, the sharded job's wall time per number of workers beside the ideal, items/s per
 * system.
 */
final class Charts {

    static final String DRAIN = "drain-jobs-per-second";
    static final String STEADY = "steady-lag-p99";
    static final String DISPATCH = "dispatch-latency";
    static final String SHARDED = "sharded-wall-time";
    static final String ITEMS = "items-per-second";

    private Charts() {}

    /** Writes the charts that have data into {@code dir}; returns the files written. */
    static List<Path> write(Results results, Path dir) {
        System.setProperty("java.awt.headless", "true");
        // ImageIO's file cache registers a shutdown hook, which fails while an interrupted run writes its charts.
        ImageIO.setUseCache(false);
        List<Path> written = new ArrayList<>();
        if (!results.drain().isEmpty()) {
            written.add(save(drain(results.drain()), dir.resolve(DRAIN)));
        }
        List<LagResult> steady = results.timers().stream()
                .filter(r -> r.scenario().startsWith("steady"))
                .toList();
        if (!steady.isEmpty()) {
            written.add(save(steady(steady), dir.resolve(STEADY)));
        }
        if (!results.dispatch().isEmpty()) {
            written.add(save(dispatch(results.dispatch()), dir.resolve(DISPATCH)));
        }
        if (!results.sharded().isEmpty()) {
            written.add(save(sharded(results.sharded()), dir.resolve(SHARDED)));
        }
        if (!results.items().isEmpty()) {
            written.add(save(items(results.items()), dir.resolve(ITEMS)));
        }
        return written;
    }

    private static CategoryChart dispatch(List<LagResult> dispatch) {
        CategoryChart chart = bars("Dispatch: external task created → handler starts / completed (median)", "ms");
        chart.getStyler().setXAxisLabelRotation(10);
        List<String> labels = dispatch.stream()
                .map(r -> r.scenario().replace("dispatch, ", ""))
                .toList();
        chart.addSeries(
                "p50", labels, dispatch.stream().map(r -> r.p50().median()).toList());
        chart.addSeries(
                "p99", labels, dispatch.stream().map(r -> r.p99().median()).toList());
        return chart;
    }

    private static CategoryChart sharded(List<ShardedResult> sharded) {
        CategoryChart chart = bars("Sharded job of 64 shards: wall time (median) by worker processes", "s");
        List<String> workers = sharded.stream()
                .map(r -> r.workers() + (r.workers() == 1 ? " worker" : " workers"))
                .toList();
        chart.addSeries(
                "measured",
                workers,
                sharded.stream().map(r -> r.seconds().median()).toList());
        chart.addSeries(
                "ideal (work only)",
                workers,
                sharded.stream().map(ShardedResult::idealSeconds).toList());
        return chart;
    }

    private static CategoryChart items(List<ItemsResult> items) {
        CategoryChart chart = bars("Items: rows written per second (median)", "items/s");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDecimalPattern("#,##0");
        chart.addSeries(
                "items/s",
                items.stream().map(ItemsResult::system).toList(),
                items.stream().map(r -> r.itemsPerSecond().median()).toList());
        return chart;
    }

    private static CategoryChart bars(String title, String unit) {
        CategoryChart chart = new CategoryChartBuilder()
                .width(1000)
                .height(500)
                .title(title)
                .yAxisTitle(unit)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0.##");
        return chart;
    }

    private static CategoryChart drain(List<DrainResult> drain) {
        CategoryChart chart = bars("Drain: jobs per second (median)", "jobs/s");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setDecimalPattern("#,##0");
        chart.addSeries(
                "jobs/s",
                drain.stream().map(DrainResult::label).toList(),
                drain.stream().map(r -> r.jobsPerSecond().median()).toList());
        return chart;
    }

    /** One series per system over the rates; p99 on a log scale (peers that poll are orders of magnitude later). */
    private static CategoryChart steady(List<LagResult> steady) {
        Set<String> scenarios = new LinkedHashSet<>();
        Set<String> systems = new LinkedHashSet<>();
        steady.forEach(r -> {
            scenarios.add(r.scenario());
            systems.add(r.system());
        });
        CategoryChart chart = bars("Steady rate: timer lag p99 (median), ms, log scale", "ms");
        chart.getStyler().setLabelsVisible(false);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(1.0); // bars start at the axis minimum, and a log axis cannot hold 0
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (String system : systems) {
            List<Double> p99 = new ArrayList<>();
            for (String scenario : scenarios) {
                p99.add(steady.stream()
                        .filter(r -> r.system().equals(system) && r.scenario().equals(scenario))
                        .findFirst()
                        .map(r -> Math.max(1, r.p99().median()))
                        .orElse(1.0));
            }
            chart.addSeries(system, List.copyOf(scenarios), p99);
        }
        return chart;
    }

    private static Path save(CategoryChart chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            return Path.of(file + ".png");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
