package io.hindsight.search.rest;

import io.hindsight.problem.ProblemException;
import io.hindsight.search.index.Access;
import io.hindsight.search.report.CsvTable;
import io.hindsight.search.report.ReportService;
import io.hindsight.search.report.Stats;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Trend reports for leaders, as JSON or CSV ({@code Accept: text/csv} or {@code format=csv}). Drills are always
 * excluded; from/to (ISO date or instant, inclusive) select incidents by detectedAt (createdAt when absent); service
 * (optional) keeps the incidents naming that service, and the action items of post-mortems naming it.
 */
@Path("/api/reports")
@Produces({MediaType.APPLICATION_JSON, ReportResource.CSV})
@Tag(name = "Reports")
@RolesAllowed({"leader", "admin"})
public class ReportResource {

    static final String CSV = "text/csv";
    private final ReportService reports;
    private final SecurityIdentity identity;

    public ReportResource(ReportService reports, SecurityIdentity identity) {
        this.reports = reports;
        this.identity = identity;
    }

    @GET
    @Path("/incidents")
    @Operation(summary = "Incident counts per week (from Monday) or month, by priority, service and category")
    public Response counts(@QueryParam("interval") @Size(max = 10) String interval, @QueryParam("from") @Size(max = 40) String from,
                           @QueryParam("to") @Size(max = 40) String to,
                           @QueryParam("service") @Size(max = 200) String service, @QueryParam("format") @Size(max = 10) String format,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        var report = reports.counts(interval, from, to, service, access());
        return respond(report, format, accept, r -> {
            CsvTable csv = new CsvTable("period", "dimension", "value", "count");
            for (var p : r.periods()) {
                csv.row(p.period(), "total", "", p.total());
                p.byPriority().forEach((k, v) -> csv.row(p.period(), "priority", k, v));
                p.byService().forEach((k, v) -> csv.row(p.period(), "service", k, v));
                p.byCategory().forEach((k, v) -> csv.row(p.period(), "category", k, v));
            }
            return csv.toString();
        });
    }

    @GET
    @Path("/response-times")
    @Operation(summary = "MTTA, MTTM and MTTR in minutes (median, p90, mean), overall and by priority",
            description = "MTTA = acknowledgedAt − detectedAt. MTTM (time to mitigate) = mitigatedAt − impactStartedAt, or − detectedAt "
                    + "when the impact start is unknown. MTTR (time to resolve) = resolvedAt − impactStartedAt, or − detectedAt. "
                    + "An incident without the end timestamp is left out of that measure. Median: middle value (mean of the two "
                    + "middle values for an even count); p90: nearest rank; mean: arithmetic. Drills excluded.")
    public Response responseTimes(@QueryParam("from") @Size(max = 40) String from, @QueryParam("to") @Size(max = 40) String to,
                                  @QueryParam("service") @Size(max = 200) String service,
                                  @QueryParam("format") @Size(max = 10) String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        var report = reports.responseTimes(from, to, service, access());
        return respond(report, format, accept, r -> {
            CsvTable csv = new CsvTable("priority", "metric", "count", "median_minutes", "p90_minutes", "mean_minutes");
            times(csv, "ALL", r.all());
            r.byPriority().forEach((p, t) -> times(csv, p, t));
            return csv.toString();
        });
    }

    @GET
    @Path("/repeats")
    @Operation(summary = "Repeat incidents and how often each service has incidents",
            description = "A repeat is an incident detected at most 30 days after an earlier one of the same service and category. "
                    + "Per service over the period: FIRST_SEEN when its first incident ever falls in the period, FREQUENT with 3 or "
                    + "more incidents in the period, otherwise RARE. Drills excluded.")
    public Response repeats(@QueryParam("from") @Size(max = 40) String from, @QueryParam("to") @Size(max = 40) String to,
                            @QueryParam("service") @Size(max = 200) String service,
                            @QueryParam("format") @Size(max = 10) String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        var report = reports.repeats(from, to, service, access());
        return respond(report, format, accept, r -> {
            CsvTable csv = new CsvTable("service", "incidents", "repeats", "classification", "first_seen", "last_seen");
            for (var s : r.services()) {
                csv.row(s.service(), s.incidents(), s.repeats(), s.classification(), s.firstSeen(), s.lastSeen());
            }
            return csv.toString();
        });
    }

    @GET
    @Path("/action-items")
    @Operation(summary = "Action-item completion and overdue counts",
            description = "completionRate = DONE / (all − WONT_DO); overdue = OPEN or IN_PROGRESS with a due date before today (UTC).")
    public Response actionItems(@QueryParam("service") @Size(max = 200) String service, @QueryParam("format") @Size(max = 10) String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        var report = reports.actionItems(service, access());
        return respond(report, format, accept, r -> new CsvTable("as_of", "total", "open", "in_progress", "done", "wont_do",
                "completion_rate", "overdue").row(r.asOf(), r.total(), r.open(), r.inProgress(), r.done(), r.wontDo(),
                r.completionRate(), r.overdue()).toString());
    }

    @GET
    @Path("/status-updates")
    @Operation(summary = "Status-update cadence compliance, overall and by priority",
            description = "An update is late when posted after the nextUpdateAt promised by the update before it; "
                    + "compliance = (updates after the first − late) / updates after the first. Drills excluded.")
    public Response cadence(@QueryParam("from") @Size(max = 40) String from, @QueryParam("to") @Size(max = 40) String to,
                            @QueryParam("service") @Size(max = 200) String service,
                            @QueryParam("format") @Size(max = 10) String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        var report = reports.cadence(from, to, service, access());
        return respond(report, format, accept, r -> {
            CsvTable csv = new CsvTable("priority", "incidents", "updates", "late", "compliance");
            cadenceRow(csv, "ALL", r.all());
            r.byPriority().forEach((p, c) -> cadenceRow(csv, p, c));
            return csv.toString();
        });
    }

    private Access access() {
        return Access.of(identity.getRoles());
    }

    private static <T> Response respond(T report, String format, String accept, Function<T, String> csv) {
        boolean asCsv;
        if (format != null && !format.isBlank()) {
            asCsv = switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.badRequest("format must be 'json' or 'csv'");
            };
        } else {
            asCsv = accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
        }
        return asCsv ? Response.ok(csv.apply(report), CSV + "; charset=utf-8").build()
                : Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    private static void times(CsvTable csv, String priority, ReportService.ResponseTimes t) {
        for (Map.Entry<String, Stats> e : Map.of("MTTA", t.mtta(), "MTTM", t.mttm(), "MTTR", t.mttr()).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            Stats s = e.getValue();
            csv.row(priority, e.getKey(), s.count(), s.medianMinutes(), s.p90Minutes(), s.meanMinutes());
        }
    }

    private static void cadenceRow(CsvTable csv, String priority, ReportService.Cadence c) {
        csv.row(priority, c.incidents(), c.updates(), c.late(), c.compliance());
    }
}
