package org.blackout.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.event.Event;
import org.blackout.core.event.EventLog;
import org.blackout.core.event.EventSink;
import org.blackout.core.signal.Entity;
import org.blackout.core.signal.Signal;
import org.blackout.ingest.replay.ReplayMerge;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;

/**
 * Replays MRT files through the pipeline with the detectors, keeping the events and the signals of
 * the explicitly watched entities (for plots): {@code blackout demo} and its tests.
 */
public final class DetectionRun {

    /** What a run produced. */
    public record Result(List<Event> events, List<HtmlReport.Series> series, long elements, int files) {}

    private DetectionRun() {}

    public static Result run(List<Path> files, PipelineSettings settings, EventSink lifecycle) throws IOException {
        EventLog log = new EventLog(lifecycle);
        Map<String, List<Signal>> series = new LinkedHashMap<>();
        Pipeline pipeline = Pipeline.builder(settings).signals(new EngineListener() {
            @Override
            public void signal(Signal s) {
                List<Signal> l = series.get(s.entity());
                if (l != null) l.add(s);
            }
        }).events(log).build();
        for (Entity e : pipeline.watch().entities()) series.put(e.toString(), new ArrayList<>());
        ReplayMerge merge = new ReplayMerge(files).onError(e -> System.err.println("demo: " + e.getMessage()));
        pipeline.replay(merge, null);
        List<HtmlReport.Series> out = new ArrayList<>();
        series.forEach((k, v) -> out.add(new HtmlReport.Series(k, v)));
        return new Result(log.events(), out, merge.elements(), files.size());
    }
}
