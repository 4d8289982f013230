package io.hindsight.postmortem.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.postmortem.domain.Checklist;
import io.hindsight.postmortem.domain.ContributingFactor;
import io.hindsight.postmortem.domain.LessonVisibility;
import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.domain.PostmortemVisibility;
import io.hindsight.postmortem.repository.ActionItem;
import io.hindsight.postmortem.repository.Lesson;
import io.hindsight.postmortem.repository.Postmortem;
import io.hindsight.postmortem.rest.ActionItemView;
import io.hindsight.postmortem.rest.LessonView;
import io.hindsight.postmortem.rest.PostmortemView;
import io.hindsight.postmortem.rest.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Maps entities to API records explicitly, and the JSON-text columns to and from lists. */
@ApplicationScoped
public class PostmortemMapper {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<ContributingFactor>> FACTORS = new TypeReference<>() { };
    private static final TypeReference<List<TimelineEntry>> TIMELINE = new TypeReference<>() { };

    private final ObjectMapper json;

    public PostmortemMapper(ObjectMapper json) {
        this.json = json;
    }

    public PostmortemView view(Postmortem p) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return new PostmortemView(p.id, p.incidentId, p.title, p.status, p.summary,
                new PostmortemView.Impact(p.impactUsers, p.impactDurationMinutes, p.impactRevenue, p.impactSla),
                read(p.timelineJson, TIMELINE), p.rootCause, read(p.contributingFactorsJson, FACTORS), p.detection,
                p.wentWell, p.wentBadly, p.prevention,
                p.lessons.stream().map(l -> new PostmortemView.LessonRef(l.id, l.title)).toList(),
                p.actionItems.stream().map(a -> view(a, today)).toList(),
                read(p.servicesJson, STRINGS), p.priority, read(p.categoriesJson, STRINGS),
                p.impactStartedAt, p.resolvedAt, p.publishedAt,
                new PostmortemView.Source(p.sourceKind, p.sourceId, p.sourceUrl, p.sourceCompany),
                new Checklist(p.checkRootCauseExplained, p.checkFixAddressesCause, p.checkMetricsConfirm,
                        p.checkFixDocumented, p.checkPreventionIdentified),
                p.noActionItemsReason, new PostmortemView.Review(p.submittedAt, p.approvedBy, p.reviewComment),
                p.incidentContextJson == null ? null : readValue(p.incidentContextJson, PostmortemView.IncidentContext.class),
                p.incidentNote, p.createdBy, p.updatedBy, p.createdAt, p.updatedAt, p.version);
    }

    public ActionItemView view(ActionItem a, LocalDate today) {
        boolean overdue = a.dueDate != null && !a.status.closed() && a.dueDate.isBefore(today);
        return new ActionItemView(a.id, a.postmortem.id, a.title, a.owner, a.dueDate, a.priority, a.status, a.link, overdue,
                a.createdAt, a.updatedAt, a.completedAt, a.version);
    }

    /** The lesson as {@code caller} may see it, given the post-mortems teaching it (id → status; null for none). */
    public LessonView view(Lesson l, Map<Long, PostmortemStatus> taughtBy, PostmortemVisibility caller) {
        Map<Long, PostmortemStatus> links = taughtBy == null ? Map.of() : taughtBy;
        List<Long> ids = LessonVisibility.postmortemIds(caller, links);
        return new LessonView(l.id, l.title, l.body, read(l.tagsJson, STRINGS), ids, ids.size(),
                LessonVisibility.status(l.library(), links.values()), l.createdBy, l.createdAt, l.updatedAt, l.version);
    }

    /** The lesson as the change feed carries it: as the narrowest audience that may see it at all sees it. */
    public LessonView feedView(Lesson l, Map<Long, PostmortemStatus> taughtBy) {
        Map<Long, PostmortemStatus> links = taughtBy == null ? Map.of() : taughtBy;
        return view(l, links, PostmortemVisibility.audienceOf(LessonVisibility.status(l.library(), links.values())));
    }

    public List<TimelineEntry> timeline(Postmortem p) {
        return read(p.timelineJson, TIMELINE);
    }

    public List<String> strings(String text) {
        return read(text, STRINGS);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value == null ? List.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public JsonNode tree(Object value) {
        return json.valueToTree(value);
    }

    public JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text == null || text.isBlank() ? "[]" : text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    private <T> T readValue(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
