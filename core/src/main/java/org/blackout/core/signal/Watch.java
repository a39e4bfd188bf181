package org.blackout.core.signal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which entities get signals: a fixed list, and/or every country / every origin AS seen.
 * Parsed from {@code --watch country:KP,as:131279,prefix:175.45.176.0/22,all-countries,all-ases}.
 */
public record Watch(List<Entity> entities, boolean allCountries, boolean allAses) {

    public Watch {
        entities = List.copyOf(new LinkedHashSet<>(entities));
    }

    public static Watch parse(List<String> specs) {
        List<Entity> list = new ArrayList<>();
        boolean countries = false, ases = false;
        for (String spec : specs) {
            for (String s : spec.split(",")) {
                String t = s.trim();
                if (t.isEmpty()) continue;
                switch (t.toLowerCase()) {
                    case "all-countries" -> countries = true;
                    case "all-ases" -> ases = true;
                    default -> list.add(Entity.parse(t));
                }
            }
        }
        return new Watch(list, countries, ases);
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
        return String.join(",", s);
    }
}
