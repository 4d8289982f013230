package io.hindsight.search.index;

import java.util.List;

/** A search as the API received it; validated by {@link SearchService}. */
public record SearchRequest(String q, List<String> types, List<String> services, List<String> priorities,
                            List<String> categories, List<String> statuses, String from, String to, String sort,
                            List<String> facets, int offset, int limit) {

    public static SearchRequest of(String q, int offset, int limit) {
        return new SearchRequest(q, List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null, List.of(), offset, limit);
    }
}
