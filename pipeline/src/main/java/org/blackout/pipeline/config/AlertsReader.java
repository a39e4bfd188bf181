package org.blackout.pipeline.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.blackout.core.config.ConfigReader;
import org.blackout.core.config.HostPort;
import org.blackout.core.signal.Entity;

/** {@code alerts:} into an {@link AlertConfig}; see there for the format. */
final class AlertsReader {
    static final int SMTP_PORT = 25, SYSLOG_PORT = 514;

    private AlertsReader() {}

    static AlertConfig alerts(ConfigReader n) {
        n.keys("update_interval", "destinations");
        List<AlertConfig.Destination> out = new ArrayList<>();
        int i = 0;
        for (ConfigReader d : n.sections("destinations")) {
            i++;
            d.keys("name", "type", "url", "template", "entities", "types", "smtp", "user", "password", "password_env", "from", "to",
                    "host", "port", "path");
            AlertConfig.Kind kind = d.choice("type", AlertConfig.Kind.class, null);
            String type = kind.name().toLowerCase(Locale.ROOT);
            String name = d.string("name", type + "-" + i);
            Set<String> entities = new LinkedHashSet<>(d.list("entities", AlertsReader::entity));
            Set<String> types = new LinkedHashSet<>(d.list("types", t -> t.toLowerCase(Locale.ROOT)));
            String url = d.string("url", null);
            if ((kind == AlertConfig.Kind.WEBHOOK || kind == AlertConfig.Kind.SLACK)
                    && (url == null || !(url.startsWith("http://") || url.startsWith("https://")))) {
                throw d.error("url", "a " + type + " destination needs an http(s) URL");
            }
            String smtpHost = null;
            int smtpPort = SMTP_PORT;
            List<String> to = d.strings("to");
            if (kind == AlertConfig.Kind.EMAIL) {
                if (!d.has("smtp")) throw d.error("smtp", "an email destination needs HOST[:PORT]");
                HostPort hp = d.hostPort("smtp", SMTP_PORT);
                smtpHost = hp.host();
                smtpPort = hp.port();
                if (to.isEmpty() || !d.has("from")) throw d.error("an email destination needs 'from' and 'to'");
            }
            if (kind == AlertConfig.Kind.FILE && !d.has("path")) throw d.error("path", "a file destination needs a path");
            String env = d.string("password_env", null);
            String pw = env != null ? System.getenv(env) : d.string("password", null);
            Path path = d.path("path", null);
            out.add(new AlertConfig.Destination(name, kind, url, d.string("template", null), Set.copyOf(entities), Set.copyOf(types),
                    smtpHost, smtpPort, d.string("user", null), pw, d.string("from", null), List.copyOf(to),
                    d.string("host", "127.0.0.1"), (int) d.integer("port", SYSLOG_PORT, 1, 65535), path));
        }
        return new AlertConfig(n.duration("update_interval", AlertConfig.DEFAULT_UPDATE_INTERVAL), List.copyOf(out));
    }

    /** An entity as the API accepts it: {@code country:KP}, {@code as:4837}, or {@code KP} and {@code 4837} alone. */
    private static String entity(String text) {
        String t = text.trim();
        if (t.length() == 2 && Character.isLetter(t.charAt(0)) && Character.isLetter(t.charAt(1))) t = "country:" + t;
        else if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) t = "as:" + t;
        return Entity.parse(t).toString();
    }
}
