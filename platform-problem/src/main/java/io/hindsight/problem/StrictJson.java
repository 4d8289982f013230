package io.hindsight.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * What a request body may be, beyond its types (both found by e2e {@code HostileInputPropertyTest}):
 * one JSON value and nothing after it ({@code {"a":1}}} or {@code {} trailing} is malformed JSON, not the value
 * before the garbage), and no NUL character in a string (PostgreSQL text cannot hold one: it failed the write
 * with a 500). Both are 400 problems through {@link ProblemExceptionMappers}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new SimpleModule("hindsight-strict-json").addDeserializer(String.class, new NoNulStrings())
                .setDeserializerModifier(new BoundedTimes()));
    }

    /**
     * Dates and times in a body are held to the four-digit years 0001–9999: Jackson reads years up to ±999,999,999,
     * which the database's timestamps cannot store (a 500 on write). Wider than query parameters' 1970–9999
     * ({@link ParameterValues}) on purpose: Alertmanager sends {@code endsAt: 0001-01-01T00:00:00Z} for a firing
     * alert. Wraps whatever deserializer reads the type (the JSR-310 module's), so formats and leniency stay.
     */
    static final class BoundedTimes extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class || type == LocalDate.class
                    || type == LocalDateTime.class) {
                return new Bounded(deserializer);
            }
            return deserializer;
        }
    }

    static final class Bounded extends DelegatingDeserializer {
        static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

        Bounded(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Bounded(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            Instant at = null;
            if (value instanceof Instant i) {
                at = i;
            } else if (value instanceof OffsetDateTime o) {
                at = o.toInstant();
            } else if (value instanceof ZonedDateTime z) {
                at = z.toInstant();
            } else if (value instanceof LocalDate d) {
                at = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            } else if (value instanceof LocalDateTime t) {
                at = t.toInstant(ZoneOffset.UTC);
            }
            if (at != null && (at.isBefore(EARLIEST) || at.isAfter(ParameterValues.LATEST))) {
                throw InvalidFormatException.from(p, "must be within the years 0001–9999", String.valueOf(value), handledType());
            }
            return value;
        }
    }

    static final class NoNulStrings extends StdScalarDeserializer<String> {

        NoNulStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(p, "a NUL character is not allowed in text", value.replace('\u0000', '\uFFFD'), String.class);
            }
            return value;
        }
    }
}
