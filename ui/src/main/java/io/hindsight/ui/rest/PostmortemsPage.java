package io.hindsight.ui.rest;

import io.hindsight.ui.client.PostmortemClient;
import io.hindsight.ui.client.PostmortemDoc;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The post-mortem editor: structured sections with Markdown and a live preview, autosave with conflict detection
 * (when another author saved first, both versions are shown side by side to merge), action items, lessons,
 * review and publishing with the checklist, export. The rules (workflow, checklist, sanitising) are
 * postmortem-service's.
 */
@Path("/postmortems")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class PostmortemsPage {

    /** The Markdown fields of the form, in page order, with their labels. */
    static final Map<String, String> TEXT_FIELDS = new LinkedHashMap<>();
    static {
        TEXT_FIELDS.put("summary", "Summary");
        TEXT_FIELDS.put("rootCause", "Root cause");
        TEXT_FIELDS.put("detection", "Detection");
        TEXT_FIELDS.put("wentWell", "What went well");
        TEXT_FIELDS.put("wentBadly", "What went badly");
        TEXT_FIELDS.put("prevention", "Prevention");
    }
    static final List<Factor> FACTORS = List.of(
            new Factor("SHOTGUN_DEBUGGING", "Shotgun debugging", true), new Factor("WRONG_ENVIRONMENT", "Wrong environment", true),
            new Factor("IGNORING_THE_LOGS", "Ignoring the logs", true), new Factor("PREMATURE_OPTIMISATION", "Premature optimisation", true),
            new Factor("GOING_SILENT", "Going silent", true), new Factor("CONFIG_CHANGE", "Config change", false),
            new Factor("DEPLOY", "Deploy", false), new Factor("CAPACITY", "Capacity", false),
            new Factor("DEPENDENCY_FAILURE", "Dependency failure", false),
            new Factor("MISSING_INDEX_SLOW_QUERY", "Missing index / slow query", false),
            new Factor("MEMORY_LEAK_UNBOUNDED_CACHE", "Memory leak / unbounded cache", false),
            new Factor("RACE_CONDITION", "Race condition", false),
            new Factor("CASCADING_FAILURE_NO_TIMEOUTS", "Cascading failure / no timeouts", false),
            new Factor("HARDWARE", "Hardware", false), new Factor("TIME", "Time", false), new Factor("SECURITY", "Security", false),
            new Factor("DATA", "Data", false));
    private static final Set<String> TRANSITIONS = Set.of("submit", "approve", "request-changes", "reopen");

    public record Factor(String code, String label, boolean mistake) {
    }

    /** A field both authors changed: what this user has in the form, and what the other author saved. */
    public record Conflict(String field, String label, String mine, String theirs) {
    }

    /** A Markdown section rendered (sanitised by postmortem-service). */
    public record Section(String label, String html) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<PostmortemDoc> postmortems, String error, Flash.Notice notice);

        static native TemplateInstance editor(PostmortemDoc doc, PostmortemDoc.Save form, long version, List<Conflict> conflicts,
                                              List<Section> sections, List<Factor> factors, Flash.Notice notice);

        static native TemplateInstance saved(long version, String when);

        static native TemplateInstance conflict(long version, List<Conflict> conflicts, String by);

        static native TemplateInstance preview(String label, String html);
    }

    private final PostmortemClient postmortems;
    private final Viewer viewer;
    private final Flash flash;

    public PostmortemsPage(@RestClient PostmortemClient postmortems, Viewer viewer, Flash flash) {
        this.flash = flash;
        this.postmortems = postmortems;
        this.viewer = viewer;
    }

    @GET
    public Response list(@CookieParam(Flash.COOKIE) String notice) {
        try {
            return Response.ok(Templates.list(postmortems.list(100), null, flash.read(notice))).build();
        } catch (WebApplicationException | ProcessingException e) {
            return Response.status(503).entity(Templates.list(List.of(),
                    "Post-mortems are unavailable right now (postmortem-service does not answer).", flash.read(notice))).build();
        }
    }

    @POST
    public Response create(@RestForm String title, @RestForm String incidentId) {
        Long incident = null;
        if (incidentId != null && !incidentId.isBlank()) {
            try {
                incident = Long.valueOf(incidentId.strip().replace("#", ""));
            } catch (NumberFormatException e) {
                return flash.failed("/postmortems", "The incident number must be a number.");
            }
        }
        try {
            PostmortemDoc created = postmortems.create(new PostmortemClient.Create(
                    title == null || title.isBlank() ? (incident == null ? "Untitled post-mortem" : "Post-mortem of incident #" + incident)
                            : title.strip(), incident));
            return Response.seeOther(URI.create("/postmortems/" + created.id())).build();
        } catch (WebApplicationException e) {
            return flash.failed("/postmortems", Problems.describe(e));
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance open(@PathParam("id") long id, @CookieParam(Flash.COOKIE) String notice) {
        PostmortemDoc doc = find(id);
        return Templates.editor(doc, formOf(doc), doc.version(), List.of(), sections(doc), FACTORS, flash.read(notice));
    }

    /** The whole form, saved: back to the page, or the page with the conflict when another author saved first. */
    @POST
    @Path("{id}/save")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        PostmortemDoc current = find(id);
        String version = form.getFirst("version");
        PostmortemDoc.Save mine;
        try {
            mine = fromForm(form, current);
        } catch (InvalidForm e) {
            return Response.status(400).entity(Templates.editor(current, formOf(current), current.version(), List.of(), sections(current),
                    FACTORS, new Flash.Notice(e.getMessage() + " Nothing was saved.", true))).build();
        }
        try {
            postmortems.save(id, version, mine);
            return flash.ok("/postmortems/" + id, "Saved.");
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 409) {
                PostmortemDoc theirs = find(id);
                return Response.status(409).entity(Templates.editor(theirs, mine, theirs.version(), conflicts(mine, theirs),
                        sections(theirs), FACTORS, new Flash.Notice(conflictMessage(theirs), true))).build();
            }
            return Response.status(400).entity(Templates.editor(current, mine, versionOr(version, current), List.of(), sections(current),
                    FACTORS, new Flash.Notice(Problems.describe(e), true))).build();
        }
    }

    /** Autosave from the editor (htmx): a small status fragment, or the conflict to merge. */
    @POST
    @Path("{id}/autosave")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response autosave(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        PostmortemDoc current = find(id);
        PostmortemDoc.Save mine;
        try {
            mine = fromForm(form, current);
        } catch (InvalidForm e) {
            return Response.ok(Templates.saved(versionOr(form.getFirst("version"), current), "not saved: " + e.getMessage())).build();
        }
        try {
            PostmortemDoc saved = postmortems.save(id, form.getFirst("version"), mine);
            return Response.ok(Templates.saved(saved.version(), java.time.LocalTime.now().withNano(0).toString())).build();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 409) {
                PostmortemDoc theirs = find(id);
                return Response.ok(Templates.conflict(theirs.version(), conflicts(mine, theirs), theirs.updatedBy())).build();
            }
            return Response.ok(Templates.saved(versionOr(form.getFirst("version"), current), "not saved: " + Problems.describe(e))).build();
        }
    }

    /** Live Markdown preview of the field being edited (htmx names it in HX-Trigger-Name). */
    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance preview(@HeaderParam("HX-Trigger-Name") String field, MultivaluedMap<String, String> form) {
        String name = field != null && TEXT_FIELDS.containsKey(field) ? field : "summary";
        String markdown = Objects.requireNonNullElse(form.getFirst(name), "");
        try {
            return Templates.preview(TEXT_FIELDS.get(name), postmortems.render(new PostmortemClient.Markdown(markdown)).html());
        } catch (WebApplicationException | ProcessingException e) {
            return Templates.preview(TEXT_FIELDS.get(name), "<p>(preview unavailable)</p>");
        }
    }

    @POST
    @Path("{id}/transition")
    public Response transition(@PathParam("id") long id, @RestForm String action, @RestForm String version, @RestForm String comment) {
        if (action == null || !TRANSITIONS.contains(action)) {
            return flash.failed("/postmortems/" + id, "Unknown action.");
        }
        try {
            PostmortemDoc after = postmortems.transition(id, action, version, new PostmortemClient.Comment(blank(comment)));
            return flash.ok("/postmortems/" + id, "Now " + after.status().replace('_', ' ').toLowerCase() + ".");
        } catch (WebApplicationException e) {
            return flash.failed("/postmortems/" + id, Problems.describe(e));
        }
    }

    @POST
    @Path("{id}/action-items")
    public Response addActionItem(@PathParam("id") long id, @RestForm String title, @RestForm String owner, @RestForm String dueDate,
                                  @RestForm String priority, @RestForm String link) {
        LocalDate due = null;
        if (dueDate != null && !dueDate.isBlank()) {
            try {
                due = LocalDate.parse(dueDate.strip());
            } catch (DateTimeParseException e) {
                return flash.failed("/postmortems/" + id, "The due date must be a date (YYYY-MM-DD).");
            }
        }
        try {
            postmortems.addActionItem(id, new PostmortemClient.NewActionItem(title, blank(owner), due, blank(priority), blank(link)));
            return flash.ok("/postmortems/" + id, "Action item added.");
        } catch (WebApplicationException e) {
            return flash.failed("/postmortems/" + id, Problems.describe(e));
        }
    }

    @POST
    @Path("{id}/lessons")
    public Response addLesson(@PathParam("id") long id, @RestForm String title, @RestForm String body, @RestForm String tags) {
        List<String> tagList = tags == null ? List.of() : Arrays.stream(tags.split("[,\\s]+")).filter(t -> !t.isBlank()).toList();
        try {
            postmortems.linkLesson(id, new PostmortemClient.LinkLesson(null, new PostmortemClient.NewLesson(title, blank(body), tagList)));
            return flash.ok("/postmortems/" + id, "Lesson linked.");
        } catch (WebApplicationException e) {
            return flash.failed("/postmortems/" + id, Problems.describe(e));
        }
    }

    /** Reuses an existing lesson (picked in the editor's lesson picker). */
    @POST
    @Path("{id}/lessons/link")
    public Response reuseLesson(@PathParam("id") long id, @RestForm String lessonId) {
        try {
            postmortems.linkLesson(id, new PostmortemClient.LinkLesson(Long.valueOf(lessonId), null));
            return flash.ok("/postmortems/" + id, "Lesson linked.");
        } catch (NumberFormatException e) {
            return flash.failed("/postmortems/" + id, "Pick a lesson.");
        } catch (WebApplicationException e) {
            return flash.failed("/postmortems/" + id, Problems.describe(e));
        }
    }

    @POST
    @Path("{id}/lessons/{lessonId}/unlink")
    public Response unlinkLesson(@PathParam("id") long id, @PathParam("lessonId") long lessonId) {
        try {
            postmortems.unlinkLesson(id, lessonId);
            return flash.ok("/postmortems/" + id, "Lesson unlinked.");
        } catch (WebApplicationException e) {
            return flash.failed("/postmortems/" + id, Problems.describe(e));
        }
    }

    /** postmortem-service re-reads the incident and merges its new timeline events (it decides what is new). */
    @POST
    @Path("{id}/timeline/refresh")
    public Response refreshTimeline(@PathParam("id") long id) {
        try {
            PostmortemDoc before = find(id);
            PostmortemDoc after = postmortems.refreshFromIncident(id);
            int added = size(after.timeline()) - size(before.timeline());
            return flash.ok("/postmortems/" + id, "Timeline refreshed from the incident: " + Math.max(0, added) + " new event"
                    + (added == 1 ? "" : "s") + ".");
        } catch (WebApplicationException e) {
            return flash.failed("/postmortems/" + id, Problems.describe(e));
        } catch (ProcessingException e) {
            return flash.failed("/postmortems/" + id, "The incident cannot be read right now.");
        }
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    @GET
    @Path("{id}/export.md")
    @Produces("text/markdown")
    public Response exportMarkdown(@PathParam("id") long id) {
        return Response.ok(postmortems.export(id, "markdown"), "text/markdown; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"postmortem-" + id + ".md\"").build();
    }

    @GET
    @Path("{id}/export.html")
    public Response exportHtml(@PathParam("id") long id) {
        // a standalone printable page whose HTML postmortem-service sanitised; it carries its own strict policy
        return Response.ok(postmortems.export(id, "html"), MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'").build();
    }

    private PostmortemDoc find(long id) {
        try {
            return postmortems.get(id);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw new jakarta.ws.rs.NotFoundException("No post-mortem " + id);
            }
            throw e;
        }
    }

    private List<Section> sections(PostmortemDoc doc) {
        if (viewer.canAuthor() && doc.draft()) {
            return List.of(); // the editor shows the sources; previews come live
        }
        List<Section> sections = new ArrayList<>();
        PostmortemDoc.Save form = formOf(doc);
        for (Map.Entry<String, String> field : TEXT_FIELDS.entrySet()) {
            String markdown = text(form, field.getKey());
            if (markdown != null && !markdown.isBlank()) {
                try {
                    sections.add(new Section(field.getValue(), postmortems.render(new PostmortemClient.Markdown(markdown)).html()));
                } catch (WebApplicationException | ProcessingException e) {
                    sections.add(new Section(field.getValue(), "<p>(unavailable)</p>"));
                }
            }
        }
        return sections;
    }

    static PostmortemDoc.Save formOf(PostmortemDoc d) {
        return new PostmortemDoc.Save(d.title(), d.summary(), d.impact(), d.timeline(), d.rootCause(), d.contributingFactors(),
                d.detection(), d.wentWell(), d.wentBadly(), d.prevention(), d.services(), d.priority(), d.categories(),
                d.impactStartedAt(), d.resolvedAt(), d.checklist(), d.noActionItemsReason());
    }

    static PostmortemDoc.Save fromForm(MultivaluedMap<String, String> f, PostmortemDoc current) {
        Integer duration = null;
        String d = f.getFirst("impactDuration");
        try {
            duration = d == null || d.isBlank() ? null : Integer.valueOf(d.strip());
        } catch (NumberFormatException e) {
            throw new InvalidForm("The impact duration must be a whole number of minutes, not “"
                    + (d.strip().length() > 40 ? d.strip().substring(0, 40) + "…" : d.strip()) + "”.");
        }
        List<String> factors = f.get("factor") == null ? List.of() : List.copyOf(f.get("factor"));
        List<String> services = f.getFirst("services") == null ? current.services()
                : Arrays.stream(f.getFirst("services").split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        return new PostmortemDoc.Save(f.getFirst("title"), f.getFirst("summary"),
                new PostmortemDoc.Impact(blank(f.getFirst("impactUsers")), duration, blank(f.getFirst("impactRevenue")),
                        blank(f.getFirst("impactSla"))),
                timeline(f, current.timeline()), f.getFirst("rootCause"), factors, f.getFirst("detection"), f.getFirst("wentWell"),
                f.getFirst("wentBadly"), f.getFirst("prevention"), services, blank(f.getFirst("priority")), current.categories(),
                current.impactStartedAt(), current.resolvedAt(),
                new PostmortemDoc.Checklist(on(f, "rootCauseExplained"), on(f, "fixAddressesCause"), on(f, "metricsConfirmResolution"),
                        on(f, "fixDocumented"), on(f, "preventionIdentified")),
                blank(f.getFirst("noActionItemsReason")));
    }

    /**
     * The timeline as edited in the form (rows tl-at, tl-actor, tl-type, tl-summary; tl-remove names the rows to drop;
     * an empty row is ignored), or the current one when the form has no timeline rows.
     */
    static List<PostmortemDoc.Timeline> timeline(MultivaluedMap<String, String> f, List<PostmortemDoc.Timeline> current) {
        List<String> at = f.get("tl-at");
        if (at == null) {
            return current;
        }
        List<String> removed = f.get("tl-remove") == null ? List.of() : f.get("tl-remove");
        List<PostmortemDoc.Timeline> rows = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            String when = blank(at.get(i));
            String actor = blank(cell(f, "tl-actor", i));
            String type = blank(cell(f, "tl-type", i));
            String summary = blank(cell(f, "tl-summary", i));
            if (removed.contains(String.valueOf(i)) || (when == null && actor == null && type == null && summary == null)) {
                continue;
            }
            rows.add(new PostmortemDoc.Timeline(instant(when, i + 1), actor, type, summary));
        }
        return rows;
    }

    private static String cell(MultivaluedMap<String, String> f, String name, int i) {
        List<String> values = f.get(name);
        return values == null || i >= values.size() ? null : values.get(i);
    }

    /** An ISO instant, or a date and time without zone taken as UTC; otherwise the row is named in the message. */
    static java.time.Instant instant(String value, int row) {
        if (value == null) {
            throw new InvalidForm("Timeline event " + row + " needs a time (UTC, e.g. 2026-11-29T14:20:00Z).");
        }
        java.time.Instant at;
        try {
            at = java.time.Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                at = java.time.LocalDateTime.parse(value).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new InvalidForm("Timeline event " + row + ": “" + value + "” is not a time (UTC, e.g. 2026-11-29T14:20:00Z).");
            }
        }
        if (at.isBefore(java.time.Instant.EPOCH) || at.isAfter(java.time.Instant.parse("9999-12-31T23:59:59Z"))) {
            throw new InvalidForm("Timeline event " + row + ": “" + value + "” is outside the years 1970–9999.");
        }
        return at;
    }

    /** The version the form was edited from; the current one when the form's is not a number (a tampered form). */
    private static long versionOr(String version, PostmortemDoc current) {
        try {
            return Long.parseLong(version == null ? "" : version.strip());
        } catch (NumberFormatException e) {
            return current.version();
        }
    }

    /** A field the form cannot turn into the document (a timeline row, the impact duration); nothing is saved. */
    static final class InvalidForm extends RuntimeException {
        InvalidForm(String message) {
            super(message);
        }
    }

    static List<Conflict> conflicts(PostmortemDoc.Save mine, PostmortemDoc theirs) {
        PostmortemDoc.Save other = formOf(theirs);
        List<Conflict> conflicts = new ArrayList<>();
        if (!Objects.equals(nullToEmpty(mine.title()), nullToEmpty(other.title()))) {
            conflicts.add(new Conflict("title", "Title", mine.title(), other.title()));
        }
        for (Map.Entry<String, String> field : TEXT_FIELDS.entrySet()) {
            String a = nullToEmpty(text(mine, field.getKey()));
            String b = nullToEmpty(text(other, field.getKey()));
            if (!a.equals(b)) {
                conflicts.add(new Conflict(field.getKey(), field.getValue(), a, b));
            }
        }
        return conflicts;
    }

    static String text(PostmortemDoc.Save s, String field) {
        return switch (field) {
            case "summary" -> s.summary();
            case "rootCause" -> s.rootCause();
            case "detection" -> s.detection();
            case "wentWell" -> s.wentWell();
            case "wentBadly" -> s.wentBadly();
            case "prevention" -> s.prevention();
            default -> null;
        };
    }

    private static String conflictMessage(PostmortemDoc theirs) {
        return (theirs.updatedBy() == null ? "Another author" : theirs.updatedBy())
                + " saved this post-mortem while you were editing. Your text is in the form; theirs is shown beside each field "
                + "that differs. Merge what you want to keep, then save again.";
    }

    private static boolean on(MultivaluedMap<String, String> f, String name) {
        return "on".equals(f.getFirst(name)) || "true".equals(f.getFirst(name));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

}
