package io.hindsight.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
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
 * What a request body may be, beyond its types (the first two found by e2e {@code HostileInputPropertyTest}):
 * one JSON value and nothing after it ({@code {"a":1}}} or {@code {} trailing} is malformed JSON, not the value
 * before the garbage); no NUL character in a string (PostgreSQL text cannot hold one: it failed the write with a
 * 500); and well-formed Unicode in every string and map key (no lone UTF-16 surrogate, e.g. {@code "\ud800"}: stored,
 * it broke every change-feed page that held it, see {@link WellFormedText}). All are 400 problems naming the field
 * through {@link ProblemExceptionMappers}.
 * <p>On the way out, every string and map key is written {@linkplain WellFormedText#repaired repaired} (a lone
 * surrogate becomes U+FFFD), so text stored before the edges refused it never makes a response, a change-feed
 * payload or an export ill-formed.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new SimpleModule("hindsight-strict-json")
                .addDeserializer(String.class, new WellFormedStrings())
                .addKeyDeserializer(String.class, new WellFormedKeys())
                .addSerializer(String.class, new RepairedStrings())
                .addKeySerializer(String.class, new RepairedKeys())
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

    /** A string value or map key that is not acceptable text; its message says why. */
    public static final class IllFormedText extends InvalidFormatException {
        IllFormedText(JsonParser p, String why, String value) {
            super(p, why, WellFormedText.repaired(value), String.class);
        }
    }

    static final class WellFormedStrings extends StdScalarDeserializer<String> {

        WellFormedStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String why = WellFormedText.problem(value);
            if (why != null) {
                throw new IllFormedText(p, why, value);
            }
            return value;
        }
    }

    static final class WellFormedKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String why = WellFormedText.problem(key);
            if (why != null) {
                throw new IllFormedText(ctxt.getParser(), "key: " + why, key);
            }
            return key;
        }
    }

    static final class RepairedStrings extends StdScalarSerializer<String> {
        RepairedStrings() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(WellFormedText.repaired(value));
        }
    }

    static final class RepairedKeys extends StdScalarSerializer<String> {
        RepairedKeys() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeFieldName(WellFormedText.repaired(value));
        }
    }
}
