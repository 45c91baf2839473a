package org.barometer.app.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.barometer.app.coding.FrameCategory;
import org.barometer.app.coding.Suggestions;

/**
 * The technologies the demo's workplaces describe in their own words (the open question {@code tech_description}):
 * synthetic Danish answers written as people write them — several technologies in one answer, misspellings, no
 * fixed form — and the codes the keywords of the demo's coding frame (its {@code keywords_da} column: keywords and
 * their misspelt variants) suggest for them, as the coding workspace's rules find them.
 */
final class DemoTechnology {
    /** Per code: how workplaces write it (some misspelt). */
    static final Map<String, List<String>> PHRASES = new LinkedHashMap<>();
    /** The code suggested for an answer no keyword is found in. */
    static final String OTHER = "other";

    static {
        technology("ai_learning", List.of("maskinlæring til visitation", "maskinlærring til at sortere henvendelser",
                "kunstig intelligens der forudsiger behov", "billedgenkendelse med AI"));
        technology("ai_language", List.of("chatbot i borgerservice", "chat-bot til spørgsmål om affald",
                "talegenkendelse til journaler", "tale til tekst for ordblinde"));
        technology("vr_ar", List.of("VR-briller i træningen", "virtual reality til undervisning",
                "virtuel virkelighed i genoptræning", "udvidet virkelighed (AR) på byggepladsen"));
        technology("sensors_iot", List.of("sensorer i plejeboligerne", "sensor på sengen", "sensore i toiletterne",
                "IoT-måling af indeklima", "intelligent gadelys"));
        technology("drones", List.of("droner til inspektion af broer", "drone til eftersøgning", "dronner til at tjekke tage"));
        technology("printing_3d", List.of("3D-print af hjælpemidler", "3d printer i sløjd", "laserskærer i makerspace"));
        technology("rpa", List.of("softwarerobot (RPA) i lønbogholderiet", "RPA til sagsbehandling",
                "softwarerobotter der flytter data"));
        technology("apps", List.of("app til borgerkontakt", "en app hvor borgerne booker tid", "ny applikation til forældre"));
        technology("tablets", List.of("tablets i undervisningen", "ipads til beboerne", "tablet til medarbejderne"));
        technology("social_media", List.of("facebookgruppe for forældre", "instagram til rekruttering",
                "sociale medier i kommunikationen"));
        technology("robots", List.of("robotstøvsugere på skolen", "spiserobot til beboere", "robotarm i køkkenet",
                "robbot til rengøring"));
        technology("self_service", List.of("selvbetjening på biblioteket", "selvbetjeningsautomat",
                "selvbetjning i borgerservice"));
        technology("computers", List.of("nye bærbare computere", "pc'er til alle medarbejdere", "computer i klasselokalet"));
        technology("websites", List.of("ny hjemmeside", "intranet for medarbejderne", "hjemmesie med booking"));
        technology("mail_planning", List.of("digital vagtplan", "fælles kalender i outlook", "sikker mail til borgerne",
                "planlægningsværktøj til ruter"));
        technology("programmes", List.of("nyt journalsystem", "fagsystem til sagsbehandling", "nyt økonomisystem",
                "nyt omsorgssystem"));
    }

    /** The technologies mostly new, both, and mostly known to the workplaces that use them (the seed's grouping). */
    static final List<String> MOSTLY_NEW = List.of("ai_learning", "ai_language", "vr_ar", "sensors_iot", "drones",
            "printing_3d", "rpa");
    static final List<String> BOTH = List.of("apps", "tablets", "social_media", "robots", "self_service");
    static final List<String> MOSTLY_KNOWN = List.of("computers", "websites", "mail_planning", "programmes");

    private static final String[] OPENINGS = {"", "", "Vi har indført ", "Vi bruger nu ", "Indførelse af ", "Vi har fået "};
    private static final String[] JOINS = {" og ", ", ", " samt ", " + ", " og så "};

    private DemoTechnology() {
    }

    private static void technology(String code, List<String> phrases) {
        PHRASES.put(code, phrases);
    }

    /**
     * An answer of a workplace whose technology was new to it ({@code tech_new} "new"), known ("known") or neither
     * said ("dont_know"): one technology, or two or three, drawn mostly from those that are often new to the
     * workplaces that say so, and mostly from those that are often known to the others.
     */
    static String describe(SplittableRandom random, String techNew) {
        double u = random.nextDouble();
        int count = u < 0.65 ? 1 : u < 0.93 ? 2 : 3;
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < count) {
            double g = random.nextDouble();
            List<String> group = switch (techNew) {
                case "new" -> g < 0.55 ? MOSTLY_NEW : g < 0.8 ? BOTH : MOSTLY_KNOWN;
                case "known" -> g < 0.18 ? MOSTLY_NEW : g < 0.5 ? BOTH : MOSTLY_KNOWN;
                default -> g < 0.33 ? MOSTLY_NEW : g < 0.66 ? BOTH : MOSTLY_KNOWN;
            };
            codes.add(group.get(random.nextInt(group.size())));
        }
        List<String> parts = new ArrayList<>();
        for (String code : codes) {
            List<String> phrases = PHRASES.get(code);
            parts.add(phrases.get(random.nextInt(phrases.size())));
        }
        StringBuilder text = new StringBuilder(OPENINGS[random.nextInt(OPENINGS.length)]);
        for (int k = 0; k < parts.size(); k++) {
            if (k > 0) {
                text.append(JOINS[random.nextInt(JOINS.length)]);
            }
            text.append(parts.get(k));
        }
        String written = text.toString();
        // most write the first letter as a capital, some do not
        return random.nextDouble() < 0.8 ? Character.toUpperCase(written.charAt(0)) + written.substring(1) : written;
    }

    /**
     * The codes the keywords of the demo's coding frame suggest for an answer ({@link Suggestions#keywordIn}), in
     * the frame's order; {@link #OTHER} when no keyword is found.
     */
    static List<String> suggest(String answer) {
        String text = Suggestions.normalised(answer);
        List<String> codes = new ArrayList<>();
        for (FrameCategory c : DemoCoding.frame().categories()) {
            if (Suggestions.keywordIn(c.keywords(), text) != null) {
                codes.add(c.code());
            }
        }
        return codes.isEmpty() ? List.of(OTHER) : codes;
    }
}
