package org.blackout.server.alert;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.blackout.core.event.EventJson;
import org.blackout.pipeline.config.AlertConfig;
import org.blackout.pipeline.config.AlertConfig.Destination;

/** The five destinations: webhook, Slack, email (SMTP), syslog (UDP, RFC 5424) and a JSON-lines file. */
public final class Deliverers {
    private Deliverers() {}

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static Deliverer of(Destination d) {
        return switch (d.kind()) {
            case WEBHOOK -> a -> post(d.url(), d.template() == null ? a.json() : render(d.template(), a));
            case SLACK -> a -> post(d.url(), a.slackJson());
            case EMAIL -> a -> email(d, a);
            case SYSLOG -> a -> syslog(d, a);
            case FILE -> a -> {
                Files.createDirectories(d.path().toAbsolutePath().getParent());
                Files.writeString(d.path(), a.json() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            };
        };
    }

    /**
     * A webhook body from a template: {@code {{text}}} (or {@code {{summary}}}), {@code {{phase}}},
     * {@code {{id}}}, {@code {{type}}}, {@code {{entity}}}, {@code {{duration}}} are JSON-escaped
     * text (put them inside quotes); {@code {{event}}} is the event's JSON object.
     */
    public static String render(String template, Alert a) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int s = template.indexOf("{{", i);
            if (s < 0) break;
            int e = template.indexOf("}}", s);
            if (e < 0) break;
            out.append(template, i, s);
            String name = template.substring(s + 2, e).trim();
            switch (name) {
                case "event" -> out.append(EventJson.json(a.event()));
                case "text", "summary" -> Alert.escape(out, a.text());
                case "phase" -> Alert.escape(out, a.phase());
                case "id" -> Alert.escape(out, a.event().id());
                case "type" -> Alert.escape(out, a.event().type().json());
                case "entity" -> Alert.escape(out, a.event().entity());
                case "duration" -> Alert.escape(out, Alert.duration(a.event().durationS()));
                default -> out.append(template, s, e + 2);
            }
            i = e + 2;
        }
        return out.append(template.substring(i)).toString();
    }

    static void post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new IOException(url + " answered HTTP " + r.statusCode());
    }

    static void email(Destination d, Alert a) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", d.smtpHost());
        p.setProperty("mail.smtp.port", Integer.toString(d.smtpPort()));
        p.setProperty("mail.smtp.connectiontimeout", "10000");
        p.setProperty("mail.smtp.timeout", "10000");
        if (d.smtpUser() != null) p.setProperty("mail.smtp.auth", "true");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(d.from()));
        for (String to : d.to()) m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject("[blackout] " + a.text(), "UTF-8");
        m.setText(a.text() + "\n\n" + a.json() + "\n", "UTF-8");
        m.setSentDate(new java.util.Date());
        if (d.smtpUser() != null) Transport.send(m, d.smtpUser(), d.smtpPassword());
        else Transport.send(m);
    }

    /** RFC 5424 over UDP (RFC 5426): facility local0, warning when raised, notice otherwise. */
    static void syslog(Destination d, Alert a) throws IOException {
        int severity = a.phase().equals("raised") ? 4 : 5;
        int pri = 16 * 8 + severity;
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "-";
        }
        String msg = "<" + pri + ">1 " + Instant.now() + " " + host + " blackout " + ProcessHandle.current().pid() + " "
                + a.phase().toUpperCase() + " - \uFEFF" + a.text() + " " + a.json();
        byte[] b = msg.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(b, b.length, InetAddress.getByName(d.host()), d.port()));
        }
    }
}
