package io.hindsight.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

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
        mapper.registerModule(new SimpleModule("hindsight-strict-json").addDeserializer(String.class, new NoNulStrings()));
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
