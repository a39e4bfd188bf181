package org.blackout.flink;

import java.io.IOException;
import java.io.Serializable;
import org.blackout.core.engine.EngineListener;
import org.blackout.core.event.EventSink;
import org.blackout.pipeline.Pipeline;

/**
 * How a task builds its pipeline: shipped with the job (so serializable), run where the engine runs.
 * The CLI's implementation carries the replay flags and builds the pipeline {@code replay} builds.
 */
@FunctionalInterface
public interface PipelineFactory extends Serializable {
    /** A pipeline whose signals go to {@code signals} and whose detectors' events go to {@code events}. */
    Pipeline build(EngineListener signals, EventSink events) throws IOException;
}
