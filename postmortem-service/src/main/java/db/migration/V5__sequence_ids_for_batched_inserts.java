package db.migration;

import io.hindsight.postmortem.repository.SequenceIds;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Ids of {@code postmortem} and {@code postmortem_revision} come from sequences advancing by
 * {@link SequenceIds#ALLOCATION} instead of identity columns, so that Hibernate can batch the inserts of an import.
 *
 * <p>Java, not SQL, because each sequence must start past the ids already stored, and PostgreSQL (setval) and H2
 * (restart with an expression) have no common statement for that. Every statement below runs on both. The sequence
 * starts {@code ALLOCATION} past the largest id, so the first block of ids is free whether the database value is read
 * as the low (pooled-lo) or the high (pooled) end of the block. The column keeps a default ({@code nextval} of the
 * same sequence), so an insert without an id (SQL by hand, a replica still running the previous version during a
 * rolling update) gets a value that no block handed to Hibernate contains.
 */
public class V5__sequence_ids_for_batched_inserts extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement s = context.getConnection().createStatement()) {
            for (String table : List.of("postmortem", "postmortem_revision")) {
                // first, so that the table is locked (until commit) before its largest id is read
                s.execute("alter table " + table + " alter column id drop identity");
                long max;
                try (ResultSet rs = s.executeQuery("select coalesce(max(id), 0) from " + table)) {
                    rs.next();
                    max = rs.getLong(1);
                }
                String sequence = table + "_seq";
                s.execute("create sequence " + sequence + " start with " + (max + SequenceIds.ALLOCATION)
                        + " increment by " + SequenceIds.ALLOCATION);
                s.execute("alter table " + table + " alter column id set default nextval('" + sequence + "')");
            }
        }
    }
}
