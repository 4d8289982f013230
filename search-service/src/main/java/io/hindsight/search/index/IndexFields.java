package io.hindsight.search.index;

/** Names of the fields of the index, one schema for every document type. */
public final class IndexFields {
    /** Unique key across types: {@code <type>:<id>}. */
    public static final String UID = "uid";
    public static final String TYPE = "type";
    public static final String ID = "id";
    public static final String TITLE = "title";
    public static final String SYMPTOM = "symptom";
    /** All prose of the document, for the lowest-weighted match. */
    public static final String BODY = "body";
    public static final String SERVICE = "service";
    public static final String STATUS = "status";
    public static final String PRIORITY = "priority";
    public static final String DRILL = "drill";
    public static final String UPDATED = "updated";

    private IndexFields() {
    }
}
