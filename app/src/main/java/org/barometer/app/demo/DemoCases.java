package org.barometer.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.barometer.app.cases.CaseDraft;
import org.barometer.app.cases.CaseLibrary;
import org.barometer.app.cases.Classification;
import org.barometer.app.platform.Platform;

/**
 * The demo's case library, filed through the product's own {@link CaseLibrary} as anyone's cases are: the
 * series' classifications, two cases retold from the Innovation Barometer's publication (with fictitious contact
 * persons at example.org) and {@value #SYNTHETIC} made-up ones, so that search and facets have something to show.
 * Every case is checked by the same rules as a submission and then published.
 */
public final class DemoCases {
    static final String RESOURCE = "org/barometer/app/demo/cases/library.json";
    /** How many made-up cases the demo adds to the two retold ones. */
    public static final int SYNTHETIC = 20;

    private DemoCases() {}

    /** Seeds the library once (nothing when it has cases already); answers how many cases were added. */
    public static int seed(Platform platform) {
        CaseLibrary library = new CaseLibrary(platform);
        if (!library.store().list(library.series(), null, "da").isEmpty()) {
            return 0;
        }
        JsonNode root = read();
        Iterator<Map.Entry<String, JsonNode>> kinds = root.path("classifications").properties().iterator();
        while (kinds.hasNext()) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            int position = 0;
            for (JsonNode c : kind.getValue()) {
                library.define(new Classification(Classification.Kind.ofCode(kind.getKey()), c.get(0).asText(),
                        c.get(1).asText(), c.get(2).asText(), position++));
            }
        }
        List<CaseDraft> drafts = new ArrayList<>();
        for (JsonNode c : root.path("cases")) {
            JsonNode p = c.path("contact");
            drafts.add(new CaseDraft(c.path("lang").asText(), c.path("title").asText(), c.path("summary").asText(),
                    c.path("problem").asText(), c.path("solution").asText(), c.path("results").asText(),
                    strings(c.path("resultNumbers")), c.path("before").asText(), c.path("now").asText(),
                    c.path("valueText").asText(), c.path("organisation").asText(), c.path("level").asText(),
                    c.path("sector").asText(), c.path("technology").asText(), c.path("novelty").asText(),
                    c.path("value").asText(), strings(c.path("tags")), CaseDraft.LICENCES.getFirst(),
                    new CaseDraft.Contact(p.get(0).asText(), p.get(1).asText(), p.get(2).asText(), p.get(3).asText(), true),
                    strings(c.path("links")), null));
        }
        drafts.addAll(synthetic());
        int added = 0;
        for (CaseDraft d : drafts) {
            CaseLibrary.Outcome o = library.submit(d, "demo", "en");
            if (o.id().isEmpty()) {
                throw new IllegalStateException("a demo case is refused: " + d.title() + " " + o.problems());
            }
            library.store().setStatus(o.id().getAsLong(), "published");
            added++;
        }
        return added;
    }

    /** Made-up cases over every level, sector, technology and value, half in Danish and half in English. */
    static List<CaseDraft> synthetic() {
        String[][] topics = {
                // da title, en title, sector, technology, value
                {"Digital booking af lokaler", "Digital booking of rooms", "administration", "apps", "efficiency"},
                {"Sensorer måler indeklimaet i skolen", "Sensors measure the indoor climate at school", "education", "sensors", "workenvironment"},
                {"Kunstig intelligens sorterer post", "Artificial intelligence sorts incoming mail", "administration", "ai", "efficiency"},
                {"Robotstøvsugere på plejecentret", "Robot vacuum cleaners at the care home", "social", "robots", "workenvironment"},
                {"Fælles madplan med borgerne", "A shared meal plan with residents", "social", "none", "satisfaction"},
                {"App til affaldssortering", "An app for sorting waste", "environment", "apps", "quality"},
                {"Video-konsultationer i psykiatrien", "Video consultations in psychiatry", "health", "apps", "satisfaction"},
                {"Elever designer deres egen skolegård", "Pupils design their own schoolyard", "education", "none", "satisfaction"},
                {"Sensorer i skraldespande", "Sensors in litter bins", "environment", "sensors", "efficiency"},
                {"Talegenkendelse i journalerne", "Speech recognition in patient records", "health", "ai", "efficiency"},
        };
        String[] levels = {"municipality", "region", "state"};
        List<CaseDraft> out = new ArrayList<>();
        for (int i = 0; i < SYNTHETIC; i++) {
            String[] t = topics[i % topics.length];
            boolean danish = i % 2 == 0;
            String level = levels[i % levels.length];
            String novelty = i % 3 == 0 ? "known" : "new";
            int n = i + 1;
            String org = danish ? "Eksempelkommune " + n : "Example authority " + n;
            CaseDraft.Contact contact = new CaseDraft.Contact(danish ? "Kontakt " + n : "Contact " + n,
                    "contact" + n + "@example.org", "", "", i % 4 == 0);
            out.add(danish
                    ? new CaseDraft("da", t[0] + " (" + n + ")",
                            "En opdigtet case til demoen: " + t[0].toLowerCase(java.util.Locale.ROOT)
                                    + ". Innovationen blev udviklet sammen med medarbejderne.",
                            "Arbejdsgangen var langsom og gav ekstra arbejde for medarbejderne.",
                            "Arbejdspladsen afprøvede en ny løsning i et halvt år og justerede den undervejs.",
                            "Løsningen bruges nu i hele organisationen.", List.of((10 + n) + " % mindre tidsforbrug"),
                            "Manuel arbejdsgang.", "En enklere arbejdsgang.", "", org, level, t[2], t[3], novelty, t[4],
                            List.of("demo", danish ? "afprøvning" : "trial"), CaseDraft.LICENCES.getFirst(), contact,
                            List.of(), null)
                    : new CaseDraft("en", t[1] + " (" + n + ")",
                            "A made-up case for the demo: " + t[1].toLowerCase(java.util.Locale.ROOT)
                                    + ". The innovation was developed with the staff.",
                            "The work was slow and made extra work for the staff.",
                            "The workplace tried a new solution for six months and adjusted it on the way.",
                            "The solution is now used across the organisation.", List.of((10 + n) + " % less time spent"),
                            "Manual work.", "Simpler work.", "", org, level, t[2], t[3], novelty, t[4],
                            List.of("demo", "trial"), CaseDraft.LICENCES.getFirst(), contact, List.of(), null));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode read() {
        try (InputStream in = DemoCases.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("not on the class path: " + RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
