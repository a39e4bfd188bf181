package org.blackout.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blackout.pipeline.EntitySources;
import org.blackout.pipeline.PipelineSettings;
import picocli.CommandLine.Option;

/**
 * What the engine needs to name things, shared by the commands that run it: entity files and
 * watched entities. Each flag given replaces the configuration file's key of the same name.
 */
final class EntityOptions {

    @Option(names = "--rir", paramLabel = "FILE",
            description = "RIR delegated statistics files (plain or extended format, .gz ok), or folders of them: "
                    + "prefix and AS → country.")
    List<Path> rir = new ArrayList<>();

    @Option(names = "--geo", paramLabel = "FILE",
            description = "Address → country/AS: start,end,CC or start,end,asn,org CSV (.csv, .csv.gz, or a .tgz of them), "
                    + "or a MaxMind DB (.mmdb).")
    List<Path> geo = new ArrayList<>();

    @Option(names = "--as-names", paramLabel = "FILE", description = "AS names, pyasn asnames.json format (.gz ok).")
    Path asNames;

    @Option(names = "--watch", split = ",", paramLabel = "ENTITY",
            description = "Entities: country:CC, as:N, prefix:P, all-countries, all-ases "
                    + "(default: all-countries with country data, else all-ases).")
    List<String> watch = new ArrayList<>();

    /**
     * {@code base} (the configuration file's, or the defaults) with the entity, engine, detector and
     * policy flags given applied; throws IllegalArgumentException naming a bad value.
     */
    PipelineSettings settings(PipelineSettings base, EngineOptions engine, DetectorOptions detectors, PolicyOptions policies) {
        EntitySources e = base.entities();
        EntitySources entities = new EntitySources(rir.isEmpty() ? e.rir() : rir, geo.isEmpty() ? e.geo() : geo,
                asNames != null ? asNames : e.asNames());
        return new PipelineSettings(engine.apply(base.engine()), detectors.apply(base.detectors()), watch.isEmpty() ? base.watch() : watch,
                entities, policies.apply(base.policies()));
    }
}
