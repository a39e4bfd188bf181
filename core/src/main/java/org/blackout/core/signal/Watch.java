package org.blackout.core.signal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which entities get signals: a fixed list, and/or every country / every origin AS seen.
 * Parsed from {@code --watch country:KP,as:131279,prefix:175.45.176.0/22,all-countries,all-ases,all-prefixes};
 * {@code all-prefixes} is the global hijack mode (every prefix with an origin history is watched).
 */
public record Watch(List<Entity> entities, boolean allCountries, boolean allAses, boolean allPrefixes) {

    public Watch {
        entities = List.copyOf(new LinkedHashSet<>(entities));
    }

    public Watch(List<Entity> entities, boolean allCountries, boolean allAses) {
        this(entities, allCountries, allAses, false);
    }

    public static Watch parse(List<String> specs) {
        List<Entity> list = new ArrayList<>();
        boolean countries = false, ases = false, prefixes = false;
        for (String spec : specs) {
            for (String s : spec.split(",")) {
                String t = s.trim();
                if (t.isEmpty()) continue;
                switch (t.toLowerCase()) {
                    case "all-countries" -> countries = true;
                    case "all-ases" -> ases = true;
                    case "all-prefixes" -> prefixes = true; // global hijack mode

                    default -> list.add(Entity.parse(t));
                }
            }
        }
        return new Watch(list, countries, ases, prefixes);
    }

    public boolean watchesAnyCountry() {
        return allCountries || entities.stream().anyMatch(e -> e instanceof Entity.Country);
    }

    public boolean watchesAnyAs() {
        return allAses || entities.stream().anyMatch(e -> e instanceof Entity.As);
    }

    public Set<Entity> fixed() {
        return new LinkedHashSet<>(entities);
    }

    @Override
    public String toString() {
        List<String> s = new ArrayList<>();
        entities.forEach(e -> s.add(e.toString()));
        if (allCountries) s.add("all-countries");
        if (allAses) s.add("all-ases");
        if (allPrefixes) s.add("all-prefixes");
        return String.join(",", s);
    }
}
