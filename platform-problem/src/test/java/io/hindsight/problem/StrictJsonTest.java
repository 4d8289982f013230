package io.hindsight.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    record Body(Instant at, LocalDate due, OffsetDateTime when) {
    }

    /** As Quarkus builds it: the JSR-310 module registered, then the customizer (and the other order too). */
    private static ObjectMapper mapper(boolean timeModuleFirst) {
        ObjectMapper m = new ObjectMapper();
        if (timeModuleFirst) {
            m.registerModule(new JavaTimeModule());
        }
        new StrictJson().customize(m);
        if (!timeModuleFirst) {
            m.registerModule(new JavaTimeModule());
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"at\":\"+300000000-01-01T00:00:00Z\"}", "{\"at\":\"-999999999-01-01T00:00:00Z\"}",
            "{\"at\":\"0000-12-31T23:59:59Z\"}", "{\"due\":\"+300000000-01-01\"}", "{\"when\":\"+10000-01-02T00:00:00+02:00\"}"})
    void bodyDatesOutsideTheYears0001To9999AreRefusedByField(String json) {
        for (boolean first : new boolean[]{true, false}) {
            InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> mapper(first).readValue(json, Body.class), json);
            assertEquals(json.substring(2, json.indexOf('"', 2)), e.getPath().get(0).getFieldName());
        }
    }

    @Test
    void datesWithinTheRangeAreRead() throws Exception {
        Body b = mapper(true).readValue("{\"at\":\"2026-11-27T10:00:00Z\",\"due\":\"9999-12-31\",\"when\":\"1970-01-01T00:00:00Z\"}", Body.class);
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), b.at());
        assertEquals(LocalDate.parse("9999-12-31"), b.due());
        // Alertmanager's "zero time" for the endsAt of a firing alert
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), mapper(false).readValue("{\"at\":\"0001-01-01T00:00:00Z\"}", Body.class).at());
        assertEquals(Instant.parse("1969-12-31T23:59:59Z"), mapper(false).readValue("{\"at\":\"1969-12-31T23:59:59Z\"}", Body.class).at());
    }
}
