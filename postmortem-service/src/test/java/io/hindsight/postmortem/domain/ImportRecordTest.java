package io.hindsight.postmortem.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImportRecordTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2019-11-29, 2019-11-29T00:00:00Z",
            "2020, 2020-01-01T00:00:00Z",
            "2020-07, 2020-07-01T00:00:00Z",
            "2021-03-04T10:15:00+01:00, 2021-03-04T09:15:00Z"})
    void datesOfRealCollectionsAreRead(String date, String instant) {
        assertEquals(instant, ImportRecord.of("x", null, "t", null, date, null, "body").date().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no id nor url   | ''  | ''                | title | text | ''           | id",
            "bad url         | ''  | ftp://x           | title | text | ''           | url",
            "blank title     | a   | ''                | ' '   | text | ''           | title",
            "blank text      | a   | ''                | title | ' '  | ''           | text",
            "bad date        | a   | ''                | title | text | yesterday    | date"})
    void invalidRecordsNameTheField(String name, String id, String url, String title, String text, String date, String field) {
        var e = assertThrows(ImportRecord.Invalid.class, () -> ImportRecord.of(id, url, title, null, date, null, text));
        assertEquals(field, e.field());
    }

    @Test
    void keyIsTheNormalisedUrlElseTheId() {
        assertEquals("url://x.example/1", ImportRecord.of("a", "https://x.example/1", "t", null, null, null, "b").sourceKey());
        assertEquals("url://x.example/1", ImportRecord.of(null, "HTTP://X.Example:80/1/#top", "t", null, null, null, "b").sourceKey());
        assertEquals("id:a", ImportRecord.of("a", null, "t", null, null, null, "b").sourceKey());
    }

    @Test
    void aKeyLongerThanItsColumnIsItsHash() {
        String key = ImportRecord.of(null, "https://x.example/" + "y".repeat(1500), "t", null, null, null, "b").sourceKey();
        assertEquals("url:sha256:".length() + 64, key.length());
        assertEquals(key, ImportRecord.of(null, "https://X.example/" + "y".repeat(1500) + "/", "t", null, null, null, "b").sourceKey());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"+300000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "1969-12-31",
            "+10000-01-01T00:00:00Z"})
    void aDateOutsideTheYears1970To9999IsRefusedNamingTheField(String date) {
        var e = assertThrows(ImportRecord.Invalid.class, () -> ImportRecord.of("a", null, "t", null, date, null, "b"));
        assertEquals("date", e.field());
    }

    @Test
    void categoriesAreFoldedAndDeduplicated() {
        assertEquals(List.of("kubernetes", "dns"),
                ImportRecord.of("a", null, "t", null, null, Arrays.asList("Kubernetes", "kubernetes ", "DNS"), "b").categories());
        assertThrows(ImportRecord.Invalid.class, () -> ImportRecord.of("a", null, "t", null, null, Arrays.asList("x", " "), "b"));
    }
}
