package org.blackout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * DEVELOPERS.md's module table is the real dependency graph: its modules are the build's, each
 * module's "may depend on" names exactly the Blackout modules its pom depends on (outside test
 * scope), and every library it uses outside test scope.
 */
class ModuleTableTest {

    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("DEVELOPERS.md")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** module → its "may depend on" cell, from the table's rows ({@code | `name` | job | deps |}). */
    static Map<String, String> table(Path developers) throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(developers)) {
            if (!line.startsWith("| `")) continue;
            String[] cells = line.split("\\|");
            // | `name` | job ... | deps |: the job may itself contain no '|' (it is prose)
            String name = cells[1].trim().replace("`", "");
            rows.put(name, cells[cells.length - 1].trim());
        }
        return rows;
    }

    static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    static List<String> modules(Document rootPom) {
        NodeList l = rootPom.getDocumentElement().getElementsByTagName("modules");
        // the first <modules> is the default build's (profiles add benches)
        NodeList ms = ((Element) l.item(0)).getElementsByTagName("module");
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < ms.getLength(); i++) out.add(ms.item(i).getTextContent().trim());
        return out;
    }

    /** artifactIds of the pom's own dependencies (not plugins', not dependencyManagement's) outside test scope. */
    static Set<String> dependencies(Document pom) {
        Set<String> out = new TreeSet<>();
        for (Node n = pom.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e) || !e.getTagName().equals("dependencies")) continue;
            NodeList deps = e.getElementsByTagName("dependency");
            for (int i = 0; i < deps.getLength(); i++) {
                Element d = (Element) deps.item(i);
                NodeList scope = d.getElementsByTagName("scope");
                if (scope.getLength() > 0 && scope.item(0).getTextContent().trim().equals("test")) continue;
                out.add(d.getElementsByTagName("artifactId").item(0).getTextContent().trim());
            }
        }
        return out;
    }

    /** The comma-separated items of a cell, commas inside parentheses kept in their item. */
    static List<String> items(String cell) {
        List<String> out = new java.util.ArrayList<>();
        int depth = 0, from = 0;
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) {
                out.add(cell.substring(from, i).trim());
                from = i + 1;
            }
        }
        out.add(cell.substring(from).trim());
        return out;
    }

    @Test
    void theTableIsTheDependencyGraph() throws Exception {
        Path root = root();
        Map<String, String> table = table(root.resolve("DEVELOPERS.md"));
        List<String> modules = modules(pom(root.resolve("pom.xml")));
        assertThat(table.keySet()).as("DEVELOPERS.md's modules are the build's").containsExactlyInAnyOrderElementsOf(modules);
        for (String m : modules) {
            String cell = table.get(m).toLowerCase(Locale.ROOT);
            Set<String> deps = dependencies(pom(root.resolve(m).resolve("pom.xml")));
            Set<String> ours = new TreeSet<>(), named = new TreeSet<>();
            for (String d : deps) if (d.startsWith("blackout-")) ours.add(d.substring("blackout-".length()));
            if (cell.equals("all")) {
                for (String o : modules) if (!o.equals(m) && !o.equals("testkit")) named.add(o);
            } else {
                // a module counts where a list item starts with its name: "core (`config` grammars; ...)", not in prose
                for (String item : items(cell)) {
                    String first = item.split("[^a-z0-9]+")[0];
                    if (modules.contains(first) && !first.equals(m) && (item.length() == first.length() || !Character.isLetterOrDigit(item.charAt(first.length()))
                            && item.charAt(first.length()) != '-')) {
                        named.add(first);
                    }
                }
            }
            assertThat(ours).as("%s: the Blackout modules its pom depends on (outside tests) vs. DEVELOPERS.md's '%s'", m, table.get(m))
                    .isEqualTo(named);
            if (cell.equals("all")) continue;
            for (String d : deps) {
                if (d.startsWith("blackout-")) continue;
                String family = d.split("[-_]")[0].toLowerCase(Locale.ROOT);
                assertThat(cell).as("%s depends on %s: DEVELOPERS.md's '%s' should name it", m, d, table.get(m)).contains(family);
            }
        }
    }
}
