package io.hindsight.postmortem.repository;

import io.hindsight.postmortem.domain.ImportRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** Re-keys stored imports to {@link ImportRecord#keyOf}: run once by the migration V8_1. */
public final class ImportKeys {

    private ImportKeys() {
    }

    /**
     * Gives every imported post-mortem the key of its identity. Where two stored post-mortems are one report (copies
     * made by imports before the identity was normalised), the oldest takes the key and the others keep theirs: they
     * are not merged or deleted (their revisions and links stay), and later imports update the oldest. Returns how
     * many were re-keyed.
     */
    public static int rekey(Connection c) throws SQLException {
        Set<String> taken = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select source_key from postmortem where source_key is not null")) {
            while (rs.next()) {
                taken.add(rs.getString(1));
            }
        }
        int changed = 0;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id, source_key, source_id, source_url from postmortem"
                     + " where source_kind = 'IMPORT' and source_key is not null order by id");
             PreparedStatement update = c.prepareStatement("update postmortem set source_key = ? where id = ?")) {
            while (rs.next()) {
                String old = rs.getString(2);
                String key = ImportRecord.keyOf(rs.getString(3), rs.getString(4));
                if (key == null || key.equals(old) || taken.contains(key)) {
                    continue;
                }
                update.setString(1, key);
                update.setLong(2, rs.getLong(1));
                update.executeUpdate();
                taken.remove(old);
                taken.add(key);
                changed++;
            }
        }
        return changed;
    }
}
