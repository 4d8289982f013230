package io.hindsight.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hindsight.ui.client.SnippetPart;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetPartTest {

    @Test
    void splitsOnMarkersAndDecodesEntitiesToPlainText() {
        List<SnippetPart> parts = SnippetPart.parse("a &lt;script&gt; <mark>latency</mark> &amp; more");
        assertEquals(List.of(new SnippetPart("a <script> ", false), new SnippetPart("latency", true), new SnippetPart(" & more", false)), parts);
    }

    @Test
    void unclosedMarkIsStillText() {
        assertEquals(List.of(new SnippetPart("x ", false), new SnippetPart("y", true)), SnippetPart.parse("x <mark>y"));
    }
}
