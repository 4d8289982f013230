package io.hindsight.ui.rest;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Template extension methods for building links: {@code {q.urlEncode}}. */
@TemplateExtension
public final class UrlTemplateExtensions {

    private UrlTemplateExtensions() {
    }

    public static String urlEncode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
