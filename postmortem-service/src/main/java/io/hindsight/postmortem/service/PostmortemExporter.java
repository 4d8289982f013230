package io.hindsight.postmortem.service;

import io.hindsight.postmortem.domain.ContributingFactor;
import io.hindsight.postmortem.domain.MarkdownRenderer;
import io.hindsight.postmortem.rest.ActionItemView;
import io.hindsight.postmortem.rest.PostmortemView;
import io.hindsight.postmortem.rest.TimelineEntry;
import java.util.List;
import org.jsoup.nodes.Entities;

/** Writes a post-mortem as one Markdown document, and as a printable, sanitised HTML page. */
public final class PostmortemExporter {

    private PostmortemExporter() {
    }

    public static String markdown(PostmortemView p) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(oneLine(p.title())).append("\n\n");
        md.append("- Status: ").append(p.status()).append('\n');
        if (p.incidentId() != null) {
            md.append("- Incident: ").append(p.incidentId()).append('\n');
        }
        if (p.priority() != null) {
            md.append("- Priority: ").append(p.priority()).append('\n');
        }
        if (!p.services().isEmpty()) {
            md.append("- Services: ").append(String.join(", ", p.services())).append('\n');
        }
        if (p.impactStartedAt() != null) {
            md.append("- Impact started: ").append(p.impactStartedAt()).append('\n');
        }
        if (p.resolvedAt() != null) {
            md.append("- Resolved: ").append(p.resolvedAt()).append('\n');
        }
        if (p.publishedAt() != null) {
            md.append("- Published: ").append(p.publishedAt()).append(p.review().approvedBy() == null ? "" : " (approved by " + p.review().approvedBy() + ")").append('\n');
        }
        if (p.source().url() != null) {
            md.append("- Source: ").append(p.source().url()).append('\n');
        }
        md.append('\n');
        if (p.incidentNote() != null) {
            md.append("> ").append(oneLine(p.incidentNote())).append("\n\n");
        }
        section(md, "Summary", p.summary());
        PostmortemView.Impact i = p.impact();
        if (i.users() != null || i.durationMinutes() != null || i.revenue() != null || i.sla() != null) {
            md.append("## Impact\n\n");
            item(md, "Users / scope", i.users());
            item(md, "Duration", i.durationMinutes() == null ? null : i.durationMinutes() + " minutes");
            item(md, "Revenue", i.revenue());
            item(md, "SLA", i.sla());
            md.append('\n');
        }
        if (!p.timeline().isEmpty()) {
            md.append("## Timeline\n\n| Time (UTC) | Who | What |\n|---|---|---|\n");
            for (TimelineEntry e : p.timeline()) {
                md.append("| ").append(e.at()).append(" | ").append(cell(e.actor())).append(" | ")
                        .append(e.type() == null ? "" : "**" + cell(e.type()) + "** ").append(cell(e.summary())).append(" |\n");
            }
            md.append('\n');
        }
        section(md, "Root cause", p.rootCause());
        if (!p.contributingFactors().isEmpty()) {
            md.append("## Contributing factors\n\n");
            for (ContributingFactor f : p.contributingFactors()) {
                md.append("- ").append(f.label()).append('\n');
            }
            md.append('\n');
        }
        section(md, "Detection", p.detection());
        section(md, "What went well", p.wentWell());
        section(md, "What went badly", p.wentBadly());
        if (!p.lessons().isEmpty()) {
            md.append("## Lessons\n\n");
            p.lessons().forEach(l -> md.append("- ").append(oneLine(l.title())).append('\n'));
            md.append('\n');
        }
        section(md, "Prevention", p.prevention());
        md.append("## Action items\n\n");
        List<ActionItemView> items = p.actionItems();
        if (items.isEmpty()) {
            md.append(p.noActionItemsReason() == null ? "None yet.\n\n" : "None: " + oneLine(p.noActionItemsReason()) + "\n\n");
        } else {
            md.append("| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n");
            for (ActionItemView a : items) {
                String title = a.link() == null ? cell(a.title()) : "[" + cell(a.title()) + "](" + a.link() + ")";
                md.append("| ").append(title).append(" | ").append(cell(a.owner())).append(" | ")
                        .append(a.dueDate() == null ? "" : a.dueDate()).append(" | ")
                        .append(a.priority() == null ? "" : a.priority()).append(" | ").append(a.status()).append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Success indicators\n\n");
        check(md, p.checklist().rootCauseExplained(), "Root cause explained");
        check(md, p.checklist().fixAddressesCause(), "Fix addresses that cause");
        check(md, p.checklist().metricsConfirmResolution(), "Metrics confirm resolution");
        check(md, p.checklist().fixDocumented(), "Fix documented");
        check(md, p.checklist().preventionIdentified(), "Prevention identified");
        return md.toString();
    }

    /** A self-contained page for printing: the Markdown rendered and sanitised, plain print CSS, no script. */
    public static String html(PostmortemView p) {
        String body = MarkdownRenderer.toHtml(markdown(p));
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                + "<title>" + Entities.escape(p.title()) + " — post-mortem</title>"
                + "<style>body{font-family:Georgia,serif;max-width:48rem;margin:2rem auto;line-height:1.5;color:#111}"
                + "table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}"
                + "h1{border-bottom:2px solid #111}@media print{body{margin:0;max-width:none}a{color:inherit}}</style>"
                + "</head><body><article>" + body + "</article></body></html>\n";
    }

    private static void section(StringBuilder md, String heading, String text) {
        if (text != null && !text.isBlank()) {
            md.append("## ").append(heading).append("\n\n").append(text.strip()).append("\n\n");
        }
    }

    private static void item(StringBuilder md, String label, String value) {
        if (value != null && !value.isBlank()) {
            md.append("- ").append(label).append(": ").append(oneLine(value)).append('\n');
        }
    }

    private static void check(StringBuilder md, boolean done, String label) {
        md.append("- [").append(done ? 'x' : ' ').append("] ").append(label).append('\n');
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    private static String cell(String s) {
        return oneLine(s).replace("|", "\\|");
    }
}
