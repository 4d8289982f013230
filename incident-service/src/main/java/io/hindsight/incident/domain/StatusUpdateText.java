package io.hindsight.incident.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders a status update as paste-ready text in the layout of the seed's status-update template. */
public final class StatusUpdateText {

    public record Tried(String what, TriedResult result) {
    }

    public record NextStep(String action, Integer etaMinutes) {
    }

    public record Content(Instant postedAt, Priority priority, IncidentStatus status, String symptom, String scope,
                          String started, List<Tried> tried, List<NextStep> nextSteps, String workaround,
                          Instant nextUpdateAt) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private StatusUpdateText() {
    }

    public static String render(Content c) {
        StringBuilder out = new StringBuilder();
        out.append(TIME.format(c.postedAt())).append(" UTC - ")
                .append(c.priority() == null ? "Untriaged" : c.priority().name()).append(" Issue Update\n");
        out.append("STATUS: ").append(c.status().label()).append('\n');
        out.append("WHAT WE KNOW:\n");
        out.append("- Symptom: ").append(orElse(c.symptom(), "unknown")).append('\n');
        out.append("- Scope: ").append(orElse(c.scope(), "unknown")).append('\n');
        out.append("- Started: ").append(orElse(c.started(), "unknown")).append('\n');
        out.append("WHAT WE'VE TRIED:\n");
        if (c.tried().isEmpty()) {
            out.append("- Nothing yet\n");
        }
        for (Tried t : c.tried()) {
            out.append("- ").append(t.result() == TriedResult.DID_NOT_HELP ? "❌" : "✅").append(' ').append(t.what())
                    .append(t.result() == TriedResult.RULED_OUT ? " (ruled out)" : "").append('\n');
        }
        out.append("NEXT STEPS:\n");
        if (c.nextSteps().isEmpty()) {
            out.append("- None yet\n");
        }
        for (NextStep s : c.nextSteps()) {
            out.append("- ").append(s.action());
            if (s.etaMinutes() != null) {
                out.append(" (ETA: ").append(s.etaMinutes()).append(" min)");
            }
            out.append('\n');
        }
        out.append("WORKAROUND: ").append(orElse(c.workaround(), "None yet")).append('\n');
        out.append("NEXT UPDATE: ").append(at(c.nextUpdateAt(), c.postedAt())).append(" UTC\n");
        return out.toString();
    }

    /** A time as HH:mm UTC, with the date when it is not the day of {@code reference}. */
    public static String at(Instant value, Instant reference) {
        boolean sameDay = value.atZone(ZoneOffset.UTC).toLocalDate().equals(reference.atZone(ZoneOffset.UTC).toLocalDate());
        return sameDay ? TIME.format(value) : DATE_TIME.format(value);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
