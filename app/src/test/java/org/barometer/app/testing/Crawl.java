package org.barometer.app.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a client's links from some start pages, breadth first, as a reader clicking every link would: each page
 * is handed to a visitor with its path, redirects are followed when the target is to be followed, and no path is
 * fetched twice ({@code seen} is shared between walks).
 */
public final class Crawl {
    private Crawl() {}

    /** A link to a path of the same server in a page's markup. */
    public static final Pattern HREF = Pattern.compile("href=\"(/[^\"#]*)\"");

    /** A download rather than a page: data files, charts, microdata. */
    public static boolean isDownload(String path) {
        return path.matches(".*\\.(csv|xlsx|png|svg|json|px|json-stat)(\\?.*)?$") || path.matches(".*/microdata/[a-z]+(\\?.*)?$");
    }

    /** A page to read: not a static file, an API call, a download or signing out. */
    public static boolean isPage(String path) {
        return !path.startsWith("/static/") && !path.startsWith("/api/") && !isDownload(path) && !path.equals("/logout");
    }

    /** Every path linked from a page's markup, in order, with {@code &amp;} read as {@code &}. */
    public static List<String> links(String html) {
        List<String> links = new ArrayList<>();
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            links.add(m.group(1).replace("&amp;", "&"));
        }
        return links;
    }

    /**
     * Walks from {@code start}, at most {@code limit} paths in {@code seen}: every page that {@code follow} accepts
     * is fetched and handed to {@code visit}, and its links are followed in turn.
     */
    public static void walk(WebClient client, List<String> start, int limit, Set<String> seen, Predicate<String> follow,
                            BiConsumer<String, WebClient.Response> visit) {
        Deque<String> queue = new ArrayDeque<>(start);
        while (!queue.isEmpty() && seen.size() < limit) {
            String path = queue.poll().replace("&amp;", "&");
            if (!seen.add(path)) {
                continue;
            }
            WebClient.Response r = client.get(path);
            if (r.status() == 303 || r.status() == 302) {
                r.header("Location").filter(follow).ifPresent(queue::add);
                continue;
            }
            visit.accept(path, r);
            for (String link : links(r.body())) {
                if (follow.test(link)) {
                    queue.add(link);
                }
            }
        }
    }
}
