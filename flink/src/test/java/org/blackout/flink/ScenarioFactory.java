package org.blackout.flink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.event.EventSink;
import org.blackout.pipeline.EntitySources;
import org.blackout.pipeline.Pipeline;
import org.blackout.pipeline.PipelineSettings;

/** The pipeline {@code replay --rir FILES --watch ...} builds, with default engine and detector settings. */
record ScenarioFactory(List<String> rir, List<String> watch) implements PipelineFactory {
    PipelineSettings settings() {
        return PipelineSettings.defaults().withEntities(EntitySources.rir(rir.stream().map(Path::of).toList())).withWatch(watch);
    }

    @Override
    public Pipeline build(EngineListener signals, EventSink events) throws IOException {
        return Pipeline.builder(settings()).signals(signals).events(events).build();
    }
}
