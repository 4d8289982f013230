package db.migration;

import io.hindsight.postmortem.repository.ImportKeys;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Imported post-mortems were keyed by their source id, else their url as written; now by their normalised url, else
 * their id ({@code ImportRecord.sourceKey}). This re-keys what is stored ({@link ImportKeys#rekey}, Java because the
 * normalisation is Java) and indexes the source id, by which an import also finds a report that had no url before.
 * Statements run on PostgreSQL and H2.
 */
public class V8_1__normalised_import_identity extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        ImportKeys.rekey(context.getConnection());
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("create index postmortem_source_id_ix on postmortem (source_id)");
        }
    }
}
