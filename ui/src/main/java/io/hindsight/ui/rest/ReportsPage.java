package io.hindsight.ui.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.ui.client.ReportClient;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Leadership reports: charts of search-service's trend reports (drawn in the browser by ECharts from data
 * attributes; no inline script) and CSV downloads. The numbers are search-service's; this page only draws them.
 */
@Path("/reports")
@RolesAllowed({"leader", "admin"})
@Produces(MediaType.TEXT_HTML)
public class ReportsPage {

    private static final Logger LOG = Logger.getLogger(ReportsPage.class);
    private static final Set<String> CSV_REPORTS = Set.of("incidents", "response-times", "repeats", "action-items", "status-updates");
    private static final List<String> PRIORITIES = List.of("P0", "P1", "P2");
    private static final String UNTRIAGED = "NONE";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance reports(ReportPeriod period, String service, String query, String countsChart, String mttrChart,
                                               String actionChart, String cadenceChart, ReportClient.Repeats repeats,
                                               ReportClient.ActionItems actionItems, ReportClient.CadenceReport cadence,
                                               String error);
    }

    private final ReportClient reports;
    private final ObjectMapper json;

    public ReportsPage(@RestClient ReportClient reports, ObjectMapper json) {
        this.reports = reports;
        this.json = json;
    }

    @GET
    public Response page(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("interval") String interval,
                         @QueryParam("service") String service) {
        ReportPeriod period = ReportPeriod.of(from, to, interval, LocalDate.now());
        String s = service(service);
        if (!period.valid()) {
            // refused, not replaced by the default: the form shows what was typed and what is accepted
            return Response.status(400).entity(Templates.reports(period, s, null, null, null, null, null, null, null, null,
                    period.message())).build();
        }
        String f = period.from();
        String t = period.to();
        String iv = period.interval();
        String query = query(f, t, s);
        try {
            ReportClient.Counts counts = reports.counts(iv, f, t, s);
            ReportClient.ResponseTimesReport times = reports.responseTimes(f, t, s);
            ReportClient.Repeats repeats = reports.repeats(f, t, s);
            ReportClient.ActionItems items = reports.actionItems(s);
            ReportClient.CadenceReport cadence = reports.cadence(f, t, s);
            return Response.ok(Templates.reports(period, s, query, countsChart(counts), mttrChart(times), actionChart(items),
                    cadenceChart(cadence), repeats, items, cadence, null)).build();
        } catch (WebApplicationException | ProcessingException e) {
            LOG.warnf("reports unavailable: %s", e.getMessage());
            String message = e instanceof WebApplicationException w && w.getResponse().getStatus() == 400
                    ? Problems.describe(w) : "Reports are unavailable right now (search-service does not answer).";
            return Response.status(e instanceof WebApplicationException w && w.getResponse().getStatus() == 400 ? 400 : 503)
                    .entity(Templates.reports(period, s, query, null, null, null, null, null, null, null, message)).build();
        }
    }

    @GET
    @Path("{name}.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("name") String name, @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("service") String service) {
        if (!CSV_REPORTS.contains(name)) {
            throw new jakarta.ws.rs.NotFoundException("No report " + name);
        }
        ReportPeriod period = ReportPeriod.of(from, to, null, LocalDate.now());
        if (!period.valid()) {
            throw new BadReportPeriod(period.message());
        }
        String body = reports.csv(name, "csv", period.from(), period.to(), service(service));
        return Response.ok(body, "text/csv").header("Content-Disposition", "attachment; filename=\"hindsight-" + name + ".csv\"").build();
    }

    private String countsChart(ReportClient.Counts counts) {
        List<String> periods = counts.periods().stream().map(ReportClient.Period::period).toList();
        List<Map<String, Object>> series = new ArrayList<>();
        List<String> priorities = new ArrayList<>(PRIORITIES);
        if (counts.periods().stream().anyMatch(x -> x.byPriority().containsKey(UNTRIAGED))) {
            priorities.add(UNTRIAGED); // declared without triage: search-service counts them as NONE
        }
        for (String p : priorities) {
            series.add(Map.of("name", UNTRIAGED.equals(p) ? "untriaged" : p, "type", "bar", "stack", "total",
                    "data", counts.periods().stream().map(x -> x.byPriority().getOrDefault(p, 0L)).toList()));
        }
        return write(Map.of("title", "Incidents per " + counts.interval() + " by priority", "categories", periods, "series", series));
    }

    private String mttrChart(ReportClient.ResponseTimesReport times) {
        List<Object> median = new ArrayList<>();
        List<Object> p90 = new ArrayList<>();
        for (String p : PRIORITIES) {
            ReportClient.ResponseTimes t = times.byPriority() == null ? null : times.byPriority().get(p);
            median.add(t == null || t.mttr() == null ? null : t.mttr().medianMinutes());
            p90.add(t == null || t.mttr() == null ? null : t.mttr().p90Minutes());
        }
        return write(Map.of("title", "Time to resolve (minutes) by priority", "categories", PRIORITIES, "series", List.of(
                Map.of("name", "median", "type", "bar", "data", median),
                Map.of("name", "p90", "type", "bar", "data", p90))));
    }

    private String actionChart(ReportClient.ActionItems items) {
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put("done", items.done());
        parts.put("in progress", items.inProgress());
        parts.put("open", items.open());
        parts.put("won't do", items.wontDo());
        return write(Map.of("title", "Action items", "categories", List.copyOf(parts.keySet()), "series", List.of(
                Map.of("name", "items", "type", "bar", "data", List.copyOf(parts.values())))));
    }

    private String cadenceChart(ReportClient.CadenceReport cadence) {
        Set<String> priorities = new TreeSet<>(cadence.byPriority() == null ? Set.of() : cadence.byPriority().keySet());
        List<Object> compliance = new ArrayList<>();
        for (String p : priorities) {
            Double c = cadence.byPriority().get(p).compliance();
            compliance.add(c == null ? null : Math.round(c * 1000) / 10.0);
        }
        return write(Map.of("title", "Status updates on time (%)", "categories", List.copyOf(priorities), "series", List.of(
                Map.of("name", "on time %", "type", "bar", "data", compliance))));
    }

    private String write(Object chart) {
        try {
            return json.writeValueAsString(chart);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String service(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The query string of the CSV links: the same period and service as the charts. */
    static String query(String from, String to, String service) {
        String q = "from=" + from + "&to=" + to;
        return service == null ? q : q + "&service=" + java.net.URLEncoder.encode(service, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A CSV link with a period the reports refuse: answered by {@link ErrorPages} with a 400 page saying why. */
    static final class BadReportPeriod extends RuntimeException {
        BadReportPeriod(String message) {
            super(message, null, false, false);
        }
    }
}
