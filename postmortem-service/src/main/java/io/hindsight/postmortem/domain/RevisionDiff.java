package io.hindsight.postmortem.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The difference between two snapshots of a post-mortem: one entry per changed field (a JSON path such as
 * {@code impact.durationMinutes}), with a line diff for text.
 */
public final class RevisionDiff {

    /** Beyond this many line pairs a text diff is shown as removed-then-added instead of aligned (bounded work). */
    static final long MAX_LCS_CELLS = 4_000_000L;

    public record FieldChange(String field, JsonNode before, JsonNode after, List<String> lines) {
    }

    private RevisionDiff() {
    }

    public static List<FieldChange> between(JsonNode before, JsonNode after) {
        List<FieldChange> changes = new ArrayList<>();
        walk("", nullSafe(before), nullSafe(after), changes);
        return changes;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<FieldChange> out) {
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path.isEmpty() ? name : path + "." + name, nullSafe(a.get(name)), nullSafe(b.get(name)), out);
            }
            return;
        }
        if (a.equals(b)) {
            return;
        }
        List<String> lines = a.isTextual() || b.isTextual()
                ? lines(a.isTextual() ? a.asText() : "", b.isTextual() ? b.asText() : "") : List.of();
        out.add(new FieldChange(path, a, b, lines));
    }

    /** A line diff: each line prefixed with "  " (kept), "- " (removed) or "+ " (added). */
    public static List<String> lines(String before, String after) {
        String[] x = before.isEmpty() ? new String[0] : before.split("\n", -1);
        String[] y = after.isEmpty() ? new String[0] : after.split("\n", -1);
        List<String> out = new ArrayList<>();
        if ((long) x.length * y.length > MAX_LCS_CELLS) {
            for (String s : x) {
                out.add("- " + s);
            }
            for (String s : y) {
                out.add("+ " + s);
            }
            return out;
        }
        int[][] lcs = new int[x.length + 1][y.length + 1];
        for (int i = x.length - 1; i >= 0; i--) {
            for (int j = y.length - 1; j >= 0; j--) {
                lcs[i][j] = x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            if (x[i].equals(y[j])) {
                out.add("  " + x[i]);
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add("- " + x[i++]);
            } else {
                out.add("+ " + y[j++]);
            }
        }
        while (i < x.length) {
            out.add("- " + x[i++]);
        }
        while (j < y.length) {
            out.add("+ " + y[j++]);
        }
        return out;
    }

    private static JsonNode nullSafe(JsonNode n) {
        return n == null ? NullNode.getInstance() : n;
    }

}
