package io.hindsight.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Maps the snapshots of the change feeds (the JSON contracts of incident-service and postmortem-service) to Lucene
 * documents: one per incident, post-mortem and lesson, and one per action item (from its post-mortem's snapshot or
 * its own feed entry). Every document carries a {@link IndexFields#VISIBILITY} the queries filter on.
 */
public final class KnowledgeDocuments {

    public static final String INCIDENT = "incident";
    public static final String POSTMORTEM = "postmortem";
    public static final String LESSON = "lesson";
    public static final String ACTION_ITEM = "action-item";
    public static final List<String> TYPES = List.of(INCIDENT, POSTMORTEM, LESSON, ACTION_ITEM);

    /**
     * A class or exception name, optionally package-qualified. Every repetition is bounded and possessive: the former
     * {@code (?:[a-z][a-z0-9_]*\\.)*([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)} backtracked for 90 s over
     * {@code "Ab" * 50000 + "_"} and overflowed the stack over {@code "a." * 50000}, inside the indexer. And no
     * {@code \\b}: Java checks it by scanning back over combining marks, quadratic over a long run of them (found by
     * {@code HostileTextIndexingTest}); the look-arounds say the same for names. The names it finds in real text are
     * the same; a "name" longer than about 250 characters is not one.
     */
    private static final Pattern NAMES = Pattern.compile(
            "(?<![\\p{L}\\p{N}_])(?:[a-z][a-z0-9_]{0,100}+\\.){0,20}+([A-Z][a-z0-9]{1,100}+[A-Z][A-Za-z0-9]{0,150}+)(?![\\p{L}\\p{N}_])");
    /**
     * Longest value of a keyword field, in UTF-8 bytes. Lucene refuses a term (and a sorted-set doc value) over 32766
     * bytes, and refusing it failed the whole feed change every poll ({@code immense term in field="suggest"}); a
     * longer value is cut at a code-point boundary below this, far under the limit. The services' edges keep such
     * fields much shorter (a service name is at most 100 characters).
     */
    public static final int MAX_KEYWORD_BYTES = 1024;

    /** Stored prose with offsets in the postings, so snippets are cut without analysing the text again. */
    private static final org.apache.lucene.document.FieldType HIGHLIGHTED = new org.apache.lucene.document.FieldType(TextField.TYPE_STORED);

    static {
        HIGHLIGHTED.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        HIGHLIGHTED.freeze();
    }

    /** The upserts (replacing by uid) and deletions one feed change causes. */
    public record Changes(List<Document> upserts, List<Query> deletes) {
    }

    private KnowledgeDocuments() {
    }

    public static String uid(String type, String id) {
        return keywordValue(type + ":" + id);
    }

    /**
     * @param postmortemVisibility the visibility of an indexed post-mortem by id (null if unknown), for action
     *                             items that arrive on their own
     */
    public static Changes map(String entityType, String id, boolean delete, JsonNode payload,
                              Function<String, String> postmortemVisibility) {
        List<Document> upserts = new ArrayList<>();
        List<Query> deletes = new ArrayList<>();
        if (!TYPES.contains(entityType)) {
            return new Changes(upserts, deletes);
        }
        deletes.add(new TermQuery(new Term(IndexFields.UID, uid(entityType, id))));
        if (POSTMORTEM.equals(entityType)) {
            deletes.add(itemsOf(id)); // its items are re-added from the snapshot: removed items disappear
        }
        if (delete || payload == null || payload.isNull() || payload.isMissingNode()) {
            return new Changes(upserts, deletes);
        }
        deletes.remove(0); // the upsert replaces by uid
        switch (entityType) {
            case INCIDENT -> upserts.add(incident(id, payload));
            case POSTMORTEM -> {
                String visibility = postmortemVisibility(text(payload, "status"));
                upserts.add(postmortem(id, payload, visibility));
                for (JsonNode item : payload.path("actionItems")) {
                    upserts.add(actionItem(text(item, "id"), item, id, visibility));
                }
            }
            case LESSON -> upserts.add(lesson(id, payload));
            default -> {
                String pm = text(payload, "postmortemId");
                String visibility = pm.isEmpty() ? IndexFields.PUBLIC : postmortemVisibility.apply(pm);
                upserts.add(actionItem(id, payload, pm, visibility == null ? IndexFields.DRAFT : visibility));
            }
        }
        return new Changes(upserts, deletes);
    }

    /** Only action items carry a postmortemId, so this term is all the items of one post-mortem (a cheap delete by term). */
    private static Query itemsOf(String postmortemId) {
        return new TermQuery(new Term(IndexFields.POSTMORTEM_ID, postmortemId));
    }

    /** PUBLISHED → PUBLIC, IN_REVIEW → REVIEW, anything else (DRAFT, unknown) → DRAFT. */
    public static String postmortemVisibility(String status) {
        return switch (status) {
            case "PUBLISHED" -> IndexFields.PUBLIC;
            case "IN_REVIEW" -> IndexFields.REVIEW;
            default -> IndexFields.DRAFT;
        };
    }

    static Document incident(String id, JsonNode in) {
        Document doc = base(INCIDENT, id, in, IndexFields.PUBLIC);
        StringBuilder rootCause = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (JsonNode h : in.path("hypotheses")) {
            String statement = text(h, "statement");
            if ("CONFIRMED".equals(text(h, "outcome"))) {
                rootCause.append(statement).append('\n');
            }
            body.append(statement).append('\n').append(text(h, "prediction")).append('\n');
        }
        for (JsonNode c : in.path("changes")) {
            body.append(text(c, "description")).append('\n');
        }
        for (JsonNode r : in.path("triage").path("reasons")) {
            body.append(r.asText()).append('\n');
        }
        in.path("labels").fields().forEachRemaining(e -> body.append(e.getKey()).append(' ').append(e.getValue().asText()).append('\n'));
        texts(doc, text(in, "title"), text(in, "symptom"), rootCause.toString(), body.toString(), services(in));
        keyword(doc, IndexFields.STATUS, text(in, "status"));
        keyword(doc, IndexFields.PRIORITY, text(in, "priority"));
        keyword(doc, IndexFields.DRILL, String.valueOf(in.path("drill").asBoolean(false)));
        String category = text(in.path("labels"), "category");
        if (!category.isEmpty()) {
            keyword(doc, IndexFields.CATEGORY, category.toLowerCase(Locale.ROOT));
        }
        long detected = instant(text(in, "detectedAt"));
        date(doc, IndexFields.DATE, detected != 0 ? detected : instant(text(in, "createdAt")));
        date(doc, IndexFields.IMPACT_STARTED, instant(text(in, "impactStartedAt")));
        date(doc, IndexFields.DETECTED, detected);
        date(doc, IndexFields.ACKNOWLEDGED, instant(text(in, "acknowledgedAt")));
        date(doc, IndexFields.MITIGATED, instant(text(in, "mitigatedAt")));
        date(doc, IndexFields.RESOLVED, instant(text(in, "resolvedAt")));
        int total = 0;
        int late = 0;
        long promised = 0;
        for (JsonNode u : in.path("statusUpdates")) {
            long posted = instant(text(u, "postedAt"));
            if (total > 0 && promised != 0 && posted > promised) {
                late++;
            }
            total++;
            promised = instant(text(u, "nextUpdateAt"));
        }
        doc.add(new NumericDocValuesField(IndexFields.UPDATES_TOTAL, total));
        doc.add(new NumericDocValuesField(IndexFields.UPDATES_LATE, late));
        return doc;
    }

    static Document postmortem(String id, JsonNode pm, String visibility) {
        Document doc = base(POSTMORTEM, id, pm, visibility);
        JsonNode impact = pm.path("impact");
        String symptom = String.join("\n", text(pm, "summary"), text(impact, "users"), text(pm, "detection"));
        StringBuilder body = new StringBuilder();
        for (String f : List.of("wentWell", "wentBadly", "prevention")) {
            body.append(text(pm, f)).append('\n');
        }
        for (JsonNode f : pm.path("contributingFactors")) {
            body.append(f.asText().replace('_', ' ').toLowerCase(Locale.ROOT)).append('\n');
        }
        for (JsonNode l : pm.path("lessons")) {
            body.append(text(l, "title")).append('\n');
        }
        for (JsonNode a : pm.path("actionItems")) {
            body.append(text(a, "title")).append('\n');
        }
        for (JsonNode c : pm.path("categories")) {
            body.append(c.asText()).append('\n');
        }
        texts(doc, text(pm, "title"), symptom, text(pm, "rootCause"), body.toString(), services(pm));
        keyword(doc, IndexFields.STATUS, text(pm, "status"));
        keyword(doc, IndexFields.PRIORITY, text(pm, "priority"));
        keyword(doc, IndexFields.INCIDENT_ID, text(pm, "incidentId"));
        for (JsonNode c : pm.path("categories")) {
            keyword(doc, IndexFields.CATEGORY, c.asText().toLowerCase(Locale.ROOT));
        }
        keyword(doc, IndexFields.DRILL, "false");
        long started = instant(text(pm, "impactStartedAt"));
        long published = instant(text(pm, "publishedAt"));
        date(doc, IndexFields.DATE, started != 0 ? started : published != 0 ? published : instant(text(pm, "createdAt")));
        return doc;
    }

    /**
     * A lesson is as public as the most public post-mortem teaching it: postmortem-service says which in its
     * {@code status} (PUBLISHED, IN_REVIEW, DRAFT), mapped like a post-mortem's. An entry without one (written before
     * postmortem-service said it) is taken as a draft: hidden from readers until the lesson changes again.
     */
    static Document lesson(String id, JsonNode lesson) {
        Document doc = base(LESSON, id, lesson, postmortemVisibility(text(lesson, "status")));
        StringBuilder tags = new StringBuilder();
        for (JsonNode t : lesson.path("tags")) {
            keyword(doc, IndexFields.CATEGORY, t.asText().toLowerCase(Locale.ROOT));
            tags.append(t.asText()).append(' ');
        }
        texts(doc, text(lesson, "title"), "", "", text(lesson, "body") + "\n" + tags, List.of());
        date(doc, IndexFields.DATE, instant(text(lesson, "updatedAt")));
        return doc;
    }

    static Document actionItem(String id, JsonNode item, String postmortemId, String visibility) {
        Document doc = base(ACTION_ITEM, id, item, visibility);
        texts(doc, text(item, "title"), "", "", text(item, "owner") + "\n" + text(item, "link"), List.of());
        keyword(doc, IndexFields.STATUS, text(item, "status"));
        keyword(doc, IndexFields.PRIORITY, text(item, "priority"));
        keyword(doc, IndexFields.POSTMORTEM_ID, postmortemId);
        long due = day(text(item, "dueDate"));
        date(doc, IndexFields.DATE, due);
        date(doc, IndexFields.DUE, due);
        return doc;
    }

    private static Document base(String type, String id, JsonNode payload, String visibility) {
        Document doc = new Document();
        keyword(doc, IndexFields.UID, uid(type, id));
        keyword(doc, IndexFields.TYPE, type);
        keyword(doc, IndexFields.ID, id);
        keyword(doc, IndexFields.VISIBILITY, visibility);
        date(doc, IndexFields.UPDATED, instant(text(payload, "updatedAt")));
        doc.add(new StoredField(IndexFields.SOURCE, payload.toString()));
        return doc;
    }

    private static void texts(Document doc, String title, String symptom, String rootCause, String body, List<String> services) {
        doc.add(new Field(IndexFields.TITLE, title, HIGHLIGHTED));
        doc.add(new Field(IndexFields.SYMPTOM, symptom, HIGHLIGHTED));
        doc.add(new Field(IndexFields.ROOT_CAUSE, rootCause, HIGHLIGHTED));
        String all = String.join("\n", title, symptom, rootCause, body, String.join(" ", services));
        doc.add(new TextField(IndexFields.BODY, all, Field.Store.NO));
        doc.add(new TextField(IndexFields.OPS, all, Field.Store.NO));
        doc.add(new TextField(IndexFields.PLAIN, title + "\n" + symptom + "\n" + rootCause + "\n" + body, Field.Store.NO));
        for (String service : services) {
            keyword(doc, IndexFields.SERVICE, service);
            suggest(doc, "service", service);
        }
        for (String name : names(all)) {
            keyword(doc, IndexFields.NAME, name);
            suggest(doc, "name", name);
        }
    }

    /** Exception and class names in the text ({@code NullPointerException}, {@code PromoValidator}). */
    static Set<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = NAMES.matcher(text);
        while (m.find() && names.size() < 50) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<String> services(JsonNode node) {
        List<String> services = new ArrayList<>();
        for (JsonNode s : node.path("services")) {
            if (!s.asText().isBlank()) {
                services.add(s.asText());
            }
        }
        return services;
    }

    public static String suggestKey(String kind, String text) {
        String shown = utf8Prefix(text, MAX_KEYWORD_BYTES / 4); // lower case can grow a little: the key stays under MAX_KEYWORD_BYTES
        return keywordValue(shown.toLowerCase(Locale.ROOT) + '\u001f' + kind + '\u001f' + shown);
    }

    private static void suggest(Document doc, String kind, String text) {
        doc.add(new StringField(IndexFields.SUGGEST, suggestKey(kind, text), Field.Store.NO));
    }

    private static void keyword(Document doc, String field, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        value = keywordValue(value);
        doc.add(new StringField(field, value, Field.Store.YES));
        if (!IndexFields.UID.equals(field)) {
            doc.add(new SortedSetDocValuesField(field, new BytesRef(value)));
        }
    }

    /** A keyword field's value as indexed: well-formed and at most {@link #MAX_KEYWORD_BYTES} UTF-8 bytes. */
    public static String keywordValue(String value) {
        return utf8Prefix(io.hindsight.problem.WellFormedText.repaired(value), MAX_KEYWORD_BYTES);
    }

    /** The longest prefix of {@code s} whose UTF-8 encoding has at most {@code maxBytes} bytes, cut between code points. */
    static String utf8Prefix(String s, int maxBytes) {
        if (s.length() * 3 <= maxBytes) {
            return s; // even at 3 bytes per char (a surrogate pair is 4 bytes for 2 chars) it fits
        }
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                return s.substring(0, i);
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return s;
    }

    private static void date(Document doc, String field, long millis) {
        if (millis == 0) {
            return;
        }
        doc.add(new LongPoint(field, millis));
        doc.add(new NumericDocValuesField(field, millis));
        doc.add(new StoredField(field, millis));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    static long instant(String value) {
        if (value.isEmpty()) {
            return 0L;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (RuntimeException e) {
            return day(value);
        }
    }

    private static long day(String value) {
        if (value.isEmpty()) {
            return 0L;
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return 0L;
        }
    }
}
