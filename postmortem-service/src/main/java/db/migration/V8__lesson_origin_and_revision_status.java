package db.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * What the visibility rules need to judge each object by its own state (issue 15):
 * <ul>
 *   <li>{@code lesson.origin_postmortem_id}: the post-mortem a lesson was first written in (null for a library lesson,
 *   written on its own). A lesson from a post-mortem is not public until a published post-mortem teaches it.
 *   Existing lessons that post-mortems teach, none of them published, and that are not the starter set, are taken to
 *   come from the first of them: they may have been written in a draft, and hiding them is the safe guess.</li>
 *   <li>{@code postmortem_revision.status}: the status each revision was saved in, read from its snapshot, so that a
 *   draft revision of a published post-mortem stays a draft.</li>
 * </ul>
 * Java, not SQL, because the status is read from the JSON snapshot; every statement runs on PostgreSQL and H2.
 */
public class V8__lesson_origin_and_revision_status extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        try (Statement s = connection.createStatement()) {
            s.execute("alter table lesson add column origin_postmortem_id bigint");
            s.execute("update lesson set origin_postmortem_id = (select min(pl.postmortem_id) from postmortem_lesson pl"
                    + " where pl.lesson_id = lesson.id)"
                    + " where created_by <> 'hindsight'"
                    + " and exists (select 1 from postmortem_lesson pl where pl.lesson_id = lesson.id)"
                    + " and not exists (select 1 from postmortem_lesson pl join postmortem p on p.id = pl.postmortem_id"
                    + " where pl.lesson_id = lesson.id and p.status = 'PUBLISHED')");
            s.execute("alter table postmortem_revision add column status varchar(16)");
        }
        ObjectMapper json = new ObjectMapper();
        try (Statement read = connection.createStatement();
             PreparedStatement write = connection.prepareStatement("update postmortem_revision set status = ? where id = ?")) {
            read.setFetchSize(500);
            int pending = 0;
            try (ResultSet rs = read.executeQuery("select id, snapshot from postmortem_revision")) {
                while (rs.next()) {
                    String status = json.readTree(rs.getString(2)).path("status").asText("");
                    write.setString(1, switch (status) {
                        case "PUBLISHED", "IN_REVIEW" -> status;
                        default -> "DRAFT";
                    });
                    write.setLong(2, rs.getLong(1));
                    write.addBatch();
                    if (++pending == 500) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
        try (Statement s = connection.createStatement()) {
            // a replica of the previous version (rolling update) inserts no status: its revisions count as drafts,
            // hidden from readers, the safe side
            s.execute("alter table postmortem_revision alter column status set default 'DRAFT'");
            s.execute("alter table postmortem_revision alter column status set not null");
        }
    }
}
