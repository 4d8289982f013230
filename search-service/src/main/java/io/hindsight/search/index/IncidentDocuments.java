package io.hindsight.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/** Maps an incident snapshot from incident-service's change feed to its Lucene document. */
public final class IncidentDocuments {

    public static final String TYPE = "incident";

    private IncidentDocuments() {
    }

    public static String uid(String id) {
        return TYPE + ":" + id;
    }

    public static Document toDocument(String id, JsonNode incident) {
        Document doc = new Document();
        doc.add(new StringField(IndexFields.UID, uid(id), Field.Store.YES));
        doc.add(new StringField(IndexFields.TYPE, TYPE, Field.Store.YES));
        doc.add(new StringField(IndexFields.ID, id, Field.Store.YES));
        String title = text(incident, "title");
        String symptom = text(incident, "symptom");
        doc.add(new TextField(IndexFields.TITLE, title, Field.Store.YES));
        doc.add(new TextField(IndexFields.SYMPTOM, symptom, Field.Store.YES));
        StringBuilder body = new StringBuilder(title).append('\n').append(symptom);
        for (JsonNode service : incident.path("services")) {
            doc.add(new StringField(IndexFields.SERVICE, service.asText(), Field.Store.YES));
            body.append('\n').append(service.asText());
        }
        doc.add(new TextField(IndexFields.BODY, body.toString(), Field.Store.NO));
        keyword(doc, IndexFields.STATUS, text(incident, "status"));
        keyword(doc, IndexFields.PRIORITY, text(incident, "priority"));
        keyword(doc, IndexFields.DRILL, String.valueOf(incident.path("drill").asBoolean(false)));
        long updated = parseInstant(text(incident, "updatedAt"));
        doc.add(new LongPoint(IndexFields.UPDATED, updated));
        doc.add(new NumericDocValuesField(IndexFields.UPDATED, updated));
        doc.add(new StoredField(IndexFields.UPDATED, updated));
        return doc;
    }

    private static void keyword(Document doc, String field, String value) {
        if (!value.isEmpty()) {
            doc.add(new StringField(field, value, Field.Store.YES));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    private static long parseInstant(String value) {
        if (value.isEmpty()) {
            return 0L;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (RuntimeException e) {
            return 0L;
        }
    }
}
