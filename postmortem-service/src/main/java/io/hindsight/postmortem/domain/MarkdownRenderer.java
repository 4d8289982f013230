package io.hindsight.postmortem.domain;

import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Renders the Markdown of a post-mortem's text fields to HTML that is safe to show: CommonMark (with tables)
 * first, then an allow-list sanitiser, so no script, iframe, style, event handler or javascript:/data: URL
 * survives, whatever raw HTML or link trick the Markdown carries. Thread-safe.
 */
public final class MarkdownRenderer {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();
    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeTags("img")
            .addAttributes("a", "rel")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

    private MarkdownRenderer() {
    }

    /** Safe HTML for a Markdown fragment; null or blank gives an empty string. */
    public static String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        String raw = RENDERER.render(PARSER.parse(markdown));
        return sanitize(raw);
    }

    /** The allow-list pass on its own (also used on any HTML assembled from rendered parts). */
    public static String sanitize(String html) {
        Document dirty = Jsoup.parseBodyFragment(html, "");
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }
}
