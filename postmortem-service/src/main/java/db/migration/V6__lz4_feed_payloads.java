package db.migration;

import io.hindsight.changefeed.FeedPayloadCompression;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The change feed's payloads (a post-mortem snapshot per change) are compressed with LZ4 on PostgreSQL and kept in the row: a third of
 * pglz's CPU on every write (see {@link FeedPayloadCompression}). Java, not SQL: H2 (the embedded build) has no such
 * setting, and PostgreSQL may be built without LZ4.
 */
public class V6__lz4_feed_payloads extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        FeedPayloadCompression.useLz4WhereAvailable(context.getConnection());
    }
}
