package io.hindsight.search.report;

import java.util.List;

/** The report-relevant values of one incident, read from doc values (times in epoch millis, 0 when absent). */
public record IncidentRow(String id, long date, long impactStarted, long detected, long acknowledged, long mitigated,
                          long resolved, String priority, List<String> services, List<String> categories,
                          long updatesTotal, long updatesLate) {
}
