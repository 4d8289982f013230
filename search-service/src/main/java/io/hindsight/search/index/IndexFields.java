package io.hindsight.search.index;

import java.util.List;

/** Names of the fields of the index, one schema for every document type. */
public final class IndexFields {
    /** Unique key across types: {@code <type>:<id>}. */
    public static final String UID = "uid";
    /** incident, postmortem, lesson, action-item. */
    public static final String TYPE = "type";
    public static final String ID = "id";

    // prose, English analysis; weights in SearchService.BOOSTS
    public static final String TITLE = "title";
    public static final String SYMPTOM = "symptom";
    public static final String ROOT_CAUSE = "rootCause";
    /** All text of the document, for the lowest-weighted match. */
    public static final String BODY = "body";
    /** All text of the document again, with the operations-token analysis. */
    public static final String OPS = "ops";
    /** Title and text with standard analysis only (suggestions, quality baseline). */
    public static final String PLAIN = "plain";

    // keywords: filters and facets (indexed + sorted-set doc values)
    public static final String SERVICE = "service";
    public static final String STATUS = "status";
    public static final String PRIORITY = "priority";
    public static final String CATEGORY = "category";
    /** PUBLIC, REVIEW (post-mortem in review) or DRAFT; filtered inside every query by the caller's roles. */
    public static final String VISIBILITY = "visibility";
    public static final String DRILL = "drill";
    /** The incident a post-mortem (or its action items) is about. */
    public static final String INCIDENT_ID = "incidentId";
    public static final String POSTMORTEM_ID = "postmortemId";
    /** Names worth suggesting: exception and class names found in the text. */
    public static final String NAME = "name";
    /** Suggestion keys {@code <lower-case>\u001f<kind>\u001f<as written>} of services and names, for prefix lookup. */
    public static final String SUGGEST = "suggest";

    // times (epoch millis): LongPoint for ranges, doc values for sorting and reports, stored
    /** When it happened: detectedAt of an incident, impact start of a post-mortem, due date of an action item. */
    public static final String DATE = "date";
    public static final String UPDATED = "updated";
    public static final String IMPACT_STARTED = "impactStartedAt";
    public static final String DETECTED = "detectedAt";
    public static final String ACKNOWLEDGED = "acknowledgedAt";
    public static final String MITIGATED = "mitigatedAt";
    public static final String RESOLVED = "resolvedAt";
    public static final String DUE = "dueDate";
    /** Status updates of an incident and how many came later than the previous one promised. */
    public static final String UPDATES_TOTAL = "updatesTotal";
    public static final String UPDATES_LATE = "updatesLate";

    /** The feed that wrote the document (indexed only), and the generation of that feed it was written in (a point). */
    public static final String FEED = "feed";
    public static final String GENERATION = "feedGeneration";

    /** The snapshot as received from the feed (stored only), for result cards. */
    public static final String SOURCE = "source";

    public static final List<String> KEYWORDS = List.of(UID, TYPE, ID, SERVICE, STATUS, PRIORITY, CATEGORY, VISIBILITY,
            DRILL, INCIDENT_ID, POSTMORTEM_ID, NAME, SUGGEST);
    /** Keyword fields a caller may filter and facet on. */
    public static final List<String> FACETS = List.of(TYPE, SERVICE, PRIORITY, CATEGORY, STATUS);

    public static final String PUBLIC = "PUBLIC";
    public static final String REVIEW = "REVIEW";
    public static final String DRAFT = "DRAFT";

    private IndexFields() {
    }
}
