package io.hindsight.ui.rest;

import io.hindsight.ui.client.IncidentClient;
import io.hindsight.ui.client.IncidentDetail;
import io.hindsight.ui.client.IncidentLiveClient;
import io.hindsight.ui.client.SimilarClient;
import io.hindsight.ui.client.StatusUpdate;
import io.hindsight.ui.client.TimelineEntry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Declaring an incident (the SEVER form, its computed priority shown while it is filled) and the war room of one
 * incident: live timeline, status-update composer, hypotheses and changes board with red flags, similar past
 * incidents. Every rule lives in incident-service; this page only shows and forwards.
 */
@Path("/incidents/{id}")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class WarRoomPage {

    private static final Logger LOG = Logger.getLogger(WarRoomPage.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance warroom(IncidentDetail incident, List<TimelineEntry> timeline, StatusUpdate last,
                                               boolean declared, Flash.Notice notice);

        static native TemplateInstance timeline(List<TimelineEntry> timeline);

        static native TemplateInstance summary(IncidentDetail incident);

        static native TemplateInstance board(IncidentDetail incident);

        static native TemplateInstance similar(SimilarClient.Results results, String error);
    }

    private final IncidentClient incidents;
    private final IncidentLiveClient live;
    private final SimilarClient similar;
    private final Flash flash;

    public WarRoomPage(@RestClient IncidentClient incidents, @RestClient IncidentLiveClient live, @RestClient SimilarClient similar,
                       Flash flash) {
        this.flash = flash;
        this.incidents = incidents;
        this.live = live;
        this.similar = similar;
    }

    @GET
    public TemplateInstance warRoom(@PathParam("id") long id, @QueryParam("declared") String declared,
                                    @CookieParam(Flash.COOKIE) String notice) {
        IncidentDetail incident = find(id);
        List<TimelineEntry> timeline = incidents.timeline(id).events();
        List<StatusUpdate> updates = incidents.updates(id);
        StatusUpdate last = updates.isEmpty() ? null : updates.get(updates.size() - 1);
        return Templates.warroom(incident, newestFirst(timeline), last, declared != null, flash.read(notice));
    }

    /**
     * Live panels over Server-Sent Events: for every snapshot incident-service streams, the summary, the board and the
     * timeline are rendered again and sent as named events that htmx swaps in place.
     */
    @GET
    @Path("live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> live(@PathParam("id") long id, Sse sse) {
        IncidentClient client = incidents;
        return live.live(id)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToIterable(snapshot -> {
                    List<OutboundSseEvent> events = new ArrayList<>(3);
                    events.add(sse.newEventBuilder().name("summary").data(Templates.summary(snapshot).render()).build());
                    events.add(sse.newEventBuilder().name("board").data(Templates.board(snapshot).render()).build());
                    try {
                        List<TimelineEntry> timeline = newestFirst(client.timeline(id).events());
                        events.add(sse.newEventBuilder().name("timeline").data(Templates.timeline(timeline).render()).build());
                    } catch (RuntimeException e) {
                        LOG.debugf("timeline refresh failed: %s", e.getMessage());
                    }
                    return events;
                });
    }

    @GET
    @Path("similar")
    public TemplateInstance similarPanel(@PathParam("id") long id) {
        IncidentDetail incident = find(id);
        try {
            return Templates.similar(similar.similar(new SimilarClient.Request(incident.symptom(), incident.title(), incident.services(),
                    String.valueOf(id), 5)), null);
        } catch (WebApplicationException | ProcessingException e) {
            LOG.warnf("similar incidents unavailable: %s", e.getMessage());
            return Templates.similar(null, "Similar past incidents are unavailable right now (search-service does not answer).");
        }
    }

    @POST
    @Path("updates")
    public Response postUpdate(@PathParam("id") long id, @RestForm String version, @RestForm String status, @RestForm String symptom,
                               @RestForm String scope, @RestForm String started, @RestForm String worked, @RestForm String ruledOut,
                               @RestForm String nextSteps, @RestForm String workaround) {
        List<StatusUpdate.Tried> tried = new ArrayList<>();
        lines(worked).forEach(l -> tried.add(new StatusUpdate.Tried(l, "WORKED")));
        lines(ruledOut).forEach(l -> tried.add(new StatusUpdate.Tried(l, "RULED_OUT")));
        List<StatusUpdate.NextStep> steps = lines(nextSteps).stream().map(WarRoomPage::nextStep).toList();
        return act(id, () -> incidents.postUpdate(id, version, new StatusUpdate(null, null, null, blank(status), blank(symptom),
                blank(scope), blank(started), tried, steps, blank(workaround), null, null)), "Status update posted.");
    }

    @POST
    @Path("hypotheses")
    public Response addHypothesis(@PathParam("id") long id, @RestForm String version, @RestForm String statement,
                                  @RestForm String prediction, @RestForm String howToTest, @RestForm String timeBoxMinutes) {
        Integer timeBox;
        try {
            timeBox = wholeNumber(timeBoxMinutes);
        } catch (NumberFormatException e) {
            return refused(id, "The time box must be a whole number of minutes, not “" + shorten(timeBoxMinutes) + "”; the hypothesis was not added.");
        }
        return act(id, () -> incidents.addHypothesis(id, version, new IncidentClient.NewHypothesis(statement, prediction, howToTest,
                timeBox)), "Hypothesis added.");
    }

    @POST
    @Path("hypotheses/{hid}/outcome")
    public Response decideHypothesis(@PathParam("id") long id, @PathParam("hid") long hid, @RestForm String version,
                                     @RestForm String outcome, @RestForm String note) {
        return act(id, () -> incidents.decideHypothesis(id, hid, version, new IncidentClient.Verdict(outcome, blank(note))),
                "Hypothesis marked " + outcome + ".");
    }

    @POST
    @Path("changes")
    public Response addChange(@PathParam("id") long id, @RestForm String version, @RestForm String description,
                              @RestForm String hypothesisId, @RestForm String revertPlan, @RestForm String force,
                              @RestForm String forceReason) {
        Long hypothesis;
        try {
            hypothesis = hypothesisId == null || hypothesisId.isBlank() ? null : Long.valueOf(hypothesisId.strip());
        } catch (NumberFormatException e) {
            return refused(id, "The hypothesis must be one of the list, not “" + shorten(hypothesisId) + "”; the change was not recorded.");
        }
        return act(id, () -> incidents.addChange(id, version, new IncidentClient.NewChange(description, hypothesis, revertPlan,
                "on".equals(force) ? Boolean.TRUE : null, blank(forceReason))), "Change recorded.");
    }

    @POST
    @Path("changes/{cid}/outcome")
    public Response judgeChange(@PathParam("id") long id, @PathParam("cid") long cid, @RestForm String version,
                                @RestForm String outcome, @RestForm String note) {
        return act(id, () -> incidents.judgeChange(id, cid, version, new IncidentClient.Verdict(outcome, blank(note))),
                "Change marked " + outcome + ".");
    }

    @POST
    @Path("transitions")
    public Response transition(@PathParam("id") long id, @RestForm String version, @RestForm String status, @RestForm String note) {
        return act(id, () -> incidents.transition(id, version, new IncidentClient.Transition(status, blank(note))),
                "Status changed.");
    }

    @POST
    @Path("containment")
    public Response contain(@PathParam("id") long id, @RestForm String kind, @RestForm String description, @RestForm String mitigated) {
        return act(id, () -> incidents.contain(id, new IncidentClient.Containment(blank(kind), blank(description),
                "on".equals(mitigated) ? Boolean.TRUE : null)), "Containment recorded.");
    }

    @POST
    @Path("fix-checklist")
    public Response fixChecklist(@PathParam("id") long id, @RestForm String blastRadius, @RestForm String secondPairOfEyes,
                                 @RestForm String rollbackReady, @RestForm String canaryDeployed, @RestForm String monitoringInPlace,
                                 @RestForm String symptomVerifiedGone, @RestForm String noNewErrors) {
        return act(id, () -> incidents.fixChecklist(id, new IncidentClient.FixChecklist(blank(blastRadius), "on".equals(secondPairOfEyes),
                "on".equals(rollbackReady), "on".equals(canaryDeployed), "on".equals(monitoringInPlace),
                "on".equals(symptomVerifiedGone), "on".equals(noNewErrors))), "Fix-safety checklist saved.");
    }

    @POST
    @Path("roles")
    public Response roles(@PathParam("id") long id, @RestForm String commander, @RestForm String commsLead, @RestForm String responders) {
        List<String> people = responders == null ? List.of()
                : java.util.Arrays.stream(responders.split("[,\\s]+")).filter(r -> !r.isBlank()).toList();
        return act(id, () -> incidents.roles(id, new IncidentClient.Roles(blank(commander), blank(commsLead), people)), "Roles saved.");
    }

    private Response act(long id, Runnable call, String done) {
        try {
            call.run();
            return flash.ok("/incidents/" + id, done);
        } catch (WebApplicationException e) {
            return flash.failed("/incidents/" + id, e.getResponse().getStatus() == 409 && e.getResponse().getHeaderString("ETag") != null
                    ? "Someone else changed this incident meanwhile; the page shows the current state. " + Problems.describe(e)
                    : Problems.describe(e));
        }
    }

    private IncidentDetail find(long id) {
        try {
            return incidents.get(id);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw new jakarta.ws.rs.NotFoundException("No incident " + id);
            }
            throw e;
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A form value the page cannot use: back to the war room, saying so (as a refusal of incident-service is shown). */
    private Response refused(long id, String message) {
        return flash.failed("/incidents/" + id, message);
    }

    /** A whole number, or null when blank; NumberFormatException for anything else (never a silent null). */
    private static Integer wholeNumber(String value) {
        return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
    }

    private static String shorten(String value) {
        String v = value.strip();
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }

    private static Integer parseInt(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** "Deploy to canary | 10" is the action and its ETA in minutes; without "|" there is no ETA. */
    static StatusUpdate.NextStep nextStep(String line) {
        int bar = line.lastIndexOf('|');
        if (bar > 0) {
            Integer eta = parseInt(line.substring(bar + 1).replaceAll("[^0-9]", ""));
            return new StatusUpdate.NextStep(line.substring(0, bar).strip(), eta);
        }
        return new StatusUpdate.NextStep(line, null);
    }

    private static List<TimelineEntry> newestFirst(List<TimelineEntry> events) {
        List<TimelineEntry> copy = new ArrayList<>(events);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
