package io.hindsight.postmortem.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of an imported report's address: two spellings of one address give the same identity, so that
 * importing the report again updates it instead of adding a copy. What is the same address:
 * <ul>
 *   <li>{@code http} and {@code https} (sites move to https; the report stays the same);</li>
 *   <li>the host in any case, and the default port (80, 443) written or not;</li>
 *   <li>with or without trailing slashes on the path ({@code /a/} = {@code /a}; the path is otherwise case-sensitive);</li>
 *   <li>with or without a fragment ({@code #section}: a place in the page, not another page);</li>
 *   <li>with or without tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, {@code mc_cid},
 *       {@code mc_eid}); other query parameters are kept in their order, an empty query is dropped;</li>
 *   <li>percent-escapes in either case ({@code %2f} = {@code %2F}).</li>
 * </ul>
 * Not the same: another host ({@code www.example.com} is not {@code example.com}), another path case, other query
 * parameters.
 */
public final class SourceUrl {

    private static final Pattern URL = Pattern.compile("(?i)^(https?)://([^/?#]*)([^?#]*)(\\?[^#]*)?(#.*)?$");
    private static final Pattern ESCAPE = Pattern.compile("%[0-9a-fA-F]{2}");
    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "mc_cid", "mc_eid");

    private SourceUrl() {
    }

    /** The identity of an http(s) url, as {@code //host[:port]/path[?query]}; the url itself if it is not one. */
    public static String identity(String url) {
        Matcher m = URL.matcher(url.strip());
        if (!m.matches()) {
            return url.strip();
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String authority = m.group(2);
        String userInfo = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo = authority.substring(0, at + 1);
            authority = authority.substring(at + 1);
        }
        String host = authority.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1); // the root label: example.com. is example.com
        }
        String defaultPort = scheme.equals("https") ? ":443" : ":80";
        if (host.endsWith(defaultPort)) {
            host = host.substring(0, host.length() - defaultPort.length());
        } else if (host.endsWith(":")) {
            host = host.substring(0, host.length() - 1);
        }
        String path = upperEscapes(m.group(3));
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String query = query(m.group(4));
        return "//" + userInfo + host + path + query;
    }

    private static String query(String raw) {
        if (raw == null || raw.length() <= 1) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : raw.substring(1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || TRACKING.contains(name)) {
                continue;
            }
            kept.add(upperEscapes(pair));
        }
        return kept.isEmpty() ? "" : "?" + String.join("&", kept);
    }

    private static String upperEscapes(String s) {
        return ESCAPE.matcher(s).replaceAll(r -> r.group().toUpperCase(Locale.ROOT));
    }
}
