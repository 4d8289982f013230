package io.hindsight.search.index;

import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * What a caller may see, as a Lucene filter clause added to every query (never a filter applied after it, which
 * would break counts, facets and pagination). Authors and admins see drafts; leaders also see post-mortems in
 * review (they approve them); everyone else sees published documents only.
 */
public record Access(boolean drafts, boolean inReview) {

    public static final Access EVERYTHING = new Access(true, true);

    public static Access of(Set<String> roles) {
        boolean drafts = roles.contains("author") || roles.contains("admin");
        return new Access(drafts, drafts || roles.contains("leader"));
    }

    /** The filter clause, or null when the caller may see everything. */
    public Query filter() {
        if (drafts) {
            return null;
        }
        BooleanQuery.Builder visible = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.VISIBILITY, IndexFields.PUBLIC)), BooleanClause.Occur.SHOULD);
        if (inReview) {
            visible.add(new TermQuery(new Term(IndexFields.VISIBILITY, IndexFields.REVIEW)), BooleanClause.Occur.SHOULD);
        }
        return visible.build();
    }

    /**
     * For a query that has a required clause already: the same access as {@link #addTo}, written as exclusions of the
     * visibilities the caller may not see. Excluding the few drafts and reviews is much cheaper for the scorer than
     * intersecting with the many public documents. Visibility is always one of PUBLIC, REVIEW, DRAFT (KnowledgeDocuments).
     */
    public void excludeHiddenFrom(BooleanQuery.Builder query) {
        if (drafts) {
            return;
        }
        query.add(new TermQuery(new Term(IndexFields.VISIBILITY, IndexFields.DRAFT)), BooleanClause.Occur.MUST_NOT);
        if (!inReview) {
            query.add(new TermQuery(new Term(IndexFields.VISIBILITY, IndexFields.REVIEW)), BooleanClause.Occur.MUST_NOT);
        }
    }

    public void addTo(BooleanQuery.Builder query) {
        Query filter = filter();
        if (filter != null) {
            query.add(filter, BooleanClause.Occur.FILTER);
        }
    }
}
