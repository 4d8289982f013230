package io.hindsight.postmortem.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevisionDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void unchangedSnapshotsHaveNoChanges() throws Exception {
        JsonNode a = json("{'title':'x','impact':{'durationMinutes':3},'services':['a']}");
        assertTrue(RevisionDiff.between(a, a.deepCopy()).isEmpty());
    }

    @Test
    void nestedFieldsAreNamedByPath() throws Exception {
        var changes = RevisionDiff.between(json("{'impact':{'durationMinutes':3,'sla':null}}"),
                json("{'impact':{'durationMinutes':35,'sla':null}}"));
        assertEquals(List.of("impact.durationMinutes"), changes.stream().map(RevisionDiff.FieldChange::field).toList());
        assertEquals(3, changes.get(0).before().asInt());
        assertEquals(35, changes.get(0).after().asInt());
    }

    @Test
    void addedAndRemovedFieldsAreChanges() throws Exception {
        var changes = RevisionDiff.between(json("{'a':1}"), json("{'b':2}"));
        assertEquals(List.of("a", "b"), changes.stream().map(RevisionDiff.FieldChange::field).toList());
        assertTrue(changes.get(0).after().isNull());
    }

    @Test
    void arraysCompareAsAWhole() throws Exception {
        var changes = RevisionDiff.between(json("{'services':['a','b']}"), json("{'services':['b','a']}"));
        assertEquals(1, changes.size());
        assertEquals("services", changes.get(0).field());
    }

    @Test
    void textGetsALineDiff() {
        assertEquals(List.of("  one", "- two", "+ deux", "  three", "+ four"),
                RevisionDiff.lines("one\ntwo\nthree", "one\ndeux\nthree\nfour"));
    }

    @Test
    void textFromNothingIsAllAdded() {
        assertEquals(List.of("+ a", "+ b"), RevisionDiff.lines("", "a\nb"));
    }

    @Test
    void hugeTextsAreDiffedWithBoundedWork() {
        String big = "x\n".repeat(3000);
        List<String> lines = RevisionDiff.lines(big, big + "y");
        assertEquals(6002, lines.size());
    }
}
