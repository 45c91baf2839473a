package org.barometer.app.cases;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.barometer.app.edition.SurveyText;
import org.barometer.app.edition.SurveyTextStore;
import org.barometer.app.edition.SurveyTexts;
import org.barometer.app.respond.InvitationStore;
import org.barometer.app.respond.ResponseStore;
import org.barometer.app.respond.TestForm;
import org.jdbi.v3.core.Jdbi;

/** What the case library's tests share: a complete valid submission, and a respondent who was made the offer. */
final class CaseFixtures {
    private CaseFixtures() {}

    /** Every field of a valid submission in Danish, filed under the demo's classifications. */
    static Map<String, String> validForm(String title) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("lang", "da");
        f.put("title", title);
        f.put("summary", "Kantinen har skåret madspildet ned ved at lade medarbejderne bestille frokost dagen før.");
        f.put("organisation", "Testkommunens rådhus");
        f.put("problem", "Der blev smidt meget mad ud hver dag, fordi ingen vidste, hvor mange der ville spise.");
        f.put("solution", "Medarbejderne bestiller frokost i en app dagen før, og køkkenet laver det, der er bestilt.");
        f.put("results", "Madspildet er faldet markant.");
        f.put("result_numbers", "35 % mindre madspild");
        f.put("before", "Køkkenet gættede.");
        f.put("now", "Køkkenet ved det.");
        f.put("value_text", "Mindre spild og lavere udgifter.");
        f.put("level", "municipality");
        f.put("sector", "administration");
        f.put("technology", "apps");
        f.put("novelty", "known");
        f.put("value", "efficiency");
        f.put("tags", "madspild, kantine");
        f.put("licence", "CC BY 4.0");
        f.put("contact_name", "Karin Eksempel");
        f.put("contact_email", "karin@example.org");
        f.put("contact_phone", "+45 00 00 00 09");
        f.put("contact_role", "Køkkenleder");
        f.put("contact_consent", "yes");
        f.put("links", "https://example.org/madspild");
        f.put("image_alt", "");
        f.put("website", "");
        return f;
    }

    /** A respondent's token: an edition that makes the offer, an invitation with a submitted response. */
    static String offeredRespondent(Jdbi jdbi, String workplace) {
        long edition = TestForm.edition(jdbi, "Edition with a case offer " + workplace);
        new SurveyTextStore(jdbi).replace(edition, SurveyTexts.defaults()
                .with(SurveyText.CASE_OFFER, "da", "Må vi kontakte dig om jeres seneste innovation som case?")
                .with(SurveyText.CASE_OFFER, "en", "May we contact you about your latest innovation as a case?"));
        InvitationStore invitations = new InvitationStore(jdbi);
        InvitationStore.IssuedLink link = invitations.create(edition, List.of(new InvitationStore.Invitee(workplace,
                workplace, "Leder " + workplace, "leder@example.org", "da", "s1")),
                Instant.now().plus(30, ChronoUnit.DAYS)).getFirst();
        new ResponseStore(jdbi).importSubmitted(List.of(new ResponseStore.Imported(link.invitationId(), Map.of(), "da")));
        return link.token();
    }
}
