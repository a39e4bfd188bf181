package org.blackout.pipeline.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.blackout.ingest.mrt.MrtFiles;

/**
 * The MRT files under a replay's inputs: directories are searched recursively (sorted), and the
 * notes that archives, simulators and collectors keep beside their files (READMEs, configs, truth
 * files, captures, hidden files) are skipped there. Files named explicitly are always kept.
 */
public final class MrtInputs {
    private static final Pattern NOT_MRT =
            Pattern.compile("(?i)(\\..*|.*\\.(md|rst|txt|conf|json|jsonl|ya?ml|csv|html?|pcap|pcapng))");

    private MrtInputs() {}

    public static List<Path> files(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path f : MrtFiles.expand(inputs)) {
            if (inputs.contains(f) || !NOT_MRT.matcher(f.getFileName().toString()).matches()) out.add(f);
        }
        return out;
    }
}
